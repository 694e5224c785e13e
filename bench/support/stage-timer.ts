/**
 * Diagnostic stage timeline for a benchmark (`--stages`): wraps methods of prototypes so every
 * call records [start, end] relative to a start mark, then prints per-stage busy time (union of
 * intervals, so overlapping calls are not double counted), call count and summed duration.
 * Bench harness only; the product code is untouched.
 */
import fs from 'node:fs';

type Interval = [number, number];

export class StageTimer {
  private t0 = performance.now();
  private readonly spans = new Map<string, Interval[]>();

  start(): void {
    this.t0 = performance.now();
    this.spans.clear();
  }

  /** Wraps `proto[name]` (async or sync) so each call is recorded under `stage`. */
  wrap(proto: any, name: string, stage = name): void {
    const original = proto[name];
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const timer = this;
    proto[name] = function (this: unknown, ...args: unknown[]) {
      const s = performance.now();
      const r = original.apply(this, args);
      if (r && typeof r.then === 'function')
        return r.finally(() => timer.record(stage, s, performance.now()));
      timer.record(stage, s, performance.now());
      return r;
    };
  }

  record(stage: string, start: number, end: number): void {
    let list = this.spans.get(stage);
    if (!list) this.spans.set(stage, (list = []));
    list.push([start - this.t0, end - this.t0]);
  }

  report(): Record<
    string,
    { calls: number; sumMs: number; busyMs: number; firstMs: number; lastMs: number }
  > {
    const out: Record<string, any> = {};
    for (const [stage, list] of this.spans) {
      const sorted = [...list].sort((a, b) => a[0] - b[0]);
      let busy = 0;
      let cur: Interval | undefined;
      for (const iv of sorted) {
        if (!cur || iv[0] > cur[1]) {
          if (cur) busy += cur[1] - cur[0];
          cur = [iv[0], iv[1]];
        } else cur[1] = Math.max(cur[1], iv[1]);
      }
      if (cur) busy += cur[1] - cur[0];
      out[stage] = {
        calls: list.length,
        sumMs: Math.round(list.reduce((s, [a, b]) => s + b - a, 0)),
        busyMs: Math.round(busy),
        firstMs: Math.round(sorted[0][0]),
        lastMs: Math.round(Math.max(...list.map((x) => x[1]))),
      };
    }
    return out;
  }

  /** Every call of the stages, in start order (for a timeline). */
  timeline(stages: string[]): string {
    const rows: string[] = [];
    for (const s of stages)
      for (const [a, b] of this.spans.get(s) ?? [])
        rows.push(`${a.toFixed(0).padStart(6)} → ${b.toFixed(0).padStart(6)} ms  ${s}`);
    return rows.sort((x, y) => parseFloat(x) - parseFloat(y)).join('\n');
  }
}

/** CPU seconds of all PostgreSQL server processes (from /proc; same machine only). */
export function postgresCpuSeconds(): number {
  const tick = 100; // USER_HZ on Linux
  let total = 0;
  for (const pid of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      const close = stat.lastIndexOf(')');
      const comm = stat.slice(stat.indexOf('(') + 1, close);
      if (comm !== 'postgres') continue;
      const f = stat.slice(close + 2).split(' ');
      // utime, stime, and cutime, cstime (backends that exited are reaped by the postmaster)
      total += (Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14])) / tick;
    } catch {
      // the process ended while we read
    }
  }
  return total;
}
