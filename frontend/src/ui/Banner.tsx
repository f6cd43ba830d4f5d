import { createContext, useCallback, useContext, useRef, useState, type ReactNode } from 'react';
import type { ProblemView } from '../api/problem';
import { Button } from './Button';

export function Banner({ tone = 'info', children }: { tone?: 'info' | 'error' | 'warning' | 'success'; children: ReactNode }) {
  return (
    <div className={`banner banner-${tone}`} role={tone === 'error' ? 'alert' : 'status'}>
      {children}
    </div>
  );
}

/** A failed request: the problem's detail, and the field errors no form field could show. */
export function ErrorBanner({ error }: { error: ProblemView | null | undefined }) {
  if (!error) return null;
  return (
    <Banner tone="error">
      <strong>{error.message}</strong>
      {error.otherErrors.length > 0 && (
        <ul>
          {error.otherErrors.map((e, i) => (
            <li key={i}>
              {e.field && e.field !== '/' ? <code>{e.field}</code> : null} {e.reason}
            </li>
          ))}
        </ul>
      )}
      {error.requestId && <span className="small">Request id: <code>{error.requestId}</code></span>}
    </Banner>
  );
}

type ToastTone = 'info' | 'success' | 'error';
interface ToastItem { id: number; tone: ToastTone; text: string }
type Notify = (text: string, tone?: ToastTone) => void;

const ToastContext = createContext<Notify>(() => {});

export function useToast(): Notify {
  return useContext(ToastContext);
}

export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<ToastItem[]>([]);
  const next = useRef(1);
  const dismiss = useCallback((id: number) => setToasts((all) => all.filter((t) => t.id !== id)), []);
  const notify = useCallback<Notify>((text, tone = 'info') => {
    const id = next.current++;
    setToasts((all) => [...all, { id, tone, text }]);
    window.setTimeout(() => dismiss(id), tone === 'error' ? 8000 : 4000);
  }, [dismiss]);
  return (
    <ToastContext.Provider value={notify}>
      {children}
      <div className="toasts" aria-live="polite">
        {toasts.map((t) => (
          <div key={t.id} className={`toast toast-${t.tone}`} role={t.tone === 'error' ? 'alert' : 'status'}>
            <span className="grow">{t.text}</span>
            <Button size="sm" variant="ghost" aria-label="Dismiss" onClick={() => dismiss(t.id)}>×</Button>
          </div>
        ))}
      </div>
    </ToastContext.Provider>
  );
}
