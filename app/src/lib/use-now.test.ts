import { describe, expect, it } from 'vitest';
import { relativeTime } from '../ui/relative-time';
import { nextLabelChange } from './use-now';

describe('nextLabelChange', () => {
  const now = 1_700_000_000_000;

  it('ticks every second while a time is under a minute away, and never faster', () => {
    expect(nextLabelChange([now + 30_000], now, 60_000)).toBe(1_000);
    expect(nextLabelChange([now - 10_500], now, 60_000)).toBe(1_000);
  });

  it('waits for the next minute boundary of times further away', () => {
    // "in 5 min" (5 min 20 s away) becomes "in 5 min"→"in 4 min" 20 s from now.
    expect(nextLabelChange([now + 320_000], now, 60_000)).toBe(20_001);
    // "3 min ago" (3 min 10 s ago) becomes "4 min ago" in 50 s.
    expect(nextLabelChange([now - 190_000], now, 60_000)).toBe(50_001);
    expect(nextLabelChange([null, undefined, Number.NaN], now, 60_000)).toBe(60_000);
  });

  it('the label is unchanged until then, and changed right after', () => {
    for (const at of [now + 320_000, now - 190_000, now + 7_200_000 + 61_000, now - 86_400_000 * 3]) {
      const wait = nextLabelChange([at], now, 60_000);
      expect(relativeTime(at, now + wait - 2)).toBe(relativeTime(at, now));
      if (wait < 60_000) expect(relativeTime(at, now + wait)).not.toBe(relativeTime(at, now));
    }
  });
});
