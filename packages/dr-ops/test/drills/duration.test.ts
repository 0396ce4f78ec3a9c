import { describe, expect, it } from 'vitest';
import { formatDuration, parseDuration } from '../../src/drills/index.ts';

describe('durations', () => {
  it.each([
    ['30s', 30_000],
    ['10m', 600_000],
    ['1h30m', 5_400_000],
    ['500ms', 500],
    ['1.5m', 90_000],
    ['1d', 86_400_000],
    ['2m30s', 150_000],
    ['1m500ms', 60_500],
  ])('parses %s', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each(['', '10', 'm', '10 m', '1s1m', '-5s', '10M', '1e3s', '5ms5s'])('refuses %j', (text) => {
    expect(parseDuration(text)).toBeUndefined();
  });

  it.each([
    [350, '0.35s'],
    [4_000, '4s'],
    [75_000, '1m15s'],
    [3_725_000, '1h02m05s'],
  ])('formats %d ms as %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});
