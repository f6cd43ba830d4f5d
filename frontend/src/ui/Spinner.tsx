import type { ReactNode } from 'react';

export function Spinner({ large = false, label }: { large?: boolean; label?: string }) {
  return (
    <span className={large ? 'spinner spinner-lg' : 'spinner'} role="status" aria-label={label ?? 'Loading'} />
  );
}

/** A centred spinner with text, for a page or panel that is loading. */
export function Loading({ children = 'Loading…' }: { children?: ReactNode }) {
  return (
    <div className="loading">
      <Spinner large label={typeof children === 'string' ? children : 'Loading'} />
      <span>{children}</span>
    </div>
  );
}
