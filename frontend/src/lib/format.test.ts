import { describe, expect, it } from 'vitest';
import { formatBytes, formatDuration, formatRelative } from './format';

describe('formatBytes', () => {
  it('uses binary units as Docker reports memory', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.5 KiB');
    expect(formatBytes(24 * 1024 ** 3)).toBe('24 GiB');
    expect(formatBytes(2 * 1024 ** 4)).toBe('2.0 TiB');
  });

  it('says nothing rather than something wrong when the size is unknown', () => {
    expect(formatBytes(undefined)).toBe('—');
    expect(formatBytes(null)).toBe('—');
    expect(formatBytes(-1)).toBe('—');
  });
});

describe('formatDuration', () => {
  it('reads milliseconds, seconds and minutes', () => {
    expect(formatDuration('2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.250Z')).toBe('250 ms');
    expect(formatDuration('2026-01-01T00:00:00Z', '2026-01-01T00:00:03.400Z')).toBe('3.4 s');
    expect(formatDuration('2026-01-01T00:00:00Z', '2026-01-01T00:05:00Z')).toBe('5 min');
    expect(formatDuration('2026-01-01T00:00:01Z', '2026-01-01T00:00:00Z')).toBe('—');
  });
});

describe('formatRelative', () => {
  const now = Date.parse('2026-01-01T12:00:00Z');

  it('reads minutes, hours and days, past and future', () => {
    expect(formatRelative('2026-01-01T11:59:40Z', now)).toBe('just now');
    expect(formatRelative('2026-01-01T11:55:00Z', now)).toBe('5 min ago');
    expect(formatRelative('2026-01-01T14:00:00Z', now)).toBe('in 2 h');
    expect(formatRelative('2025-12-29T12:00:00Z', now)).toBe('3 days ago');
  });

  it('says nothing when the time is unknown', () => {
    expect(formatRelative(null, now)).toBe('—');
    expect(formatRelative('not a time', now)).toBe('—');
  });
});
