import { Injectable, Logger, NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { SessionUser } from '../users/user.types';
import { IngestService } from '../ingest/ingest.service';
import { describeStorageError, isItemDataError } from '../database/pg';
import type {
  ListQuarantineQuery,
  QuarantinedItemView,
  QuarantinePageView,
  ReplayOutcomeView,
} from './dto/quarantine.dto';
import { decodeQuarantinePayload, parsePayload, QuarantinePayloadError } from './quarantine-payload';
import { QuarantineRepository, type QuarantineRow, type ReplayResult } from './quarantine.repository';

/**
 * What admins do with the quarantine: look at what could not be stored, and replay an item once
 * the cause is fixed (a code or schema fix, a cleaned-up source). A replay runs the item
 * through ingest again, exactly as received; the outcome is written on the row and audited.
 */
@Injectable()
export class QuarantineService {
  private readonly logger = new Logger(QuarantineService.name);
  private readonly repo = new QuarantineRepository();

  constructor(
    private readonly ds: DataSource,
    private readonly ingest: IngestService,
    private readonly audit: AuditService,
  ) {}

  async list(q: ListQuarantineQuery): Promise<QuarantinePageView> {
    const limit = q.limit ?? 50;
    const rows = await this.repo.list(this.ds, {
      sourceId: q.sourceId,
      status: q.status ?? 'all',
      before: q.cursor,
      limit: limit + 1,
    });
    const page = rows.slice(0, limit);
    return {
      items: page.map(view),
      nextCursor: rows.length > limit ? page[page.length - 1].id : null,
    };
  }

  async replay(id: string, actor: SessionUser): Promise<ReplayOutcomeView> {
    const row = await this.mustFind(id);
    let result: ReplayResult;
    let error: string | null = null;
    try {
      const item = decodeQuarantinePayload(row.payload);
      // quarantine: false — a failure is this row's replay result, not a new quarantine row.
      const r = await this.ingest.ingest(row.sourceId, { items: [item], cursors: {} }, { quarantine: false });
      result = r.inserted + r.edited > 0 ? 'stored' : 'duplicate';
    } catch (err) {
      // Only a verdict on the item is recorded; a database outage answers 5xx and changes nothing.
      if (!(err instanceof QuarantinePayloadError) && !isItemDataError(err)) throw err;
      result = 'failed';
      error = describeStorageError(err).error;
    }
    await this.repo.recordReplay(this.ds, id, { result, error, userId: actor.id });
    await this.audit.record(actor.id, 'quarantine.replayed', 'quarantine', id, {
      sourceId: row.sourceId,
      externalId: row.externalId,
      result,
    });
    this.logger.log(`quarantined item ${id} (source ${row.sourceId}) replayed by ${actor.id}: ${result}`);
    return { result, error, quarantined: view(await this.mustFind(id)) };
  }

  private async mustFind(id: string): Promise<QuarantineRow> {
    const row = await this.repo.find(this.ds, id);
    if (!row) throw new NotFoundException(`no quarantined item ${id}`);
    return row;
  }
}

function view(r: QuarantineRow): QuarantinedItemView {
  const parsed = parsePayload(r.payload);
  return {
    id: r.id,
    sourceId: r.sourceId,
    externalId: r.externalId,
    error: r.error,
    errorCode: r.errorCode,
    seenCount: r.seenCount,
    createdAt: r.createdAt.toISOString(),
    lastSeenAt: r.lastSeenAt.toISOString(),
    replayedAt: r.replayedAt?.toISOString() ?? null,
    replayResult: r.replayResult,
    replayError: r.replayError,
    replayedBy: r.replayedBy,
    payloadBytes: r.payload.length,
    payload: parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : null,
  };
}
