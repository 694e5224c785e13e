import { parseInboxNotification } from './inbox-events';

describe('parseInboxNotification', () => {
  it('reads inline events, or ids to fetch, and ignores anything else', () => {
    const e = {
      id: '12',
      type: 'note.created',
      at: '2024-11-05T10:00:00+00:00',
      conversationIds: ['c'],
      data: {},
    };
    expect(parseInboxNotification(JSON.stringify([e]))).toEqual({ events: [e], ids: [] });
    expect(parseInboxNotification('5,6,x,07,8')).toEqual({ events: [], ids: ['5', '6', '8'] });
    expect(parseInboxNotification('[not json')).toEqual({ events: [], ids: [] });
    expect(parseInboxNotification(JSON.stringify([{ id: 'drop table' }]))).toEqual({ events: [], ids: [] });
    expect(parseInboxNotification(undefined)).toEqual({ events: [], ids: [] });
  });
});
