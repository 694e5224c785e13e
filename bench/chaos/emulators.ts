/**
 * The VK and Telegram emulators in a process of their own (as the platforms are remote servers in
 * a real deployment): forked by the chaos run, seeded with one community and one bot, driven over
 * their HTTP control APIs (`/__control/...`): injecting customer activity, installing faults,
 * reading outboxes and state.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { DEFAULT_BOT_TOKEN, startTelegramEmulator } from '../../src/emulators/telegram';
import { startVkEmulator } from '../../src/emulators/vk';
import { tsAwareExecArgv } from './processes';

export const GROUP_ID = 42;
/** A supergroup where the bot is an administrator (it sees every message). */
export const TG_GROUP_ID = -1001234567890;

export interface EmulatorEndpoints {
  vk: { url: string; apiBaseUrl: string; groupToken: string; serviceToken: string };
  tg: { url: string; apiRoot: string; botToken: string };
}

export interface EmulatorProcess extends EmulatorEndpoints {
  pid: number;
  vkControl<T = any>(method: string, path: string, body?: unknown): Promise<T>;
  tgControl<T = any>(method: string, path: string, body?: unknown): Promise<T>;
  /** Exit of the emulator process itself, if it happened (it must not). */
  exited(): { code: number | null; signal: string | null } | undefined;
  stop(): Promise<void>;
}

interface ChildOptions {
  seed: number;
  /** Longest Long Poll / getUpdates hold. */
  maxHoldMs: number;
}

export async function startEmulatorProcess(opts: ChildOptions): Promise<EmulatorProcess> {
  const child: ChildProcess = fork(__filename, [JSON.stringify(opts)], {
    execArgv: tsAwareExecArgv(__filename),
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let exit: { code: number | null; signal: string | null } | undefined;
  child.once('exit', (code, signal) => (exit = { code, signal }));
  const ready = await new Promise<EmulatorEndpoints>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`emulator process exited (${code}) before it was ready`)));
    child.once('message', (m: { ready: EmulatorEndpoints }) => resolve(m.ready));
  });
  const control = (base: string) => async (method: string, path: string, body?: unknown) => {
    for (let attempt = 0; ; attempt++) {
      try {
        const res = await fetch(`${base}/__control/${path}`, {
          method,
          headers: body === undefined ? {} : { 'content-type': 'application/json' },
          body: body === undefined ? undefined : JSON.stringify(body),
          signal: AbortSignal.timeout(60_000),
        });
        const text = await res.text();
        if (res.status >= 400)
          throw new ControlError(`${method} ${path}: ${res.status} ${text.slice(0, 300)}`);
        return text ? JSON.parse(text) : undefined;
      } catch (err) {
        // A refused control call is ours to fix; a network hiccup on a loaded machine is retried.
        if (err instanceof ControlError || attempt >= 4) throw err;
        await new Promise((r) => setTimeout(r, 200 * (attempt + 1)));
      }
    }
  };
  return {
    ...ready,
    pid: child.pid!,
    vkControl: control(ready.vk.url),
    tgControl: control(ready.tg.url),
    exited: () => exit,
    stop: async () => {
      if (exit) return;
      const gone = new Promise((r) => child.once('exit', r));
      child.send('stop');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await gone;
      clearTimeout(timer);
    },
  };
}

class ControlError extends Error {}

async function serve(opts: ChildOptions) {
  const vk = await startVkEmulator({ seed: opts.seed, maxHoldMs: opts.maxHoldMs, rateLimits: true });
  vk.control.community({ id: GROUP_ID, name: 'Acme', screen_name: 'acme' });
  const groupToken = vk.control.token({ kind: 'group', groupId: GROUP_ID, rps: 20 });
  const serviceToken = vk.control.token({ kind: 'service', rps: 20 });
  const tg = await startTelegramEmulator({ seed: opts.seed, maxHoldMs: opts.maxHoldMs });
  tg.control.upsertChat({
    id: TG_GROUP_ID,
    type: 'supergroup',
    title: 'Acme chat',
    bot_status: 'administrator',
  });
  const stop = async () => {
    await Promise.allSettled([vk.stop(), tg.stop()]);
    process.exit(0);
  };
  process.on('message', (m) => {
    if (m === 'stop') void stop();
  });
  process.on('disconnect', () => void stop()); // the run went away: do not linger
  const ready: EmulatorEndpoints = {
    vk: { url: vk.url, apiBaseUrl: vk.apiBaseUrl, groupToken, serviceToken },
    tg: { url: tg.url, apiRoot: tg.apiRoot, botToken: DEFAULT_BOT_TOKEN },
  };
  process.send!({ ready });
}

if (require.main === module) {
  serve(JSON.parse(process.argv[2]) as ChildOptions).catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
