import { describe, expect, it } from 'vitest';
import { linkFilterFrom, withoutLinkFilter } from './link-filter';

describe('filters from a link (an alert button)', () => {
  it('takes the inbox query names an alert builds, and only well-formed values', () => {
    const p = new URLSearchParams(
      'status=all&sentiment=negative&sourceId=6f1c2d3e-4a5b-4c6d-8e9f-0a1b2c3d4e5f&platform=vk' +
        '&from=2030-01-01T10:00:00.000Z&to=2030-01-01T11:00:00.000Z&sla=at_risk&alert=x&who=mine',
    );
    expect(linkFilterFrom(p)).toEqual({
      status: 'all',
      sentiment: 'negative',
      sourceId: '6f1c2d3e-4a5b-4c6d-8e9f-0a1b2c3d4e5f',
      platform: 'vk',
      sla: 'at_risk',
      from: '2030-01-01T10:00:00.000Z',
      to: '2030-01-01T11:00:00.000Z',
    });
    expect(
      linkFilterFrom(new URLSearchParams('sourceId=1;drop&sla=due_soon&status=open&from=never')),
    ).toEqual({});
    expect(withoutLinkFilter(p).toString()).toBe('who=mine');
  });
});
