import type { TemplateParameter } from '../api/types';
import { defaultText, fieldKey, parameterType, type ParameterInputs } from '../lib/parameters';
import { Checkbox, Select, TextInput } from '../ui';

/**
 * The inputs for a template's parameters (activeVersion.spec.parameters). Values are text; an
 * empty field means "not given", so the template's default applies, as on the server.
 * `errors` is keyed `parameters.<name>` (local validation and API field errors alike).
 */
export function ParametersForm({ parameters, values, errors, onChange }: {
  parameters: readonly TemplateParameter[];
  values: ParameterInputs;
  errors: Record<string, string | undefined>;
  onChange: (name: string, value: string) => void;
}) {
  if (parameters.length === 0) return null;
  return (
    <fieldset className="fieldset">
      <legend>Parameters</legend>
      <div className="grid-form">
        {parameters.map((p) => (
          <ParameterField key={p.name} parameter={p} value={values[p.name] ?? ''} error={errors[fieldKey(p)]} onChange={(v) => onChange(p.name, v)} />
        ))}
      </div>
    </fieldset>
  );
}

function hintFor(p: TemplateParameter): string | undefined {
  const parts: string[] = [];
  if (p.description) parts.push(p.description);
  const d = defaultText(p);
  if (d !== undefined && parameterType(p) !== 'boolean') parts.push(`Default: ${d}`);
  if (parameterType(p) === 'number') {
    if (p.min != null && p.max != null) parts.push(`${p.min} to ${p.max}`);
    else if (p.min != null) parts.push(`at least ${p.min}`);
    else if (p.max != null) parts.push(`at most ${p.max}`);
  }
  if (p.mutable === false) parts.push('Cannot be changed later');
  return parts.length ? parts.join(' · ') : undefined;
}

function ParameterField({ parameter: p, value, error, onChange }: {
  parameter: TemplateParameter;
  value: string;
  error: string | undefined;
  onChange: (value: string) => void;
}) {
  const label = (p.displayName || p.name) + (p.required ? ' *' : '');
  const hint = hintFor(p);
  const options = p.options ?? [];
  if (options.length > 0) {
    const d = defaultText(p);
    return (
      <Select label={label} hint={hint} error={error} value={value} name={p.name} onChange={(e) => onChange(e.target.value)}>
        <option value="">{d !== undefined ? `Default (${d})` : 'Choose…'}</option>
        {options.map((o) => (
          <option key={o} value={o}>{o}</option>
        ))}
      </Select>
    );
  }
  switch (parameterType(p)) {
    case 'boolean':
      return <Checkbox label={label} name={p.name} error={error} checked={value === 'true'} onChange={(e) => onChange(e.target.checked ? 'true' : 'false')} />;
    case 'number':
      return <TextInput label={label} hint={hint} error={error} name={p.name} inputMode="decimal" placeholder={defaultText(p)} value={value} onChange={(e) => onChange(e.target.value)} />;
    default:
      return <TextInput label={label} hint={hint} error={error} name={p.name} placeholder={defaultText(p)} value={value} onChange={(e) => onChange(e.target.value)} />;
  }
}
