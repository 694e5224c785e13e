import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { workingClockFor } from './calendar';
import { pauseClock, resumeClock } from './sla-clock';
import { SlaClockRepository } from './sla-clock.repository';
import { SlaPolicyService } from './sla-policy.service';

/**
 * Pause and resume for the inbox: when a conversation starts waiting on the customer (pending)
 * and when it stops. Policies with pause_while_pending = false keep counting.
 * Pass the caller's transaction (`tx`) to change the clock together with the status.
 */
@Injectable()
export class SlaClockService {
  constructor(
    private readonly clocks: SlaClockRepository,
    private readonly policies: SlaPolicyService,
  ) {}

  /** Returns whether the clock was paused (false: no running clock, or the policy never pauses). */
  async pause(conversationId: string, at: Date = new Date(), tx?: EntityManager): Promise<boolean> {
    const byId = await this.policies.rulesById();
    return this.within(tx, async (m) => {
      const c = await this.clocks.lockClock(m, conversationId);
      if (!c || c.state.firstResponseAt || c.state.pausedAt) return false;
      const policy = c.slaPolicyId ? byId.get(c.slaPolicyId) : undefined;
      if (policy && policy.pauseWhilePending === false) return false;
      await this.clocks.saveClock(m, conversationId, pauseClock(c.state, at));
      return true;
    });
  }

  /** Resumes a paused clock; the deadline moves by the working time spent paused. */
  async resume(conversationId: string, at: Date = new Date(), tx?: EntityManager): Promise<Date | null> {
    const byId = await this.policies.rulesById();
    return this.within(tx, async (m) => {
      const c = await this.clocks.lockClock(m, conversationId);
      if (!c || !c.state.pausedAt) return null;
      const clock = workingClockFor(c.slaPolicyId ? byId.get(c.slaPolicyId)?.calendar : null);
      const next = resumeClock(c.state, at, clock);
      await this.clocks.saveClock(m, conversationId, next);
      return next.dueAt;
    });
  }

  private within<T>(tx: EntityManager | undefined, work: (m: EntityManager) => Promise<T>): Promise<T> {
    return tx ? work(tx) : this.clocks.transaction(work);
  }
}
