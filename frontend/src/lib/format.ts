/** Short local date-time, or '—'. */
export function formatTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

export function formatDuration(from: string | null | undefined, to: string | null | undefined): string {
  if (!from || !to) return '—';
  const ms = new Date(to).getTime() - new Date(from).getTime();
  if (!Number.isFinite(ms) || ms < 0) return '—';
  return ms < 1000 ? `${ms} ms` : ms < 60_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms / 60_000)} min`;
}

/** Bytes in binary units (KiB, MiB, GiB, TiB), as Docker reports memory; '—' when unknown. */
export function formatBytes(bytes: number | null | undefined): string {
  if (bytes == null || !Number.isFinite(bytes) || bytes < 0) return '—';
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return unit === 0 ? `${value} B` : `${value < 10 ? value.toFixed(1) : Math.round(value)} ${units[unit]}`;
}

/** How far a time is from now, roughly: 'just now', '5 min ago', 'in 2 h', '3 days ago'; '—' when unknown. */
export function formatRelative(iso: string | null | undefined, now: number = Date.now()): string {
  if (!iso) return '—';
  const at = new Date(iso).getTime();
  if (!Number.isFinite(at)) return '—';
  const ms = at - now;
  const minutes = Math.round(Math.abs(ms) / 60_000);
  if (minutes < 1) return 'just now';
  const amount = minutes < 60 ? `${minutes} min`
    : minutes < 48 * 60 ? `${Math.round(minutes / 60)} h`
      : `${Math.round(minutes / (24 * 60))} days`;
  return ms < 0 ? `${amount} ago` : `in ${amount}`;
}
