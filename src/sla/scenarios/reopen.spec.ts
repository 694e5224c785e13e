import { ALWAYS_OPEN, BusinessCalendar } from '../calendar';
import { dueSlaEvents, markRaised, onCustomerMessage, recordFirstResponse, startClock } from '../sla-clock';
import { inMsk, msk, officeHours } from './fixtures';

describe('scenario: a new customer message after resolution reopens with a new deadline', () => {
  it('counts the new deadline from the new message, not from when we noticed it', () => {
    let c = startClock(msk('2025-03-11 10:00'), 180, ALWAYS_OPEN);
    c = markRaised(c, dueSlaEvents(c, msk('2025-03-11 13:05'), ALWAYS_OPEN), msk('2025-03-11 13:05'));
    expect(c.breachedAt).not.toBeNull();
    c = recordFirstResponse(c, msk('2025-03-11 13:30'));
    expect(dueSlaEvents(c, msk('2025-03-11 20:00'), ALWAYS_OPEN)).toEqual([]);

    // Resolved; the customer writes again at 19:00, ingest sees it at 19:40.
    const reopened = onCustomerMessage(
      c,
      msk('2025-03-11 19:00'),
      { resolved: true, targetMinutes: 180 },
      ALWAYS_OPEN,
    );
    expect(inMsk(reopened.startedAt)).toBe('2025-03-11 19:00:00');
    expect(inMsk(reopened.dueAt)).toBe('2025-03-11 22:00:00');
    expect(reopened).toMatchObject({
      warned50At: null,
      warned80At: null,
      breachedAt: null,
      firstResponseAt: null,
    });
    // Its warnings fire again, for the new deadline.
    expect(dueSlaEvents(reopened, msk('2025-03-11 19:40'), ALWAYS_OPEN)).toEqual([]);
    expect(dueSlaEvents(reopened, msk('2025-03-11 20:30'), ALWAYS_OPEN)).toEqual(['warning_50']);
  });

  it('a reopened clock follows the calendar from the message time', () => {
    const cal = new BusinessCalendar(officeHours());
    const old = recordFirstResponse(startClock(msk('2025-03-13 10:00'), 60, cal), msk('2025-03-13 10:20'));
    const reopened = onCustomerMessage(
      old,
      msk('2025-03-14 17:40'),
      { resolved: true, targetMinutes: 60 },
      cal,
    );
    expect(inMsk(reopened.dueAt)).toBe('2025-03-17 09:40:00');
  });

  it('an answered but still open conversation also gets a new deadline', () => {
    const answered = recordFirstResponse(
      startClock(msk('2025-03-11 10:00'), 60, ALWAYS_OPEN),
      msk('2025-03-11 10:10'),
    );
    const next = onCustomerMessage(
      answered,
      msk('2025-03-11 12:00'),
      { resolved: false, targetMinutes: 60 },
      ALWAYS_OPEN,
    );
    expect(inMsk(next.dueAt)).toBe('2025-03-11 13:00:00');
  });

  it('a follow-up while we still owe an answer keeps the first deadline', () => {
    const running = startClock(msk('2025-03-11 10:00'), 60, ALWAYS_OPEN);
    const same = onCustomerMessage(
      running,
      msk('2025-03-11 10:30'),
      { resolved: false, targetMinutes: 60 },
      ALWAYS_OPEN,
    );
    expect(same).toBe(running);
    expect(inMsk(same.dueAt)).toBe('2025-03-11 11:00:00');
  });

  it('the first message of a conversation starts the clock', () => {
    const first = onCustomerMessage(
      null,
      msk('2025-03-11 10:00'),
      { resolved: false, targetMinutes: 60 },
      ALWAYS_OPEN,
    );
    expect(inMsk(first.dueAt)).toBe('2025-03-11 11:00:00');
  });
});
