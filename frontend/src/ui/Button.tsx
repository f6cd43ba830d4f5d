import type { ButtonHTMLAttributes } from 'react';
import { Spinner } from './Spinner';

export type ButtonVariant = 'default' | 'primary' | 'danger' | 'ghost';

export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: ButtonVariant;
  size?: 'md' | 'sm';
  block?: boolean;
  /** shows a spinner and disables the button while an action runs */
  busy?: boolean;
}

export function buttonClass(variant: ButtonVariant = 'default', size: 'md' | 'sm' = 'md', block = false): string {
  return ['btn', variant !== 'default' && `btn-${variant}`, size === 'sm' && 'btn-sm', block && 'btn-block']
    .filter(Boolean)
    .join(' ');
}

export function Button({ variant, size, block, busy = false, disabled, children, type = 'button', ...rest }: ButtonProps) {
  return (
    <button
      {...rest}
      type={type}
      className={buttonClass(variant, size, block)}
      disabled={disabled || busy}
      aria-busy={busy || undefined}
    >
      {busy && <Spinner label="Working" />}
      {children}
    </button>
  );
}
