import type { ReactNode } from 'react';

export function Card({ title, actions, children }: { title?: ReactNode; actions?: ReactNode; children?: ReactNode }) {
  return (
    <section className="card">
      {(title || actions) && (
        <div className="card-header">
          {typeof title === 'string' ? <h2>{title}</h2> : title}
          {actions && <div className="row">{actions}</div>}
        </div>
      )}
      {children}
    </section>
  );
}

/** A card that is a choice (e.g. a template to create a workspace from). */
export function SelectableCard({
  selected,
  onSelect,
  children,
  label,
}: {
  selected: boolean;
  onSelect: () => void;
  children: ReactNode;
  label: string;
}) {
  return (
    <button type="button" className="card card-select" aria-pressed={selected} aria-label={label} onClick={onSelect}>
      {children}
    </button>
  );
}
