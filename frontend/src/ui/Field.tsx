import { useId, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes } from 'react';

interface FieldChrome {
  label: string;
  hint?: ReactNode;
  error?: string | undefined;
}

/** Label + control + hint + error, wired for screen readers (aria-describedby / aria-invalid). */
function useFieldIds(error?: string, hint?: ReactNode) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [errorId, hintId].filter(Boolean).join(' ') || undefined;
  return { id, hintId, errorId, describedBy };
}

function Chrome({ label, hint, error, id, hintId, errorId, children }: FieldChrome & {
  id: string;
  hintId: string | undefined;
  errorId: string | undefined;
  children: ReactNode;
}) {
  return (
    <div className="field">
      <label className="field-label" htmlFor={id}>{label}</label>
      {children}
      {hint && <span className="field-hint" id={hintId}>{hint}</span>}
      {error && <span className="field-error" id={errorId} role="alert">{error}</span>}
    </div>
  );
}

export function TextInput({ label, hint, error, ...rest }: FieldChrome & InputHTMLAttributes<HTMLInputElement>) {
  const ids = useFieldIds(error, hint);
  return (
    <Chrome label={label} hint={hint} error={error} {...ids}>
      <input className="input" id={ids.id} aria-invalid={error ? true : undefined} aria-describedby={ids.describedBy} {...rest} />
    </Chrome>
  );
}

export function TextArea({ label, hint, error, ...rest }: FieldChrome & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const ids = useFieldIds(error, hint);
  return (
    <Chrome label={label} hint={hint} error={error} {...ids}>
      <textarea className="textarea" id={ids.id} aria-invalid={error ? true : undefined} aria-describedby={ids.describedBy} {...rest} />
    </Chrome>
  );
}

export function Select({ label, hint, error, children, ...rest }: FieldChrome & SelectHTMLAttributes<HTMLSelectElement>) {
  const ids = useFieldIds(error, hint);
  return (
    <Chrome label={label} hint={hint} error={error} {...ids}>
      <select className="select" id={ids.id} aria-invalid={error ? true : undefined} aria-describedby={ids.describedBy} {...rest}>
        {children}
      </select>
    </Chrome>
  );
}

export function Checkbox({ label, error, ...rest }: { label: string; error?: string | undefined } & InputHTMLAttributes<HTMLInputElement>) {
  const id = useId();
  return (
    <div className="field">
      <label className="checkbox" htmlFor={id}>
        <input type="checkbox" id={id} aria-invalid={error ? true : undefined} {...rest} />
        {label}
      </label>
      {error && <span className="field-error" role="alert">{error}</span>}
    </div>
  );
}
