import { ALWAYS_OPEN, BusinessCalendar, weekdaysCalendar } from '../sla/calendar';
import type { ConversationActivity } from './conversation-activity';
import {
  applyActivity,
  changeStatus,
  type ClockRules,
  type ConversationState,
  NO_CLOCK,
  openConversation,
  recordAnswer,
  runningClock,
  snoozePastDeadline,
  wake,
} from './conversation-lifecycle';

const at = (hhmm: string, day = '2030-03-04') => new Date(`${day}T${hhmm}:00Z`);
const MIN = 60_000;

const always: ClockRules = { clockOf: () => ALWAYS_OPEN, pausesWhilePending: () => true };
const neverPausing: ClockRules = { ...always, pausesWhilePending: () => false };

/** A customer item (or several) stored on the conversation, as summariseActivity gives it. */
function customer(
  writtenAt: Date,
  o: { needs?: boolean; dueIn?: number; policy?: string | null; intent?: string; priority?: number } = {},
): ConversationActivity {
  const needs = o.needs ?? true;
  return {
    conversationId: 'c1',
    firstAt: writtenAt,
    lastAt: writtenAt,
    lastCustomerAt: writtenAt,
    contactId: 'ct',
    customerId: 'cu',
    needsResponse: needs,
    dueAt: needs ? new Date(writtenAt.getTime() + (o.dueIn ?? 60) * MIN) : null,
    slaPolicyId: needs ? (o.policy ?? 'p-sales') : null,
    slaStartAt: needs ? writtenAt : null,
    intent: o.intent ?? (needs ? 'sales_question' : 'other'),
    sentimentLabel: 'neutral',
    priority: o.priority ?? (needs ? 60 : 0),
  };
}

function brand(writtenAt: Date): ConversationActivity {
  return {
    ...customer(writtenAt, { needs: false }),
    lastCustomerAt: null,
    contactId: null,
    customerId: null,
    intent: null,
    sentimentLabel: null,
    priority: 0,
  };
}

const answer = (s: ConversationState, typedAt: Date, deliveredAt = typedAt) =>
  recordAnswer(s, { replyCreatedAt: typedAt, deliveredAt, at: deliveredAt, statusAfter: null }, always);

