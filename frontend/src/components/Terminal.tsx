import { useEffect, useRef, useState } from 'react';
import { Terminal as XTerm } from '@xterm/xterm';
import { FitAddon } from '@xterm/addon-fit';
import '@xterm/xterm/css/xterm.css';
import { api, checkSession } from '../api/client';
import { describeClose, resizeMessage, stdinFrame, terminalUrl } from '../lib/terminalProtocol';
import { Banner, Button } from '../ui';

type Phase = { kind: 'connecting' } | { kind: 'open' } | { kind: 'closed'; message: string; retry: boolean };

/** A shell in the workspace over the gateway's terminal WebSocket (see lib/terminalProtocol). */
export default function Terminal({ workspaceId }: { workspaceId: string }) {
  const host = useRef<HTMLDivElement>(null);
  const [phase, setPhase] = useState<Phase>({ kind: 'connecting' });
  const [attempt, setAttempt] = useState(0);
  /** a refused socket is reopened at once, once, when the session turns out to hold */
  const reopened = useRef(false);

  useEffect(() => {
    const el = host.current;
    if (!el) return;
    let disposed = false;
    let socket: WebSocket | null = null;
    const term = new XTerm({
      cursorBlink: true,
      convertEol: false,
      fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace',
      fontSize: 13,
      theme: { background: '#0f141a' },
    });
    const fit = new FitAddon();
    term.loadAddon(fit);
    term.open(el);

    const sendResize = () => {
      try {
        fit.fit();
      } catch {
        return; // not laid out yet
      }
      if (socket?.readyState === WebSocket.OPEN) socket.send(resizeMessage(term.cols, term.rows));
    };
    const observer = typeof ResizeObserver === 'function' ? new ResizeObserver(sendResize) : null;
    observer?.observe(el);
    window.addEventListener('resize', sendResize);
    const input = term.onData((data) => {
      if (socket?.readyState === WebSocket.OPEN) socket.send(stdinFrame(data));
    });
    const closeOnLeave = () => socket?.close(1000, 'page closed');
    window.addEventListener('pagehide', closeOnLeave);

    setPhase({ kind: 'connecting' });
    // a cheap authenticated call first: it renews an expired session (a refused upgrade cannot)
    void api.GET('/api/v1/workspaces/{workspaceId}', { params: { path: { workspaceId } } }).finally(() => {
      if (disposed) return;
      socket = new WebSocket(terminalUrl(window.location, workspaceId));
      socket.binaryType = 'arraybuffer';
      socket.onopen = () => {
        reopened.current = false;
        setPhase({ kind: 'open' });
        sendResize();
        term.focus();
      };
      socket.onmessage = (event: MessageEvent) => {
        if (event.data instanceof ArrayBuffer) term.write(new Uint8Array(event.data));
        else term.write(String(event.data));
      };
      socket.onclose = (event) => {
        if (disposed) return;
        const { message, retry, checkSession: mayBeSignedOut } = describeClose(event.code, event.reason);
        const show = () => {
          term.write(`\r\n\x1b[2m[${message}]\x1b[0m\r\n`);
          setPhase({ kind: 'closed', message, retry });
        };
        if (!mayBeSignedOut) {
          show();
          return;
        }
        // an ended session sends the user to sign in; one that was only expired has been renewed
        void checkSession().then((state) => {
          if (disposed || state === 'lost') return;
          if (state === 'ok' && event.code === 4401 && !reopened.current) {
            reopened.current = true;
            setAttempt((n) => n + 1);
            return;
          }
          show();
        });
      };
    });

    return () => {
      disposed = true;
      window.removeEventListener('resize', sendResize);
      window.removeEventListener('pagehide', closeOnLeave);
      observer?.disconnect();
      input.dispose();
      socket?.close(1000, 'closed by the dashboard');
      term.dispose();
    };
  }, [workspaceId, attempt]);

  return (
    <div className="stack-sm">
      {phase.kind === 'closed' && (
        <Banner tone="warning">
          <span className="row-between">
            {phase.message}
            {phase.retry && <Button size="sm" onClick={() => setAttempt((n) => n + 1)}>Reconnect</Button>}
          </span>
        </Banner>
      )}
      {phase.kind === 'connecting' && <span className="muted small">Connecting…</span>}
      <div className="terminal" ref={host} data-testid="terminal" aria-label="Terminal" />
    </div>
  );
}
