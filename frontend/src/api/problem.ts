import type { FieldError, Problem } from './types';

/** What a form shows for a failed request: one message, plus reasons next to the fields they name. */
export interface ProblemView {
  /** The banner text: the problem's detail, else its title, else a generic line. */
  message: string;
  status?: number;
  requestId?: string;
  /** Reasons keyed by the form's own field keys (only fields the form knows). */
  fieldErrors: Record<string, string>;
  /** Field errors that no known field matched; show them with the banner. */
  otherErrors: FieldError[];
}

export function isProblem(body: unknown): body is Problem {
  return (
    typeof body === 'object' &&
    body !== null &&
    typeof (body as Problem).status === 'number' &&
    typeof (body as Problem).title === 'string'
  );
}

/**
 * The API names fields two ways: the contract validator gives JSON pointers into the body
 * (`/parameters/region`, `/spec/apps/0/port`) and the services give dotted paths
 * (`parameters.region`, `spec.cpuMillis`). Both become one dotted form: `parameters.region`.
 */
export function normalizeField(field: string): string {
  let f = field.trim();
  if (f.startsWith('#')) f = f.slice(1);
  if (f.startsWith('/')) {
    f = f
      .slice(1)
      .split('/')
      .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
      .join('.');
  }
  return f;
}

/**
 * Maps an error body (RFC 7807 or anything else) to what a form shows. A field error goes to the
 * most specific known field that is it or encloses it (`spec.apps.0.port` → `spec.apps` when only
 * `spec.apps` is known); errors for unknown fields stay in `otherErrors`.
 */
export function problemToView(body: unknown, knownFields: readonly string[] = [], status?: number): ProblemView {
  if (!isProblem(body)) {
    const text = typeof body === 'string' && body.trim() !== '' && body.length < 300 ? body.trim() : undefined;
    return {
      message: text ?? genericMessage(status),
      ...(status !== undefined ? { status } : {}),
      fieldErrors: {},
      otherErrors: [],
    };
  }
  const fieldErrors: Record<string, string> = {};
  const otherErrors: FieldError[] = [];
  for (const error of body.errors ?? []) {
    const field = normalizeField(error.field);
    const match = knownFields
      .filter((known) => field === known || field.startsWith(known + '.'))
      .sort((a, b) => b.length - a.length)[0];
    if (match !== undefined) {
      fieldErrors[match] = fieldErrors[match] ? `${fieldErrors[match]}; ${error.reason}` : error.reason;
    } else {
      otherErrors.push(error);
    }
  }
  const view: ProblemView = {
    message: body.detail?.trim() || body.title || genericMessage(body.status),
    status: body.status,
    fieldErrors,
    otherErrors,
  };
  if (body.requestId) view.requestId = body.requestId;
  return view;
}

export function genericMessage(status?: number): string {
  if (status === undefined || status === 0) return 'The server could not be reached. Check your connection and try again.';
  if (status === 401) return 'Your session has ended. Sign in again.';
  if (status === 403) return 'You are not allowed to do that.';
  if (status === 404) return 'Not found.';
  if (status === 429) return 'Too many attempts. Wait a moment and try again.';
  if (status >= 500) return `The server failed (HTTP ${status}). Try again shortly.`;
  return `The request failed (HTTP ${status}).`;
}
