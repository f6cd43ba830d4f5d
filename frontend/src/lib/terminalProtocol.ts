/**
 * The terminal WebSocket's protocol (gateway endpoint /api/v1/workspaces/{id}/terminal, not yet
 * in the OpenAPI contract): client→server binary frames are keystrokes (stdin); a text frame with
 * JSON {"type":"resize","cols":N,"rows":M} resizes the pty; server→client binary frames are output.
 * Close 1000 = the shell exited; 4401 = no valid credential; 4403 = not allowed, or the access it
 * was opened with has ended; 4404 = no such workspace; 4409 = the workspace is not running.
 */
export function terminalUrl(location: Pick<Location, 'protocol' | 'host'>, workspaceId: string): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}/api/v1/workspaces/${encodeURIComponent(workspaceId)}/terminal`;
}

export function resizeMessage(cols: number, rows: number): string {
  return JSON.stringify({ type: 'resize', cols, rows });
}

const encoder = new TextEncoder();
/** Keystrokes go as binary so no typed text can be mistaken for a resize message. */
export function stdinFrame(data: string): Uint8Array {
  return encoder.encode(data);
}

export interface CloseView {
  message: string;
  /** offer a Reconnect button */
  retry: boolean;
  /** the close may mean the session has ended: ask the API (which renews) before showing anything */
  checkSession: boolean;
}

export function describeClose(code: number, reason: string): CloseView {
  switch (code) {
    case 1000:
      return { message: 'The shell exited.', retry: true, checkSession: false };
    case 4401:
      return { message: reason || 'Sign in to use the terminal.', retry: true, checkSession: true };
    case 4403:
      return { message: reason || 'You are not allowed to open a terminal in this workspace.', retry: false, checkSession: true };
    case 4404:
      return { message: reason || 'The workspace does not exist.', retry: false, checkSession: false };
    case 4409:
      return { message: reason || 'The workspace is not running.', retry: false, checkSession: false };
    default:
      return { message: `The terminal connection closed (${code}${reason ? ': ' + reason : ''}).`, retry: true, checkSession: false };
  }
}
