import { describe, expect, it } from 'vitest';
import { normalizeField, problemToView } from './problem';

describe('normalizeField', () => {
  it('turns JSON pointers and dotted service paths into one form', () => {
    expect(normalizeField('/parameters/region')).toBe('parameters.region');
    expect(normalizeField('#/spec/apps/0/port')).toBe('spec.apps.0.port');
    expect(normalizeField('parameters.region')).toBe('parameters.region');
    expect(normalizeField('/a~1b/c~0d')).toBe('a/b.c~d');
    expect(normalizeField('/')).toBe('');
  });
});

describe('problemToView', () => {
  it('shows the detail and puts each field error next to the field it names', () => {
    const view = problemToView(
      {
        type: 'https://devsanctum.dev/problems/validation',
        title: 'Invalid request',
        status: 400,
        detail: 'invalid fields /name, /parameters/cpus',
        requestId: 'req-1',
        errors: [
          { field: '/name', reason: 'does not match pattern' },
          { field: '/parameters/cpus', reason: 'must be at most 8' },
          { field: '/surprise', reason: 'unknown property' },
        ],
      },
      ['name', 'parameters.cpus'],
    );
    expect(view.message).toBe('invalid fields /name, /parameters/cpus');
    expect(view.status).toBe(400);
    expect(view.requestId).toBe('req-1');
    expect(view.fieldErrors).toEqual({ name: 'does not match pattern', 'parameters.cpus': 'must be at most 8' });
    expect(view.otherErrors).toEqual([{ field: '/surprise', reason: 'unknown property' }]);
  });

  it('maps service-style dotted fields and nested errors to the closest known field', () => {
    const view = problemToView(
      {
        type: 'x', title: 'Invalid request', status: 400, detail: 'spec.apps.port: 0 is not a TCP port',
        errors: [
          { field: 'spec.apps.port', reason: '0 is not a TCP port' },
          { field: '/spec/apps/1/name', reason: 'bad name' },
        ],
      },
      ['spec', 'spec.apps'],
    );
    expect(view.fieldErrors).toEqual({ 'spec.apps': '0 is not a TCP port; bad name' });
    expect(view.otherErrors).toEqual([]);
  });

  it('falls back to the title when there is no detail', () => {
    expect(problemToView({ type: 'x', title: 'Conflict', status: 409 }).message).toBe('Conflict');
  });

  it('describes bodies that are not problems by their status', () => {
    expect(problemToView('<html>bad gateway</html>', [], 502).message).toBe('<html>bad gateway</html>');
    expect(problemToView(undefined, [], 503).message).toMatch(/HTTP 503/);
    expect(problemToView(undefined, [], 0).message).toMatch(/could not be reached/);
    expect(problemToView({ not: 'a problem' }, [], 404)).toMatchObject({ message: 'Not found.', status: 404, fieldErrors: {} });
  });
});
