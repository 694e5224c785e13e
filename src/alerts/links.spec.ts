import { otklikUrl } from './links';

/** The links in Slack messages use the web app's routes and the inbox's own query names. */
describe('otklikUrl', () => {
  const base = 'https://otklik.example.com';

  it('an inbox filter in the inbox query names, with the alert id', () => {
    const url = new URL(
      otklikUrl(
        base,
        {
          view: 'inbox',
          status: 'all',
          sentiment: 'negative',
          sourceId: 's1',
          from: '2030-01-01T10:00:00.000Z',
          to: '2030-01-01T11:00:00.000Z',
        },
        'a1',
      ),
    );
    expect(url.pathname).toBe('/inbox');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      status: 'all',
      sentiment: 'negative',
      sourceId: 's1',
      from: '2030-01-01T10:00:00.000Z',
      to: '2030-01-01T11:00:00.000Z',
      alert: 'a1',
    });
  });

  it('one conversation opens as /inbox/<id>; sources and alerts have their own pages', () => {
    expect(otklikUrl(base, { view: 'inbox', conversationId: 'c 1' })).toBe(`${base}/inbox/c%201`);
    expect(otklikUrl(base, { view: 'sources', sourceId: 's1' }, 'a1')).toBe(
      `${base}/alerts/sources?sourceId=s1&alert=a1`,
    );
    expect(otklikUrl(`${base}/`, { view: 'alerts' }, 'a1')).toBe(`${base}/alerts?alert=a1`);
  });

  it('translates a filter stored before the inbox named it (due_soon → at_risk)', () => {
    expect(otklikUrl(base, { view: 'inbox', sla: 'due_soon' })).toBe(`${base}/inbox?sla=at_risk`);
  });
});
