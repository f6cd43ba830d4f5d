import { api, call } from './client';
import { allItems } from '../lib/pages';
import type { TemplateVersion } from './types';

/** A template's versions, newest first: every page of them (a workspace and the template editor need them all). */
export function templateVersions(templateId: string): Promise<TemplateVersion[]> {
  return allItems((paging) => call(api.GET('/api/v1/templates/{templateId}/versions', {
    params: { path: { templateId }, query: paging },
  })), (page) => page.versions);
}
