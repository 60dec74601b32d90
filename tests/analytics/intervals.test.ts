import { describe, expect, it } from 'vitest';
import { intervalCount, intervalsOf } from '@/lib/analytics/schemas';

describe('intervals of a range', () => {
  it('are calendar days, weeks from Monday and months, clipped to the range', () => {
    expect(intervalsOf('2026-02-27', '2026-03-02', 'day')).toEqual([
      { date: '2026-02-27', last: '2026-02-27' },
      { date: '2026-02-28', last: '2026-02-28' },
      { date: '2026-03-01', last: '2026-03-01' },
      { date: '2026-03-02', last: '2026-03-02' },
    ]);
    // 2026-03-04 is a Wednesday.
    expect(intervalsOf('2026-03-04', '2026-03-17', 'week')).toEqual([
      { date: '2026-03-04', last: '2026-03-08' },
      { date: '2026-03-09', last: '2026-03-15' },
      { date: '2026-03-16', last: '2026-03-17' },
    ]);
    expect(intervalsOf('2024-01-31', '2024-03-10', 'month')).toEqual([
      { date: '2024-01-31', last: '2024-01-31' },
      { date: '2024-02-01', last: '2024-02-29' },
      { date: '2024-03-01', last: '2024-03-10' },
    ]);
  });

  it('are counted without being built', () => {
    const ranges = [
      ['2026-03-04', '2026-03-04'],
      ['2026-03-08', '2026-03-09'],
      ['2025-12-03', '2026-12-03'],
      ['2023-12-31', '2026-01-01'],
      ['2024-02-29', '2024-03-31'],
    ];
    for (const [from, to] of ranges) {
      for (const interval of ['day', 'week', 'month'] as const) expect(intervalCount(from, to, interval)).toBe(intervalsOf(from, to, interval).length);
    }
  });
});
