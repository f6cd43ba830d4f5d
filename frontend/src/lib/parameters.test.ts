import { describe, expect, it } from 'vitest';
import type { TemplateParameter } from '../api/types';
import { initialInputs, resolveParameters, valueProblem } from './parameters';

const region: TemplateParameter = { name: 'region', type: 'string', options: ['eu', 'us'], default: 'eu' };
const cpus: TemplateParameter = { name: 'cpus', type: 'number', min: 1, max: 8, required: true };
const gpu: TemplateParameter = { name: 'gpu', type: 'boolean', default: false };
const repo: TemplateParameter = { name: 'repo', pattern: 'https://[a-z.]+/.+' }; // type defaults to string

describe('valueProblem (ParameterValues.problem)', () => {
  it('checks options before the type', () => {
    expect(valueProblem(region, 'asia')).toBe('must be one of eu, us');
    expect(valueProblem(region, 'eu')).toBeUndefined();
  });

  it('numbers: Java-style parsing and inclusive bounds', () => {
    expect(valueProblem(cpus, 'four')).toBe('must be a number');
    expect(valueProblem(cpus, '')).toBe('must be a number');
    expect(valueProblem(cpus, '0')).toBe('must be at least 1');
    expect(valueProblem(cpus, '8.5')).toBe('must be at most 8');
    expect(valueProblem(cpus, ' 8 ')).toBeUndefined();
    expect(valueProblem(cpus, '1e0')).toBeUndefined();
    expect(valueProblem({ name: 'ratio', type: 'number', min: 0.5 }, '0.25')).toBe('must be at least 0.5');
  });

  it('booleans: only true or false', () => {
    expect(valueProblem(gpu, 'yes')).toBe('must be true or false');
    expect(valueProblem(gpu, 'true')).toBeUndefined();
  });

  it('strings: the pattern must match the whole value, like Matcher.matches()', () => {
    expect(valueProblem(repo, 'https://github.com/x')).toBeUndefined();
    expect(valueProblem(repo, 'see https://github.com/x')).toBe('must match https://[a-z.]+/.+');
    expect(valueProblem({ name: 'alt', pattern: 'a|b' }, 'ab')).toBe('must match a|b');
    expect(valueProblem({ name: 'long' }, 'x'.repeat(4097))).toBe('is longer than 4096 characters');
  });

  it('leaves patterns JavaScript cannot compile to the server', () => {
    expect(valueProblem({ name: 'odd', pattern: '(?<!' }, 'anything')).toBeUndefined();
  });
});

describe('resolveParameters (ParameterValues.resolve)', () => {
  const declared = [region, cpus, gpu, repo];

  it('starts the form empty (defaults apply) and checkboxes at their default', () => {
    expect(initialInputs(declared)).toEqual({ region: '', cpus: '', gpu: 'false', repo: '' });
    expect(initialInputs([{ name: 'on', type: 'boolean', default: 'true' }])).toEqual({ on: 'true' });
  });

  it('requires required values and keys errors as the API does', () => {
    const { errors } = resolveParameters(declared, { region: '', cpus: '', gpu: 'false', repo: '' });
    expect(errors).toEqual({ 'parameters.cpus': 'a value is required' });
  });

  it('sends the given values typed, and leaves defaults to the server', () => {
    const { values, errors } = resolveParameters(declared, { region: '', cpus: '4', gpu: 'true', repo: 'https://git.example/r' });
    expect(errors).toEqual({});
    expect(values).toEqual({ cpus: 4, gpu: true, repo: 'https://git.example/r' });
  });

  it('checks a default that applies (the server checks it too)', () => {
    const broken: TemplateParameter = { name: 'size', type: 'number', default: 'big' };
    expect(resolveParameters([broken], {}).errors).toEqual({ 'parameters.size': 'must be a number' });
  });

  it('reports every failing parameter at once, and unknown names', () => {
    const { errors } = resolveParameters(declared, { region: 'mars', cpus: '99', gpu: 'maybe', repo: 'nope', extra: 'x' });
    expect(errors).toEqual({
      'parameters.extra': 'the template has no such parameter',
      'parameters.region': 'must be one of eu, us',
      'parameters.cpus': 'must be at most 8',
      'parameters.gpu': 'must be true or false',
      'parameters.repo': 'must match https://[a-z.]+/.+',
    });
  });
});
