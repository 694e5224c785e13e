/**
 * Bots Long Poll as a fast path, through vk-io's own PollingTransport. vk-io advances `ts` before
 * handlers run, skips gaps on failed 1/2/3 and swallows handler errors (protocol notes, gotcha 3),
 * so every start, gap, failed batch and a periodic timer trigger reconciliation (`fetch`), which
 * reads from stored watermarks and closes whatever Long Poll missed.
 */
import { PollingTransport } from 'vk-io';
import { ConnectorError, Emit, FetchResult } from '../connector';
import { VkClient } from './client';
import { mapVkError } from './errors';
import { normalizeEvent, NormalizeContext } from './normalize';
import { VK_CONTINUATION } from './reconcile';

export interface ReceiveHooks {
  /** Background failures (Long Poll start-up, reconciliation, emit) for the sync service's source state. */
  onError?(err: ConnectorError): void;
  /**
   * The receiver gave up for good: the token was revoked (5) or lacks access (27/15), so polling
   * stopped instead of retrying what only a person can fix.
   */
  onStopped?(err: ConnectorError): void;
  /** After each reconciliation batch was emitted (tests, metrics). */
  onReconciled?(result: FetchResult, reason: string): void;
}

export interface LongPollRunOptions {
  client: VkClient;
  ctx: NormalizeContext;
  emit: Emit;
  /** Reconciliation: fetch since the given cursors. */
  fetch(cursors: Record<string, unknown>): Promise<FetchResult>;
  cursors: Record<string, unknown>;
  reconcileIntervalMs: number;
  startDeadlineMs: number;
  hooks?: ReceiveHooks;
}

const SEEN_CAPACITY = 20_000;
const STOP_GRACE_MS = 1000;

type RawUpdate = { type: string; event_id?: string; object: Record<string, any> };
type Transport = PollingTransport & { ts: number | string; started: boolean; fetchUpdates(): Promise<void> };

