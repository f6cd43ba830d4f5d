import type { TemplateParameter } from '../api/types';

/**
 * Template parameter values, checked the way the workspace-service checks them
 * (ParameterValues.resolve): a value not given falls back to the default; a missing required
 * value, a value outside the options, a non-boolean, a non-number, a number out of [min, max] or
 * a string not matching the whole pattern (or longer than 4096) is refused. The messages are the
 * server's, and errors are keyed `parameters.<name>` as the API names them.
 */

export type ParameterType = 'string' | 'number' | 'boolean';
export type ParameterValue = string | number | boolean;

/** What the form holds: the text of each field ('' = not given). Booleans are 'true'/'false'. */
export type ParameterInputs = Record<string, string>;

export interface ResolvedParameters {
  /** The values to send in NewWorkspace.parameters: only those the user gave, typed. */
  values: Record<string, ParameterValue>;
  /** `parameters.<name>` → reason. Empty when valid. */
  errors: Record<string, string>;
}

export function parameterType(p: TemplateParameter): ParameterType {
  return p.type ?? 'string';
}

export function fieldKey(p: TemplateParameter | string): string {
  return 'parameters.' + (typeof p === 'string' ? p : p.name);
}

/** The default as the server stores it: a string, or undefined when there is none. */
export function defaultText(p: TemplateParameter): string | undefined {
  return p.default === undefined || p.default === null ? undefined : String(p.default);
}

/**
 * The form's starting values: '' (not given: the default applies, and the field shows it as a
 * placeholder), except booleans, which are a checkbox starting at their default or 'false'.
 */
export function initialInputs(declared: readonly TemplateParameter[]): ParameterInputs {
  const inputs: ParameterInputs = {};
  for (const p of declared) {
    inputs[p.name] = parameterType(p) === 'boolean' ? (defaultText(p) === 'true' ? 'true' : 'false') : '';
  }
  return inputs;
}

// Java's Double.parseDouble over decimal text (it also trims surrounding whitespace)
const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?[dDfF]?$/;

// Java prints 3.0 as "3" here (ParameterValues.format) and 2.5 as "2.5", as JavaScript does
const formatBound = (bound: number): string => String(bound);

/** Why `value` is not acceptable for `p`, or undefined when it is (ParameterValues.problem). */
export function valueProblem(p: TemplateParameter, value: string): string | undefined {
  const options = p.options ?? [];
  if (options.length > 0 && !options.includes(value)) {
    return 'must be one of ' + options.join(', ');
  }
  switch (parameterType(p)) {
    case 'boolean':
      return value === 'true' || value === 'false' ? undefined : 'must be true or false';
    case 'number': {
      const text = value.trim();
      if (!NUMBER.test(text)) return 'must be a number';
      const n = Number.parseFloat(text);
      if (p.min !== undefined && p.min !== null && n < p.min) return 'must be at least ' + formatBound(p.min);
      if (p.max !== undefined && p.max !== null && n > p.max) return 'must be at most ' + formatBound(p.max);
      return undefined;
    }
    case 'string': {
      if (p.pattern !== undefined && p.pattern !== null) {
        const pattern = compileWhole(p.pattern);
        if (pattern && !pattern.test(value)) return 'must match ' + p.pattern;
      }
      return value.length > 4096 ? 'is longer than 4096 characters' : undefined;
    }
  }
}

/** Java's Matcher.matches(): the whole value. A pattern JavaScript cannot compile is left to the server. */
function compileWhole(pattern: string): RegExp | undefined {
  try {
    return new RegExp('^(?:' + pattern + ')$');
  } catch {
    return undefined;
  }
}

function typed(p: TemplateParameter, value: string): ParameterValue {
  switch (parameterType(p)) {
    case 'boolean':
      return value === 'true';
    case 'number': {
      const n = Number.parseFloat(value.trim());
      return Number.isFinite(n) ? n : value;
    }
    default:
      return value;
  }
}

/** Checks every declared parameter against the inputs; '' means "not given" (the default applies). */
export function resolveParameters(declared: readonly TemplateParameter[], inputs: ParameterInputs): ResolvedParameters {
  const values: Record<string, ParameterValue> = {};
  const errors: Record<string, string> = {};
  for (const name of Object.keys(inputs)) {
    if (inputs[name] !== '' && !declared.some((p) => p.name === name)) {
      errors[fieldKey(name)] = 'the template has no such parameter';
    }
  }
  for (const p of declared) {
    const given = inputs[p.name];
    const hasGiven = given !== undefined && given !== '';
    const value = hasGiven ? given : defaultText(p);
    if (value === undefined) {
      if (p.required) errors[fieldKey(p)] = 'a value is required';
      continue;
    }
    const problem = valueProblem(p, value);
    if (problem) {
      errors[fieldKey(p)] = problem;
      continue;
    }
    if (hasGiven) values[p.name] = typed(p, given);
  }
  return { values, errors };
}
