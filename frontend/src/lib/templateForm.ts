import type { TemplateParameter, TemplateSpec } from '../api/types';
import { DEFAULT_HOME_PATH, TEMPLATE_SPEC_LIMITS as LIMITS } from '../api/templateLimits';
import { NAME_PATTERN } from './names';

/** The template spec as the structured editor holds it (numbers as text while typing). */
export interface AppRow { name: string; port: string; isDefault: boolean; healthPath: string }
export interface EnvRow { key: string; value: string }
export interface ParameterRow {
  name: string; displayName: string; description: string; type: 'string' | 'number' | 'boolean';
  default: string; required: boolean; mutable: boolean; pattern: string; min: string; max: string; options: string;
}
export interface SpecForm {
  /** who the container runs as; empty: the image's user unless that is root */
  image: string; user: string; homePath: string; cpuMillis: string; memoryMb: string; pidsLimit: string; startupTimeoutSeconds: string;
  apps: AppRow[]; env: EnvRow[]; parameters: ParameterRow[];
  /** not edited here; kept as they are */
  entrypoint?: string[]; command?: string[];
}

export const SPEC_FIELDS = [
  'spec', 'spec.image', 'spec.user', 'spec.homePath', 'spec.cpuMillis', 'spec.memoryMb', 'spec.pidsLimit', 'spec.startupTimeoutSeconds',
  'spec.apps', 'spec.env', 'spec.parameters',
] as const;

export const emptyApp = (): AppRow => ({ name: '', port: '', isDefault: false, healthPath: '/' });
export const emptyParameter = (): ParameterRow => ({
  name: '', displayName: '', description: '', type: 'string', default: '', required: false, mutable: true, pattern: '', min: '', max: '', options: '',
});

export function newSpecForm(): SpecForm {
  return {
    image: '', user: '', homePath: DEFAULT_HOME_PATH,
    cpuMillis: text(LIMITS.cpuMillis.default), memoryMb: text(LIMITS.memoryMb.default),
    pidsLimit: text(LIMITS.pidsLimit.default), startupTimeoutSeconds: text(LIMITS.startupTimeoutSeconds.default),
    apps: [{ name: 'code', port: '8080', isDefault: true, healthPath: '/' }], env: [], parameters: [],
  };
}

const text = (v: unknown) => (v === undefined || v === null ? '' : String(v));

export function specToForm(spec: TemplateSpec): SpecForm {
  const form: SpecForm = {
    image: spec.image,
    user: spec.user ?? '',
    homePath: spec.homePath ?? DEFAULT_HOME_PATH,
    cpuMillis: text(spec.cpuMillis ?? LIMITS.cpuMillis.default),
    memoryMb: text(spec.memoryMb ?? LIMITS.memoryMb.default),
    pidsLimit: text(spec.pidsLimit ?? LIMITS.pidsLimit.default),
    startupTimeoutSeconds: text(spec.startupTimeoutSeconds ?? LIMITS.startupTimeoutSeconds.default),
    apps: spec.apps.map((a) => ({ name: a.name, port: text(a.port), isDefault: a.default ?? false, healthPath: a.healthPath ?? '/' })),
    env: Object.entries(spec.env ?? {}).map(([key, value]) => ({ key, value })),
    parameters: (spec.parameters ?? []).map((p) => ({
      name: p.name, displayName: p.displayName ?? '', description: p.description ?? '', type: p.type ?? 'string',
      default: text(p.default), required: p.required ?? false, mutable: p.mutable ?? true, pattern: text(p.pattern),
      min: text(p.min), max: text(p.max), options: (p.options ?? []).join(', '),
    })),
  };
  if (spec.entrypoint?.length) form.entrypoint = spec.entrypoint;
  if (spec.command?.length) form.command = spec.command;
  return form;
}

function integer(value: string, key: string, { min, max }: { min: number; max: number }, errors: Record<string, string>): number {
  const n = Number(value.trim());
  if (value.trim() === '' || !Number.isInteger(n) || n < min || n > max) errors[key] = `between ${min} and ${max}`;
  return n;
}

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const USER = /^(?:[a-z_][a-z0-9_-]{0,31}|[0-9]{1,10})(?::(?:[a-z_][a-z0-9_-]{0,31}|[0-9]{1,10}))?$/;
const PARAMETER_NAME = /^[a-z][a-z0-9_-]{0,31}$/;

