/**
 * How the chaos run starts Otklik: the real entry point (src/main.ts, or dist/src/main.js when the
 * run itself is the built JavaScript), as separate OS processes, each in a supervisor slot that
 * starts it again whenever it exits. Every exit is recorded with who caused it: the harness
 * (its SIGKILLs and the final SIGTERM) or the process itself.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * Running from TypeScript (ts-node, Jest) → children load TypeScript through
 * test/support/ts-cache.js (ts-node's transpile-only, cached on disk: a SIGKILLed worker restarts
 * in about a second, not three); from dist → plain node.
 */
export function tsAwareExecArgv(file: string): string[] {
  return file.endsWith('.ts') ? ['-r', path.join(repoRoot(), 'test', 'support', 'ts-cache.js')] : [];
}

/** The repository root (the folder with package.json above this file, in src or in dist). */
export function repoRoot(from = __dirname): string {
  let dir = from;
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const up = path.dirname(dir);
    if (up === dir) throw new Error(`no package.json above ${from}`);
    dir = up;
  }
  return dir;
}

/** node arguments that run Otklik's main, matching how this harness itself runs. */
export function appArgs(): { cwd: string; args: string[] } {
  const root = repoRoot();
  if (__filename.endsWith('.ts')) return { cwd: root, args: [...tsAwareExecArgv(__filename), 'src/main.ts'] };
  return { cwd: root, args: [path.join(root, 'dist', 'src', 'main.js')] };
}

export interface SlotSpec {
  name: string;
  env: Record<string, string>;
  /** HTTP port the process listens on (fixed per slot, so it comes back at the same address). */
  port: number;
}

/**
 * `harness-outage`: a process that had not become ready yet gave up starting while the harness
 * had PostgreSQL down (it exits 1, "failed to start"; the supervisor starts it again). A process
 * that was already serving and exits during the outage is `self`: losing the database for a few
 * seconds must not kill a running Otklik.
 */
export type ExitCause = 'harness-kill' | 'harness-stop' | 'harness-outage' | 'self';

export interface ExitRecord {
  slot: string;
  pid: number;
  code: number | null;
  signal: string | null;
  cause: ExitCause;
  atMs: number;
  uptimeMs: number;
  /** The process's last output lines (for self-inflicted exits: why it died). */
  tail?: string[];
}

interface Slot {
  spec: SlotSpec;
  child?: ChildProcess;
  startedAt: number;
  /** Set when the harness sent a signal: the next exit is ours. */
  expected?: ExitCause;
  ready: boolean;
  /** The current process reached /health/ready at some point. */
  wasReady: boolean;
  starts: number;
  fastExits: number;
  tail: string[];
  log: fs.WriteStream;
  restartTimer?: NodeJS.Timeout;
}

const TAIL_LINES = 40;

export class Supervisor {
  readonly exits: ExitRecord[] = [];
  private readonly slots = new Map<string, Slot>();
  private stopping = false;
  private readonly t0 = Date.now();
  /** While the harness has the database down (and a short grace after): see `harness-outage`. */
  private outageUntil = 0;
  private killOnExit = () => {
    for (const slot of this.slots.values()) slot.child?.kill('SIGKILL');
  };
  /** Ctrl-C: the processes go now; embedded PostgreSQL's own hook stops it and exits. */
  private onSignal = () => {
    this.stopping = true;
    this.killOnExit();
    setTimeout(() => process.exit(130), 5000).unref();
  };

  constructor(
    private readonly opts: {
      logDir: string;
      /** Common environment of every slot (each slot adds its own). */
      env: Record<string, string>;
      onEvent?: (line: string) => void;
    },
  ) {
    fs.mkdirSync(opts.logDir, { recursive: true });
    // Never leave Otklik processes behind, whatever ends this one.
    process.once('exit', this.killOnExit);
    process.once('SIGINT', this.onSignal);
    process.once('SIGTERM', this.onSignal);
  }

  /** The harness takes the database away (`down`) or brings it back (exits count for `graceMs` more). */
  outage(down: boolean, graceMs = 5000): void {
    this.outageUntil = down ? Number.POSITIVE_INFINITY : Date.now() + graceMs;
  }

  add(spec: SlotSpec): void {
    const log = fs.createWriteStream(path.join(this.opts.logDir, `${spec.name}.log`), { flags: 'a' });
    const slot: Slot = {
      spec,
      startedAt: 0,
      ready: false,
      wasReady: false,
      starts: 0,
      fastExits: 0,
      tail: [],
      log,
    };
    this.slots.set(spec.name, slot);
    this.launch(slot);
  }

  names(): string[] {
    return [...this.slots.keys()];
  }

  /** The slot's process answers /health/ready (checked by `waitReady`) and has not exited since. */
  isReady(name: string): boolean {
    return !!this.slots.get(name)?.ready;
  }

  pid(name: string): number | undefined {
    return this.slots.get(name)?.child?.pid;
  }

  starts(name: string): number {
    return this.slots.get(name)?.starts ?? 0;
  }

