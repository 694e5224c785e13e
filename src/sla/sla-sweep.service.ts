import { Injectable, Logger, Optional } from '@nestjs/common';
import { OnJob } from '../jobs/on-job';
import { workingClockFor } from './calendar';
import { dueSlaEvents } from './sla-clock';
import { DueEvent, RaisedSlaEvent, SlaClockRepository } from './sla-clock.repository';
import { SlaEscalationService } from './sla-escalation.service';
import { SlaPolicyService } from './sla-policy.service';

export interface SlaSweepResult {
  scanned: number;
  raised: RaisedSlaEvent[];
}

const BATCH = 500;

export const SLA_SWEEP_JOB = 'sla.sweep';
export const SLA_SWEEP_INTERVAL_SECONDS = 30;

/**
 * Raises SLA warnings and breaches: walks the running clocks in due order (partial index
 * conversations_sla_sweep_idx), asks the pure clock which events are due, and records them once.
 * Safe to run on several workers at once.
 */
@Injectable()
export class SlaSweepService {
  private readonly logger = new Logger(SlaSweepService.name);

  constructor(
    private readonly clocks: SlaClockRepository,
    private readonly policies: SlaPolicyService,
    // optional so tests and benches can build the sweep by hand; Nest always injects it
    @Optional() private readonly escalations?: SlaEscalationService,
  ) {}

  /** Every 30 s on workers; the schedule's throttle and singleton key make one run per slot. */
  @OnJob({ name: SLA_SWEEP_JOB, every: SLA_SWEEP_INTERVAL_SECONDS })
  async sweepJob(): Promise<void> {
    await this.sweep();
  }

  async sweep(now: Date = new Date(), batchSize = BATCH): Promise<SlaSweepResult> {
    const policies = await this.policies.rulesById();
    const raised: RaisedSlaEvent[] = [];
    let scanned = 0;
    let after: { dueKey: string; id: string } | null = null;
    for (;;) {
      const page = await this.clocks.runningClocks(now, after, batchSize);
      scanned += page.length;
      const due: DueEvent[] = [];
      for (const c of page) {
        // A clock keeps its own policy's calendar; without one (or a deleted policy) it is 24/7.
        const clock = workingClockFor(c.slaPolicyId ? policies.get(c.slaPolicyId)?.calendar : null);
        for (const kind of dueSlaEvents(c.state, now, clock)) {
          due.push({ conversationId: c.conversationId, kind, dueAt: c.state.dueAt });
        }
      }
      raised.push(
        ...(await this.clocks.raise(
          due,
          now,
          this.escalations && ((tx, r) => this.escalations!.apply(tx, r, now)),
        )),
      );
      if (page.length < batchSize) break;
      const last = page[page.length - 1];
      after = { dueKey: last.dueKey, id: last.conversationId };
    }
    if (raised.length) {
      const breaches = raised.filter((e) => e.kind === 'breach').length;
      this.logger.log(
        `SLA sweep: ${raised.length} events (${breaches} breaches) from ${scanned} running clocks`,
      );
    }
    return { scanned, raised };
  }
}
