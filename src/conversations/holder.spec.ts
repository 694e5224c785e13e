import { actOnConversation, heldByAnother, MAX_SNOOZE_DAYS, snoozeProblem } from './holder';

describe('conversation holder rules', () => {
  const agent = { id: 'a', role: 'agent' };
  const admin = { id: 'boss', role: 'admin' };

  it('lets anyone act on an unassigned conversation and the holder on their own', () => {
    expect(actOnConversation(null, agent)).toBe('allowed');
    expect(actOnConversation('a', agent)).toBe('allowed');
    expect(actOnConversation('boss', admin)).toBe('allowed');
  });

  it('refuses agents on a conversation someone else holds; an admin overrides', () => {
    expect(actOnConversation('b', agent)).toBe('refused');
    expect(actOnConversation('b', admin)).toBe('override');
    expect(heldByAnother('b')).toMatchObject({ statusCode: 409, assigneeId: 'b' });
  });

  it('takes a snooze only in the future and at most 30 days ahead', () => {
    const now = new Date('2025-03-01T12:00:00Z');
    const days = (d: number) => new Date(now.getTime() + d * 86_400_000);
    expect(MAX_SNOOZE_DAYS).toBe(30);
    expect(snoozeProblem(now, now)).toBe('snoozedUntil must be in the future');
    expect(snoozeProblem(days(-1), now)).toBe('snoozedUntil must be in the future');
    expect(snoozeProblem(days(1 / 24), now)).toBeNull();
    expect(snoozeProblem(days(30), now)).toBeNull();
    expect(snoozeProblem(new Date(days(30).getTime() + 1000), now)).toBe(
      'snoozedUntil may be at most 30 days ahead',
    );
    expect(snoozeProblem(days(300), now)).toBe('snoozedUntil may be at most 30 days ahead');
  });
});
