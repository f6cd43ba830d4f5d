import { readFileSync } from 'node:fs';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import type { TemplateSpec } from '../api/types';
import { formToSpec, newSpecForm, sameSpec, specToForm } from './templateForm';

const spec: TemplateSpec = {
  image: 'devsanctum/base:1', entrypoint: [], command: ['sleep', 'infinity'], env: { EDITOR: 'vim' }, homePath: '/home/coder',
  apps: [{ name: 'code', port: 8080, default: true, healthPath: '/healthz' }],
  cpuMillis: 2000, memoryMb: 2048, pidsLimit: 512, startupTimeoutSeconds: 120,
  parameters: [{ name: 'region', type: 'string', options: ['eu', 'us'], default: 'eu', required: false, mutable: true, pattern: null, min: null, max: null, displayName: 'Region', description: '' }],
};

describe('template spec editor', () => {
  it('round-trips a spec through the form unchanged', () => {
    const { spec: back, errors } = formToSpec(specToForm(spec));
    expect(errors).toEqual({});
    expect(sameSpec(spec, back)).toBe(true);
    expect(back.command).toEqual(['sleep', 'infinity']);
  });

  it('keeps the user a template runs as, and refuses a malformed one', () => {
    const withUser = { ...spec, user: '1000:1000' };
    expect(formToSpec(specToForm(withUser)).spec.user).toBe('1000:1000');
    expect(sameSpec(withUser, formToSpec(specToForm(spec)).spec)).toBe(false);
    const form = specToForm(spec);
    form.user = 'root; rm -rf /';
    expect(formToSpec(form).errors['spec.user']).toBeDefined();
  });

  it('notices a changed spec (which makes a new version)', () => {
    const form = specToForm(spec);
    form.memoryMb = '4096';
    expect(sameSpec(spec, formToSpec(form).spec)).toBe(false);
  });

  it('checks limits and rows with the API field names', () => {
    const form = newSpecForm();
    form.cpuMillis = '50';
    form.apps = [{ name: 'Code', port: '70000', isDefault: true, healthPath: 'x' }];
    form.env = [{ key: '1BAD', value: '' }];
    const { errors } = formToSpec(form);
    expect(errors).toEqual({
      'spec.image': 'an image reference is required',
      'spec.cpuMillis': 'between 100 and 64000',
      'spec.apps.0.name': "1-32 lowercase letters, digits or single '-'",
      'spec.apps.0.port': 'between 1 and 65535',
      'spec.apps.0.healthPath': 'must start with /',
      'spec.env.0': "'1BAD' is not a valid variable name",
    });
  });

  it('takes every number bound and default from the API contract, so it refuses exactly what the API refuses', () => {
    type Bounded = { minimum: number; maximum: number; default: number };
    type Fields = { cpuMillis: Bounded; memoryMb: Bounded; pidsLimit: Bounded; startupTimeoutSeconds: Bounded; homePath: { default: string } };
    const contract = load(readFileSync('../common/src/main/resources/openapi/devsanctum.yaml', 'utf8')) as {
      components: { schemas: { TemplateSpec: { properties: Fields } } };
    };
    const spec = contract.components.schemas.TemplateSpec.properties;
    for (const field of ['cpuMillis', 'memoryMb', 'pidsLimit', 'startupTimeoutSeconds'] as const) {
      const { minimum, maximum } = spec[field];
      const form = newSpecForm();
      expect(form[field]).toBe(String(spec[field].default));
      form.image = 'img';
      form[field] = String(maximum + 1);
      expect(formToSpec(form).errors[`spec.${field}`]).toBe(`between ${minimum} and ${maximum}`);
      form[field] = String(minimum);
      expect(formToSpec(form).errors).toEqual({});
    }
    expect(newSpecForm().homePath).toBe(spec.homePath.default);
  });
});