/** The spec to send, and problems keyed like the API names them (`spec.cpuMillis`, `spec.apps.0.port`). */
export function formToSpec(form: SpecForm): { spec: TemplateSpec; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const image = form.image.trim();
  if (!image || image.includes(' ')) errors['spec.image'] = 'an image reference is required';
  const user = form.user.trim();
  if (user && !USER.test(user)) errors['spec.user'] = 'a user name or uid, optionally :group (a name or gid)';
  const homePath = form.homePath.trim();
  if (!homePath.startsWith('/') || homePath === '/') errors['spec.homePath'] = 'must be an absolute path below /';
  const apps = form.apps.map((a, i) => {
    if (!NAME_PATTERN.test(a.name) || a.name.includes('--')) errors[`spec.apps.${i}.name`] = "1-32 lowercase letters, digits or single '-'";
    const port = integer(a.port, `spec.apps.${i}.port`, LIMITS.appPort, errors);
    if (a.healthPath && !a.healthPath.startsWith('/')) errors[`spec.apps.${i}.healthPath`] = 'must start with /';
    return { name: a.name, port, default: a.isDefault, ...(a.healthPath ? { healthPath: a.healthPath } : {}) };
  });
  if (apps.length === 0) errors['spec.apps'] = 'at least one app port is required';
  else if (new Set(apps.map((a) => a.name)).size !== apps.length) errors['spec.apps'] = 'each app needs its own name';
  else if (apps.filter((a) => a.default).length > 1) errors['spec.apps'] = 'only one app can be the default';
  const env: Record<string, string> = {};
  form.env.forEach((row, i) => {
    if (!ENV_NAME.test(row.key)) errors[`spec.env.${i}`] = `'${row.key}' is not a valid variable name`;
    env[row.key] = row.value;
  });
  const names = new Set<string>();
  const parameters: TemplateParameter[] = form.parameters.map((p, i) => {
    const key = `spec.parameters.${i}`;
    if (!PARAMETER_NAME.test(p.name)) errors[`${key}.name`] = "1-32 of a-z, 0-9, '_' or '-', starting with a letter";
    else if (names.has(p.name)) errors[`${key}.name`] = 'listed twice';
    names.add(p.name);
    const parameter: TemplateParameter = { name: p.name, type: p.type, required: p.required, mutable: p.mutable };
    if (p.displayName) parameter.displayName = p.displayName;
    if (p.description) parameter.description = p.description;
    if (p.pattern) {
      parameter.pattern = p.pattern;
      try {
        new RegExp(p.pattern);
      } catch {
        errors[`${key}.pattern`] = 'not a valid regular expression';
      }
    }
    for (const bound of ['min', 'max'] as const) {
      if (p[bound].trim() !== '') {
        const n = Number(p[bound]);
        if (!Number.isFinite(n)) errors[`${key}.${bound}`] = 'must be a number';
        parameter[bound] = n;
      }
    }
    const options = p.options.split(',').map((o) => o.trim()).filter(Boolean);
    if (options.length) parameter.options = options;
    if (p.default !== '') {
      parameter.default = p.type === 'number' ? Number(p.default) : p.type === 'boolean' ? p.default === 'true' : p.default;
    }
    return parameter;
  });
  const spec: TemplateSpec = {
    image,
    homePath,
    apps,
    env,
    parameters,
    cpuMillis: integer(form.cpuMillis, 'spec.cpuMillis', LIMITS.cpuMillis, errors),
    memoryMb: integer(form.memoryMb, 'spec.memoryMb', LIMITS.memoryMb, errors),
    pidsLimit: integer(form.pidsLimit, 'spec.pidsLimit', LIMITS.pidsLimit, errors),
    startupTimeoutSeconds: integer(form.startupTimeoutSeconds, 'spec.startupTimeoutSeconds', LIMITS.startupTimeoutSeconds, errors),
  };
  if (user) spec.user = user;
  if (form.entrypoint) spec.entrypoint = form.entrypoint;
  if (form.command) spec.command = form.command;
  return { spec, errors };
}

/** Whether two specs differ (a changed spec makes a new template version). */
export function sameSpec(a: TemplateSpec | undefined, b: TemplateSpec): boolean {
  if (!a) return false;
  return JSON.stringify(normalize(a)) === JSON.stringify(normalize(b));
}

function normalize(spec: TemplateSpec) {
  const { spec: clean } = formToSpec(specToForm(spec));
  return clean;
}