describe('conversation lifecycle', () => {
  describe('a new conversation', () => {
    it('starts its clock at the customer message, with that item’s deadline and policy', () => {
      const s = openConversation('c1', customer(at('10:00'), { dueIn: 60 }));
      expect(s).toMatchObject({
        status: 'open',
        needsResponse: true,
        priority: 60,
        intent: 'sales_question',
      });
      expect(s.sla).toEqual({ ...NO_CLOCK, policyId: 'p-sales', startedAt: at('10:00'), dueAt: at('11:00') });
    });

    it('has no clock when nothing needs an answer', () => {
      expect(openConversation('c1', customer(at('10:00'), { needs: false })).sla).toEqual(NO_CLOCK);
    });
  });

  describe('a follow-up after our answer (next response)', () => {
    it('our answer stops the clock and leaves the conversation pending', () => {
      const s = openConversation('c1', customer(at('10:00')));
      const { state, firstResponse } = answer(s, at('10:20'));
      expect(firstResponse).toBe(true);
      expect(state).toMatchObject({
        status: 'pending',
        firstResponseAt: at('10:20'),
        firstResponseSeconds: 1200,
      });
      expect(state.sla.dueAt).toBeNull();
    });

    it('a new question starts a new clock from when the customer wrote, by its own intent', () => {
      const answered = answer(openConversation('c1', customer(at('10:00'))), at('10:20')).state;
      const s = applyActivity(
        answered,
        customer(at('12:00'), { dueIn: 180, policy: 'p-default', intent: 'support_question' }),
        always,
      );
      expect(s.status).toBe('open');
      expect(s.sla).toEqual({
        ...NO_CLOCK,
        policyId: 'p-default',
        startedAt: at('12:00'),
        dueAt: at('15:00'),
      });
      expect(s.intent).toBe('support_question');
      // the first response is the conversation's, not the clock's
      expect(s.firstResponseAt).toEqual(at('10:20'));
    });

    it('a second answer is not a first response and keeps its seconds', () => {
      let s = answer(openConversation('c1', customer(at('10:00'))), at('10:20')).state;
      s = applyActivity(s, customer(at('12:00')), always);
      const r = answer(s, at('12:30'));
      expect(r.firstResponse).toBe(false);
      expect(r.state.firstResponseSeconds).toBe(1200);
      expect(r.state.sla.dueAt).toBeNull();
    });

    it('"thanks" after our answer needs nothing: back to open, no clock', () => {
      const answered = answer(openConversation('c1', customer(at('10:00'))), at('10:20')).state;
      const s = applyActivity(answered, customer(at('10:30'), { needs: false }), always);
      expect(s.status).toBe('open');
      expect(s.sla.dueAt).toBeNull();
    });

    it('a reply typed before the customer wrote again does not stop the clock', () => {
      let s = openConversation('c1', customer(at('10:00')));
      s = applyActivity(s, customer(at('10:10')), always);
      const r = answer(s, at('10:05'), at('10:15'));
      expect(r.state.sla.dueAt).toEqual(at('11:00'));
      expect(r.state.status).toBe('open');
    });
  });

  describe('while a clock runs', () => {
    it('another question keeps the start and takes the earlier deadline', () => {
      let s = openConversation('c1', customer(at('10:00'), { dueIn: 180, policy: 'p-default' }));
      s = applyActivity(s, customer(at('10:30'), { dueIn: 60, policy: 'p-sales' }), always);
      expect(s.sla).toMatchObject({ startedAt: at('10:00'), dueAt: at('11:30'), policyId: 'p-sales' });
      s = applyActivity(s, customer(at('10:40'), { dueIn: 180, policy: 'p-default' }), always);
      expect(s.sla).toMatchObject({ dueAt: at('11:30'), policyId: 'p-sales' });
    });

    it('a brand message moves only the message times', () => {
      const s = openConversation('c1', customer(at('10:00')));
      const after = applyActivity(s, brand(at('10:05')), always);
      expect(after).toEqual({ ...s, lastMessageAt: at('10:05') });
    });
  });

  describe('resolving', () => {
    it('stops the clock; a customer message later reopens with everything fresh', () => {
      let s = openConversation('c1', customer(at('10:00')));
      s = {
        ...s,
        firstResponseAt: at('10:05'),
        firstResponseSeconds: 300,
        sla: { ...s.sla, warned50At: at('10:30') },
      };
      s = changeStatus(s, 'resolved', { at: at('10:40') }, always);
      expect(s).toMatchObject({ status: 'resolved', resolvedAt: at('10:40') });
      expect(s.sla.dueAt).toBeNull();

      s = applyActivity(s, customer(at('14:00', '2030-03-05')), always);
      expect(s).toMatchObject({
        status: 'open',
        resolvedAt: null,
        firstResponseAt: null,
        firstResponseSeconds: null,
      });
      expect(s.sla).toEqual({
        ...NO_CLOCK,
        policyId: 'p-sales',
        startedAt: at('14:00', '2030-03-05'),
        dueAt: at('15:00', '2030-03-05'),
      });
    });

    it('an agent reopening a resolved conversation starts no clock', () => {
      let s = changeStatus(
        openConversation('c1', customer(at('10:00'))),
        'resolved',
        { at: at('10:10') },
        always,
      );
      s = changeStatus(s, 'open', { at: at('10:20') }, always);
      expect(s).toMatchObject({ status: 'open', resolvedAt: null });
      expect(s.sla.dueAt).toBeNull();
    });

    it('a reply that resolves stops the clock even when the customer wrote meanwhile', () => {
      let s = openConversation('c1', customer(at('10:00')));
      s = applyActivity(s, customer(at('10:10')), always);
      const r = recordAnswer(
        s,
        { replyCreatedAt: at('10:05'), deliveredAt: at('10:15'), at: at('10:15'), statusAfter: 'resolved' },
        always,
      );
      expect(r.state).toMatchObject({ status: 'resolved', resolvedAt: at('10:15') });
      expect(r.state.sla.dueAt).toBeNull();
    });
  });

  describe('pending and snoozed', () => {
    it('pending pauses when the policy says so; the customer writing resumes, the deadline moved', () => {
      let s = changeStatus(
        openConversation('c1', customer(at('10:00'))),
        'pending',
        { at: at('10:30') },
        always,
      );
      expect(s.sla.pausedAt).toEqual(at('10:30'));
      s = applyActivity(s, customer(at('11:45'), { needs: false }), always);
      expect(s.status).toBe('open');
      expect(s.sla).toMatchObject({ pausedAt: null, pausedMs: 75 * MIN, dueAt: at('12:15') });
    });

    it('pending keeps counting under a policy that does not pause', () => {
      const s = changeStatus(
        openConversation('c1', customer(at('10:00'))),
        'pending',
        { at: at('10:30') },
        neverPausing,
      );
      expect(s.sla.pausedAt).toBeNull();
    });

    it('snoozing always pauses; the wake-up resumes from the snooze’s end', () => {
      let s = openConversation('c1', customer(at('10:00')));
      s = changeStatus(s, 'snoozed', { at: at('10:20'), snoozedUntil: at('12:00') }, neverPausing);
      expect(s).toMatchObject({ status: 'snoozed', snoozedUntil: at('12:00') });
      expect(s.sla.pausedAt).toEqual(at('10:20'));
      s = wake(s, at('12:00'), neverPausing);
      expect(s).toMatchObject({ status: 'open', snoozedUntil: null });
      expect(s.sla).toMatchObject({ pausedAt: null, pausedMs: 100 * MIN, dueAt: at('12:40') });
    });

    it('a late wake-up job does not charge the team for its own delay', () => {
      let s = changeStatus(
        openConversation('c1', customer(at('10:00'))),
        'snoozed',
        { at: at('10:20'), snoozedUntil: at('12:00') },
        always,
      );
      s = wake(s, at('12:10'), always);
      expect(s.sla.dueAt).toEqual(at('12:40'));
    });

    it('a customer message wakes a snoozed conversation and resumes its clock', () => {
      let s = changeStatus(
        openConversation('c1', customer(at('10:00'))),
        'snoozed',
        { at: at('10:20'), snoozedUntil: at('15:00') },
        always,
      );
      s = applyActivity(s, customer(at('11:00'), { dueIn: 180 }), always);
      expect(s).toMatchObject({ status: 'open', snoozedUntil: null });
      expect(s.sla).toMatchObject({ pausedAt: null, pausedMs: 40 * MIN, dueAt: at('11:40') });
    });

    it('resumes in working time under the clock’s own calendar', () => {
      const office = new BusinessCalendar(weekdaysCalendar('UTC', [{ from: '09:00', to: '18:00' }]));
      const rules: ClockRules = { clockOf: () => office, pausesWhilePending: () => true };
      // Friday 17:00 due Monday 10:00 (1 h Friday + 1 h Monday), paused at 17:30 Friday.
      let s = openConversation('c1', customer(at('17:00', '2030-03-01'), { dueIn: 0 }));
      s = { ...s, sla: { ...s.sla, dueAt: at('10:00', '2030-03-04') } };
      s = changeStatus(s, 'pending', { at: at('17:30', '2030-03-01') }, rules);
      s = applyActivity(s, customer(at('09:15', '2030-03-04'), { needs: false }), rules);
      // paused: Fri 17:30-18:00 and Mon 09:00-09:15 = 45 working minutes
      expect(s.sla).toMatchObject({ pausedMs: 45 * MIN, dueAt: at('10:45', '2030-03-04') });
    });
  });

  describe('snoozing past the deadline', () => {
    const s = openConversation('c1', customer(at('10:00'), { dueIn: 60 }));

    it('names the deadline a snooze would pass, and nothing for one that ends before it', () => {
      expect(snoozePastDeadline(s, at('12:00'), at('10:10'), always)).toEqual(at('11:00'));
      expect(snoozePastDeadline(s, at('10:50'), at('10:10'), always)).toBeNull();
    });

    it('judges a clock paused while pending as if it resumed now', () => {
      const pending = changeStatus(s, 'pending', { at: at('10:30') }, always);
      // 30 minutes were left at the pause: resumed at 11:00 it is due 11:30
      expect(snoozePastDeadline(pending, at('11:20'), at('11:00'), always)).toBeNull();
      expect(snoozePastDeadline(pending, at('11:40'), at('11:00'), always)).toEqual(at('11:30'));
    });

    it('says nothing when no clock runs', () => {
      const answered = answer(s, at('10:20')).state;
      expect(snoozePastDeadline(answered, at('18:00'), at('10:30'), always)).toBeNull();
    });
  });

  it('gives the sweep one predicate: running, unpaused, unbreached, open or pending', () => {
    expect(runningClock('c')).toBe(
      "c.due_at IS NOT NULL AND c.sla_paused_at IS NULL AND c.status IN ('open', 'pending') AND c.sla_breached_at IS NULL",
    );
    expect(runningClock('')).not.toContain('.');
  });
});
