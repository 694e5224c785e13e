import { quotaDay, quotaResetAt, quotaView, readAllowance, usedToday } from './quota';

describe('YouTube quota arithmetic', () => {
  it('the quota day turns at midnight Pacific time (PST and PDT)', () => {
    expect(quotaDay(new Date('2024-11-01T06:59:00Z'))).toBe('2024-10-31'); // 23:59 PDT
    expect(quotaDay(new Date('2024-11-01T07:00:00Z'))).toBe('2024-11-01');
    expect(quotaResetAt(new Date('2024-11-01T10:00:00Z')).toISOString()).toBe('2024-11-02T07:00:00.000Z');
    expect(quotaResetAt(new Date('2024-12-01T10:00:00Z')).toISOString()).toBe('2024-12-02T08:00:00.000Z'); // PST
  });

  it('yesterday’s spending does not count today', () => {
    const now = new Date('2024-11-01T10:00:00Z');
    expect(usedToday({ day: '2024-10-31', used: 9000 }, now)).toBe(0);
    expect(usedToday({ day: '2024-11-01', used: 12 }, now)).toBe(12);
    expect(quotaView(10_000, 0.8, { day: '2024-11-01', used: 120 }, now)).toEqual({
      day: '2024-11-01',
      limit: 10_000,
      used: 120,
      remaining: 9880,
      readBudget: 8000,
      resetsAt: '2024-11-02T07:00:00.000Z',
    });
  });

  it('polling stays within its share and is spread over the day', () => {
    const midnight = new Date('2024-11-01T07:00:00Z');
    const noon = new Date('2024-11-01T19:00:00Z');
    const base = { limit: 10_000, share: 0.8, units: 1 };
    expect(readAllowance({ ...base, used: 0, now: midnight })).toBe('ok');
    expect(readAllowance({ ...base, used: 2000, now: midnight })).toBe('pace'); // the burst is 25 % of 8,000
    expect(readAllowance({ ...base, used: 5000, now: noon })).toBe('ok'); // half the day: 4,000 + 2,000
    expect(readAllowance({ ...base, used: 8000, now: noon })).toBe('spent');
  });
});
