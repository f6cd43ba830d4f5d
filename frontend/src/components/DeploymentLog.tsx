import { useEffect, useLayoutEffect, useReducer, useRef, useState } from 'react';
import { followSession } from '../api/client';
import type { Deployment } from '../api/types';
import { emptyLog, logReducer, logStreamUrl, parseDeployment, parseLine } from '../lib/logStream';
import { subscribe, type StreamStatus } from '../lib/sse';
import { Badge, DeploymentStatusPill, Spinner } from '../ui';

/**
 * One deployment's log, live: GET …/deployments/{n}/logs/stream sends history, then new lines
 * (event `line`), then `end` with the finished deployment, after which the stream is closed.
 */
export function DeploymentLog({ workspaceId, deployment, onEnd }: {
  workspaceId: string;
  deployment: Deployment;
  onEnd: (finished: Deployment) => void;
}) {
  const [log, dispatch] = useReducer(logReducer, emptyLog);
  const [status, setStatus] = useState<StreamStatus>('connecting');
  const box = useRef<HTMLPreElement>(null);
  const stick = useRef(true);
  const endHandler = useRef(onEnd);
  endHandler.current = onEnd;
  const number = deployment.number;

  useEffect(() => {
    dispatch({ type: 'reset' });
    stick.current = true;
    return subscribe(logStreamUrl(workspaceId, number), {
      on: {
        line: (data) => {
          const line = parseLine(data);
          if (line) dispatch({ type: 'line', line });
        },
        end: (data) => {
          const finished = parseDeployment(data);
          if (finished) {
            dispatch({ type: 'end', deployment: finished });
            endHandler.current(finished);
          }
          return 'stop';
        },
      },
      ...followSession,
      onStatus: setStatus,
    });
  }, [workspaceId, number]);

  // follow the tail unless the reader scrolled up
  useLayoutEffect(() => {
    const el = box.current;
    if (el && stick.current) el.scrollTop = el.scrollHeight;
  }, [log.lines.length]);

  const shown = log.deployment ?? deployment;
  const streaming = !log.ended && status !== 'closed';

  return (
    <div className="stack-sm">
      <div className="row-between">
        <div className="row">
          <strong>Deployment #{shown.number}</strong>
          <Badge>{shown.transition}</Badge>
          <DeploymentStatusPill status={shown.status} />
        </div>
        <span className="row muted small">
          {streaming ? <><Spinner label="Streaming log" /> live</> : log.ended ? 'finished' : 'disconnected'}
        </span>
      </div>
      {shown.failureReason && <span className="field-error">{shown.failureReason}</span>}
      <pre
        className="log"
        ref={box}
        data-testid="deployment-log"
        aria-label={`Log of deployment ${shown.number}`}
        aria-live="polite"
        tabIndex={0}
        onScroll={(e) => {
          const el = e.currentTarget;
          stick.current = el.scrollHeight - el.scrollTop - el.clientHeight < 24;
        }}
      >
        {log.lines.length === 0 && <span className="muted">{streaming ? 'Waiting for log lines…' : 'No log lines.'}</span>}
        {log.lines.map((l) => (
          <div key={l.line} className={l.level === 'ERROR' ? 'log-line log-error' : 'log-line'} data-level={l.level}>
            <span className="log-line-no">{l.line}</span>
            <span className="log-step">{l.step ?? ''}</span>
            <span>{l.message}</span>
          </div>
        ))}
      </pre>
    </div>
  );
}
