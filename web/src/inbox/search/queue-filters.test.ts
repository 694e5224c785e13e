import { describe, expect, it } from 'vitest';
import {
  activeCount,
  countLabel,
  dayToIso,
  filtersFrom,
  isoToDay,
  urlToView,
  viewToUrl,
  withFilters,
} from './queue-filters';

describe('queue filters in the URL', () => {
  it('reads known filters, drops empty and unknown ones', () => {
    const p = new URLSearchParams('status=open&q=%20роутер%20&sentiment=negative&platform=&color=red');
    expect(filtersFrom(p)).toEqual({ q: 'роутер', sentiment: 'negative' });
    expect(activeCount(filtersFrom(p))).toBe(1);
  });

  it('replaces the filters and keeps the tabs', () => {
    const p = new URLSearchParams('status=resolved&who=mine&intent=spam&q=x');
    const next = withFilters(p, { sentiment: 'positive', q: '' });
    expect(next.get('status')).toBe('resolved');
    expect(next.get('who')).toBe('mine');
    expect(next.get('intent')).toBeNull();
    expect(next.get('q')).toBeNull();
    expect(next.get('sentiment')).toBe('positive');
  });

  it('turns a saved view into tabs and filters and back', () => {
    const view = { status: 'all', assignee: 'unassigned', intent: 'sales_question', platform: 'vk' };
    const u = viewToUrl(view);
    expect(u).toEqual({
      status: 'all',
      who: 'unassigned',
      filters: { intent: 'sales_question', platform: 'vk' },
    });
    expect(urlToView(u.status, u.who, u.filters)).toEqual(view);
    expect(viewToUrl({ sla: 'at_risk' })).toEqual({
      status: 'open',
      who: 'all',
      filters: { sla: 'at_risk' },
    });
    expect(urlToView('open', 'mine', {}).assignee).toBe('me');
  });

  it('maps a day in the reader zone to an instant and back; the end of a range is the next midnight', () => {
    const from = dayToIso('2026-03-09')!;
    const to = dayToIso('2026-03-09', true)!;
    expect(new Date(to).getTime() - new Date(from).getTime()).toBeGreaterThanOrEqual(23 * 3600_000);
    expect(isoToDay(from)).toBe('2026-03-09');
    expect(isoToDay(to, true)).toBe('2026-03-09');
    expect(dayToIso('09.03.2026')).toBeUndefined();
    expect(isoToDay('garbage')).toBe('');
  });

  it('shows a capped count with a plus', () => {
    expect(countLabel(1000, true)).toBe('1000+');
    expect(countLabel(7, false)).toBe('7');
  });
});
