import { Injectable, Logger, Optional } from '@nestjs/common';
import { ConnectorError } from '../connectors/connector';
import { ConnectorRegistry } from '../connectors/registry';
import { IngestService } from '../ingest/ingest.service';
import { Job, JobQueue } from '../jobs/job-queue';
import { OnJob } from '../jobs/on-job';
import { runPagePipeline } from './page-pipeline';
import { isRunnable } from './source-health';
import type { SourceEntity } from './source.entity';
import { SourcesService } from './sources.service';

export const SYNC_JOB = 'source.sync';
export const SYNC_TICK_JOB = 'source.sync.tick';
const TICK_SECONDS = 15;
const DEFAULT_POLL_SECONDS = 60;
/** Pages per job; a long backfill re-enqueues itself so one source never hogs a worker. */
const MAX_PAGES_PER_JOB = 50;
/** Pages committing at once (disjoint streams only): the database's work spreads over two cores. */
const COMMIT_CONCURRENCY = 2;
/**
 * Pages read (and analysed) ahead of the commits: the rate-limited API reads stay back to back
 * instead of waiting for a commit slot. A page is ≤ ~5,000 items, so this bounds memory.
 */
const READ_AHEAD = 3;
/** How far behind the last good sync a reconciliation starts. */
const RECONCILE_MARGIN_MS = 15 * 60_000;

export interface SyncJob {
  sourceId: string;
  reconcile?: boolean;
}

export interface SyncOutcome {
  pages: number;
  inserted: number;
  duplicates: number;
  /** The page limit stopped this job with more waiting (a follow-up job was enqueued). */
  hasMore?: boolean;
  error?: string;
}

/**
 * Pull sources (connectors with `fetch` and no `receive`): a schedule tick enqueues one
 * `source.sync` job per due source with singleton key `sync:<id>`; the worker fetches since the
 * stored cursors and ingests. Every connector error goes through SourcesService.recordError, the
 * one mapping onto the source state. Push sources are run by PushReceivers.
 */
@Injectable()
export class SyncService {
  private readonly logger = new Logger(SyncService.name);

  constructor(
    private readonly sources: SourcesService,
    private readonly registry: ConnectorRegistry,
    private readonly ingest: IngestService,
    @Optional() private readonly queue?: JobQueue,
  ) {}

  @OnJob({ name: SYNC_JOB })
  async syncJobs(jobs: Job<SyncJob>[]): Promise<void> {
    for (const job of jobs) await this.syncSource(job.data.sourceId, job.data);
  }

  @OnJob({ name: SYNC_TICK_JOB, every: TICK_SECONDS })
  async tickJob(): Promise<void> {
    await this.tick();
  }

  /** Enqueues a sync for each pull source that is due. */
  async tick(now = new Date()): Promise<string[]> {
    const due = (await this.sources.listEnabled()).filter((s) => this.isPull(s) && isDue(s, now));
    for (const s of due) await this.enqueue({ sourceId: s.id });
    return due.map((s) => s.id);
  }

  /**
   * Runs one sync of a pull source: fetch pages since the cursors, ingest each, record health.
   * Pipelined (see runPagePipeline): page n+1 is fetched and analysed while page n commits, and
   * pages that share no cursor stream or thread commit side by side.
   */
  async syncSource(sourceId: string, job: Partial<SyncJob> = {}): Promise<SyncOutcome> {
    const source = await this.sources.find(sourceId);
    const out: SyncOutcome = { pages: 0, inserted: 0, duplicates: 0 };
    if (!source || !isRunnable(source, new Date())) return out;
    const connector = this.registry.find(source.platform);
    if (!connector?.fetch) return out;
    const fetchPage = connector.fetch.bind(connector);
    try {
      const ctx = await this.sources.context(sourceId);
      const cursors: Record<string, unknown> = { ...ctx.cursors };
      if (job.reconcile) cursors.__reconcile = reconcileHint(source);
      const { hasMore } = await runPagePipeline({
        cursors,
        maxPages: MAX_PAGES_PER_JOB,
        concurrency: COMMIT_CONCURRENCY,
        readAhead: READ_AHEAD,
        read: async (from) => {
          const batch = await fetchPage({ ...ctx, cursors: from });
          return { ...(await this.ingest.prepare(sourceId, batch)), hasMore: batch.hasMore === true };
        },
        commit: async (page) => {
          const r = await this.ingest.commit(page);
          out.pages++;
          out.inserted += r.inserted;
          out.duplicates += r.duplicates;
        },
      });
      await this.sources.recordSuccess(sourceId);
      if (hasMore) await this.enqueue({ sourceId });
      return { ...out, hasMore };
    } catch (err) {
      const error =
        err instanceof ConnectorError
          ? err
          : new ConnectorError('temporary', String((err as Error)?.message ?? err), undefined, err);
      const change = await this.sources.recordError(sourceId, error);
      if (change?.action === 'reconcile' && !job.reconcile) await this.enqueue({ sourceId, reconcile: true });
      this.logger.warn(`sync of source ${sourceId} failed: ${error.code}: ${error.message}`);
      return { ...out, error: error.code };
    }
  }

  private async enqueue(job: SyncJob) {
    if (!this.queue) return;
    await this.queue.enqueue(SYNC_JOB, job, { singletonKey: `sync:${job.sourceId}` });
  }

  private isPull(s: SourceEntity): boolean {
    const c = this.registry.find(s.platform);
    return !!c?.fetch && !c.receive;
  }
}

function isDue(s: SourceEntity, now: Date): boolean {
  if (!isRunnable(s, now)) return false;
  const every = Number(s.settings?.pollIntervalSeconds) || DEFAULT_POLL_SECONDS;
  return !s.lastSyncedAt || now.getTime() - s.lastSyncedAt.getTime() >= every * 1000;
}

/**
 * Passed to `fetch` as `cursors.__reconcile` after a bad_cursor: the connector re-reads from its
 * watermarks, going back to a safe point before the last good sync.
 */
function reconcileHint(s: SourceEntity): { since: string } {
  const last = s.lastSyncedAt?.getTime() ?? Date.now();
  return { since: new Date(last - RECONCILE_MARGIN_MS).toISOString() };
}
