/**
 * The process-level net under every promise nobody handled. Lint (`no-floating-promises`,
 * `no-misused-promises`) keeps such promises out of the code; this decides what happens when one
 * slips through anyway:
 * - a connector's error (a platform was slow, down or strange: see isConnectorFailure) is logged
 *   and counted in `otklik_unhandled_rejections_total{kind="connector"}`, and the process keeps
 *   serving: one source's trouble must not take the API and reply delivery down with it;
 * - anything else is a bug whose state we cannot trust: logged, counted, and the process exits 1
 *   (as Node would), for the supervisor to restart it.
 */
import type { Counter } from 'prom-client';
import { isConnectorFailure } from '../connectors/connector-failure';
import type { Metrics } from './metrics.service';

export type RejectionKind = 'connector' | 'other';

export interface RejectionLog {
  warn(obj: object, msg: string): void;
  fatal(obj: object, msg: string): void;
}

export class RejectionGuard {
  private counter?: Counter<'kind'>;
  /** Seen before the metrics registry existed (during start-up). */
  private readonly early: Record<RejectionKind, number> = { connector: 0, other: 0 };

  constructor(
    private readonly log: RejectionLog,
    private readonly exit: (code: number) => void = (code) => process.exit(code),
  ) {}

  /** Listens on the process; returns the function that stops listening. */
  install(proc: NodeJS.Process = process): () => void {
    proc.on('unhandledRejection', this.onRejection);
    return () => proc.off('unhandledRejection', this.onRejection);
  }

  /** Starts counting in the app's registry (both series exist from the start, at 0). */
  attach(metrics: Metrics): void {
    this.counter = metrics.counter({
      name: 'otklik_unhandled_rejections_total',
      help: 'Promise rejections nobody handled; kind="connector" kept the process running, "other" ended it',
      labelNames: ['kind'],
    });
    for (const kind of ['connector', 'other'] as const) {
      this.counter.inc({ kind }, this.early[kind]);
      this.early[kind] = 0;
    }
  }

  readonly onRejection = (reason: unknown): void => {
    const kind: RejectionKind = isConnectorFailure(reason) ? 'connector' : 'other';
    if (this.counter) this.counter.inc({ kind });
    else this.early[kind]++;
    const err = reason instanceof Error ? reason : new Error(String(reason));
    if (kind === 'connector') {
      this.log.warn({ err }, 'unhandled rejection from a connector; the process keeps running');
      return;
    }
    this.log.fatal({ err }, 'unhandled rejection; exiting');
    this.exit(1);
  };
}
