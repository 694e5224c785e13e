import { agentsNeeded, DEFAULT_STAFFING, erlangC, serviceLevel } from './staffing';

describe('staffing (Erlang C with six conversations per agent)', () => {
  it('matches the textbook Erlang C value', () => {
    expect(erlangC(3, 2)).toBeCloseTo(4 / 9, 6);
    expect(erlangC(2, 2)).toBe(1);
    expect(erlangC(5, 0)).toBe(0);
  });

  it('asks for the fewest agents that meet the target, and no fewer', () => {
    const o = { ...DEFAULT_STAFFING, handleMinutes: 30, slaMinutes: 60, target: 0.8 };
    expect(agentsNeeded(0, o)).toBe(0);
    for (const perHour of [1, 12, 60, 150, 400]) {
      const n = agentsNeeded(perHour, o);
      const load = (perHour * o.handleMinutes) / 60;
      expect(n * o.capacity).toBeGreaterThan(load);
      expect(serviceLevel(n * o.capacity, load, o)).toBeGreaterThanOrEqual(o.target);
      if (n > 1) expect(serviceLevel((n - 1) * o.capacity, load, o)).toBeLessThan(o.target);
    }
    // 60 conversations an hour held 30 minutes each = 30 at once: six agents of six
    expect(agentsNeeded(60, o)).toBe(6);
    // a tight deadline needs more hands than a loose one
    expect(agentsNeeded(150, { ...o, slaMinutes: 1, target: 0.95 })).toBeGreaterThan(agentsNeeded(150, o));
  });
});
