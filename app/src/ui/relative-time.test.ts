import { describe, expect, it } from 'vitest';
import { relativeTime } from './relative-time';

describe('relativeTime', () => {
  const now = Date.UTC(2026, 2, 1, 12);
  it('reads both directions, floored', () => {
    expect(relativeTime(now + 400, now)).toBe('now');
    expect(relativeTime(now + 42_000, now)).toBe('in 42 s');
    expect(relativeTime(now - 42_000, now)).toBe('42 s ago');
    expect(relativeTime(now - 5 * 60_000, now)).toBe('5 min ago');
    expect(relativeTime(now - 5 * 60_000 - 59_000, now)).toBe('5 min ago');
    expect(relativeTime(now + 2 * 3_600_000 + 20 * 60_000, now)).toBe('in 2 h 20 min');
    expect(relativeTime(now - 3 * 3_600_000, now)).toBe('3 h ago');
    expect(relativeTime(now - 30 * 3_600_000, now)).toBe('30 h ago');
    expect(relativeTime(now + 4 * 86_400_000, now)).toBe('in 4 d');
    expect(relativeTime(now - 3 * 86_400_000, now)).toBe('3 d ago');
  });
  it('past times read "just now" when fresh or skewed ahead', () => {
    expect(relativeTime(now, now, { past: true })).toBe('just now');
    expect(relativeTime(now - 4_000, now, { past: true })).toBe('just now');
    expect(relativeTime(now + 60_000, now, { past: true })).toBe('just now'); // clock skew
    expect(relativeTime(now - 42_000, now, { past: true })).toBe('42 s ago');
  });
  it('a missing time reads as a dash', () => {
    expect(relativeTime(undefined, now)).toBe('—');
    expect(relativeTime(null, now)).toBe('—');
    expect(relativeTime(Number.NaN, now)).toBe('—');
  });
});