  /** Waits until the slot's current process answers /health/ready (or the deadline). */
  async waitReady(name: string, timeoutMs: number): Promise<void> {
    const slot = this.slots.get(name)!;
    const deadline = Date.now() + timeoutMs;
    while (!slot.ready) {
      // A process that cannot start at all (a missing module, bad configuration) fails the run now.
      const failed = this.exits.filter((e) => e.slot === name && e.cause === 'self');
      if (Date.now() > deadline || failed.length >= 3) {
        const tail = failed.length ? (failed[failed.length - 1].tail ?? []) : slot.tail;
        throw new Error(
          `${name} not ready after ${Date.now() - deadline + timeoutMs} ms (${failed.length} failed starts); last output:\n${tail.join('\n')}`,
        );
      }
      await sleep(100);
    }
  }

  /** Milliseconds from spawn to /health/ready, per start that got there. */
  readonly startupMs: number[] = [];

  /** Sends `signal` to the slot's process; its exit is recorded as caused by the harness. */
  kill(name: string, signal: NodeJS.Signals = 'SIGKILL'): number | undefined {
    const slot = this.slots.get(name);
    const child = slot?.child;
    if (!slot || !child || child.exitCode !== null || child.signalCode !== null) return undefined;
    slot.expected = 'harness-kill';
    slot.ready = false;
    child.kill(signal);
    return child.pid;
  }

  /** SIGTERM to every process (no more restarts); SIGKILL after `graceMs`. Records each exit. */
  async stopAll(graceMs: number): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    await Promise.all(
      [...this.slots.values()].map(async (slot) => {
        if (slot.restartTimer) clearTimeout(slot.restartTimer);
        const child = slot.child;
        if (child && child.exitCode === null && child.signalCode === null) {
          const gone = new Promise((r) => child.once('exit', r));
          slot.expected = 'harness-stop';
          child.kill('SIGTERM');
          const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
          await gone;
          clearTimeout(timer);
        }
        await new Promise((r) => slot.log.end(r));
      }),
    );
    process.off('exit', this.killOnExit);
    process.off('SIGINT', this.onSignal);
    process.off('SIGTERM', this.onSignal);
  }

  private launch(slot: Slot): void {
    const { cwd, args } = appArgs();
    const child = spawn(process.execPath, args, {
      cwd,
      env: { ...this.opts.env, ...slot.spec.env, PORT: String(slot.spec.port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    slot.child = child;
    slot.startedAt = Date.now();
    slot.ready = false;
    slot.wasReady = false;
    slot.starts++;
    slot.tail = [];
    const onData = (chunk: Buffer) => {
      slot.log.write(chunk);
      for (const line of chunk.toString('utf8').split('\n')) {
        if (!line.trim()) continue;
        slot.tail.push(line.length > 2000 ? `${line.slice(0, 2000)}…` : line);
        if (slot.tail.length > TAIL_LINES) slot.tail.shift();
      }
    };
    void this.watchReady(slot, child);
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code, signal) => {
      const duringOutage = !slot.wasReady && Date.now() <= this.outageUntil;
      const cause: ExitCause = slot.expected ?? (duringOutage ? 'harness-outage' : 'self');
      slot.expected = undefined;
      slot.ready = false;
      const uptimeMs = Date.now() - slot.startedAt;
      this.exits.push({
        slot: slot.spec.name,
        pid: child.pid!,
        code,
        signal,
        cause,
        atMs: Date.now() - this.t0,
        uptimeMs,
        ...(cause === 'self' || cause === 'harness-outage' ? { tail: [...slot.tail] } : {}),
      });
      slot.log.write(`\n=== chaos: exit code=${code} signal=${signal} cause=${cause} ===\n`);
      this.opts.onEvent?.(
        `${slot.spec.name} (pid ${child.pid}) exited code=${code} signal=${signal} [${cause}]`,
      );
      if (this.stopping) return;
      // A process that dies right after starting is restarted with a growing pause (crash loop).
      slot.fastExits = cause === 'self' && uptimeMs < 5000 ? slot.fastExits + 1 : 0;
      const delay = Math.min(5000, 100 * 2 ** slot.fastExits);
      slot.restartTimer = setTimeout(() => {
        if (!this.stopping) this.launch(slot);
      }, delay);
    });
  }

  private async watchReady(slot: Slot, child: ChildProcess): Promise<void> {
    while (slot.child === child && child.exitCode === null && child.signalCode === null) {
      if (await healthy(slot.spec.port)) {
        if (slot.child === child && child.exitCode === null && child.signalCode === null) {
          slot.ready = true;
          slot.wasReady = true;
          this.startupMs.push(Date.now() - slot.startedAt);
        }
        return;
      }
      await sleep(150);
    }
  }
}

async function healthy(port: number): Promise<boolean> {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/health/ready`, { signal: AbortSignal.timeout(2000) });
    await res.arrayBuffer();
    return res.status === 200;
  } catch {
    return false;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