export async function runLongPoll(opts: LongPollRunOptions): Promise<() => Promise<void>> {
  const cursors = { ...opts.cursors };
  const seen = new Map<string, true>(); // insertion-ordered: a small LRU of event_ids
  let stopped = false;
  let delivered = 0;
  let pending: Array<{ eventId?: string; item: NonNullable<ReturnType<typeof normalizeEvent>> }> = [];
  let flushScheduled = false;
  let reconciling: Promise<void> | null = null;
  let again: string | null = null;
  let retryTimer: NodeJS.Timeout | undefined;
  const report = (err: unknown) => opts.hooks?.onError?.(mapVkError(err, 'VK Long Poll'));
  /** Token revoked or wrong: stop polling now (vk-io would retry getLongPollServer forever). */
  const giveUp = (err: ConnectorError): void => {
    if (stopped) return;
    stopped = true;
    clearTimeout(retryTimer);
    void transport.stop(); // vk-io's stop() only clears flags: it cannot reject
    if (opts.hooks?.onStopped) opts.hooks.onStopped(err);
    else opts.hooks?.onError?.(err);
  };

  const reconcile = (reason: string): void => {
    if (stopped) return;
    if (reconciling) {
      again = reason;
      return;
    }
    reconciling = (async () => {
      let why: string | null = reason;
      while (why && !stopped) {
        again = null;
        try {
          let result: FetchResult;
          do {
            result = await opts.fetch(cursors);
            await opts.emit(result);
            Object.assign(cursors, result.cursors);
            opts.hooks?.onReconciled?.(result, why);
          } while (result.hasMore && !stopped);
        } catch (err) {
          // The failed page's posts were taken off the pass's continuation: start the next pass afresh.
          delete cursors[VK_CONTINUATION];
          const mapped = mapVkError(err, 'VK reconciliation');
          if (isFatal(mapped)) {
            giveUp(mapped);
            break;
          }
          opts.hooks?.onError?.(mapped);
          if (mapped.code === 'temporary' || mapped.code === 'rate_limited') {
            clearTimeout(retryTimer);
            retryTimer = setTimeout(() => reconcile('retry'), mapped.retryAfterMs ?? 5000);
          }
        }
        why = again;
      }
    })()
      // Failures of the pass are handled inside; this only guards the hooks (stop() awaits it late).
      .catch(report)
      .finally(() => {
        reconciling = null;
      });
  };

  const flush = async () => {
    flushScheduled = false;
    const batch = pending;
    pending = [];
    if (batch.length === 0) return;
    try {
      await opts.emit({ items: batch.map((b) => b.item), cursors: {} });
    } catch (err) {
      // Not stored: forget the event ids (a redelivery may pass) and let reconciliation re-read.
      for (const b of batch) if (b.eventId) seen.delete(b.eventId);
      report(err);
      reconcile('emit failed');
    }
  };

  const onUpdate = (update: RawUpdate) => {
    delivered += 1;
    if (stopped) return; // a poll answered after stop: the next start reconciles anyway
    const eventId = update?.event_id;
    if (eventId) {
      if (seen.has(eventId)) return; // VK: "if it passed twice or more – ignore it"
      seen.set(eventId, true);
      if (seen.size > SEEN_CAPACITY) seen.delete(seen.keys().next().value as string);
    }
    try {
      const item = normalizeEvent(opts.ctx, update.type, update.object ?? {});
      if (item) pending.push({ eventId, item });
    } catch (err) {
      report(err);
    }
    if (!flushScheduled) {
      flushScheduled = true;
      setImmediate(() => void flush()); // flush() reports and reconciles its own failures
    }
  };

  const transport = (opts.client.vk.updates as unknown as { pollingTransport: Transport }).pollingTransport;
  transport.subscribe(onUpdate as unknown as (u: unknown[]) => unknown);
  const fetchUpdates = transport.fetchUpdates.bind(transport);
  let inFlight: Promise<void> | null = null;
  transport.fetchUpdates = () => {
    const run = pollOnce();
    inFlight = run.catch(() => undefined);
    return run;
  };
  const pollOnce = async () => {
    const tsBefore = String(transport.ts);
    const deliveredBefore = delivered;
    try {
      await fetchUpdates();
    } catch (err) {
      // failed 2/3 (NEED_RESTART) or a broken poll: vk-io resumes at a fresh ts, skipping the gap.
      if (!stopped) reconcile(`long poll ${(err as { code?: string }).code ?? 'error'}`);
      throw err;
    }
    // failed 1: ts jumped without any update delivered.
    if (!stopped && String(transport.ts) !== tsBefore && delivered === deliveredBefore)
      reconcile('long poll failed 1');
  };

  let startTimer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      transport.start(),
      new Promise<never>((_, reject) => {
        startTimer = setTimeout(
          () => reject(new ConnectorError('temporary', 'VK Long Poll did not start in time')),
          opts.startDeadlineMs,
        );
      }),
    ]);
  } catch (err) {
    stopped = true;
    await transport.stop();
    throw mapVkError(err, 'groups.getLongPollServer');
  } finally {
    clearTimeout(startTimer);
  }

  // After failed 2/3 vk-io restarts polling itself (groups.getLongPollServer), retrying every
  // pollingWait forever, also on error 5. Resolving without starting ends its restart loop.
  const restart = transport.start.bind(transport);
  transport.start = async () => {
    try {
      await restart();
    } catch (err) {
      const mapped = mapVkError(err, 'groups.getLongPollServer');
      if (stopped || isFatal(mapped)) {
        transport.started = false;
        giveUp(mapped);
        return;
      }
      opts.hooks?.onError?.(mapped);
      throw err;
    }
  };

  reconcile('start');
  const interval =
    opts.reconcileIntervalMs > 0
      ? setInterval(() => reconcile('interval'), opts.reconcileIntervalMs)
      : undefined;

  return async () => {
    stopped = true;
    clearInterval(interval);
    clearTimeout(retryTimer);
    await transport.stop();
    // Let the held poll end by itself (bounded): destroying its socket makes vk-io sleep 3 s before exiting.
    await Promise.race([inFlight, new Promise((r) => setTimeout(r, STOP_GRACE_MS).unref())]);
    await flush();
    await reconciling;
  };
}

/** Errors only a person can fix: retrying them only burns requests (and may get the app flagged). */
function isFatal(err: ConnectorError): boolean {
  return err.code === 'auth_revoked' || err.code === 'configuration';
}
