import { Injectable } from '@nestjs/common';
import { SlaPolicyService } from './sla-policy.service';
import { CareIntent, TriageAnalysis } from './sla.types';
import { computeDeadlineWithPolicy, SlaPolicyRule, triage, TriageResult } from './triage';

/**
 * What ingest calls: deadlines and triage against the policies in the database (cached,
 * refreshed on change). For a batch, take `policies()` once and call the pure `triage()`.
 */
@Injectable()
export class DeadlineService {
  constructor(private readonly policies: SlaPolicyService) {}

  /** The deadline for an item written at `createdAt`, or null when it needs no answer. */
  async deadlineFor(input: {
    createdAt: Date;
    intent: CareIntent;
    sourceId: string | null;
  }): Promise<Date | null> {
    return computeDeadlineWithPolicy(input, await this.policies.rules())?.dueAt ?? null;
  }

  async triage(
    analysis: TriageAnalysis,
    item: { createdAt: Date; sourceId: string | null },
  ): Promise<TriageResult> {
    return triage(analysis, item, await this.policies.rules());
  }

  /** The current rule set, for batch callers that run the pure functions themselves. */
  policiesSnapshot(): Promise<readonly SlaPolicyRule[]> {
    return this.policies.rules();
  }
}
