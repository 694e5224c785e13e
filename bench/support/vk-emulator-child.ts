/**
 * The catch-up bench's VK emulator in its own process, as VK is in a real deployment (a remote
 * server): building and rate-limiting 50,000 comments' JSON is VK's work, not ours, so it must not
 * run on the ingest process's event loop. Seeded here from the parent's options; answers a tiny
 * IPC protocol (clearRequests, requestCount, stop). Bench harness only.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { startVkEmulator } from '../../src/emulators/vk';

export interface BacklogSeed {
  groupId: number;
  comments: number;
  perPost: number;
  authors: number;
  phrases: string[];
  serviceRps: number;
}

export interface RemoteVk {
  apiBaseUrl: string;
  groupToken: string;
  serviceToken: string;
  clearRequests(): Promise<void>;
  requestCount(): Promise<number>;
  /** CPU seconds the emulator process has used so far (diagnostic). */
  cpuSeconds(): Promise<number>;
  stop(): Promise<void>;
}

type Msg = { id: number; result?: unknown; error?: string; ready?: RemoteReady };
type RemoteReady = { apiBaseUrl: string; groupToken: string; serviceToken: string };

/** Forks this file as the emulator process and waits until it is seeded and listening. */
export async function startRemoteVk(seed: BacklogSeed): Promise<RemoteVk> {
  const child: ChildProcess = fork(__filename, [JSON.stringify(seed)], {
    execArgv: ['-r', 'ts-node/register/transpile-only'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const waiting = new Map<number, (m: Msg) => void>();
  let nextId = 1;
  const ready = new Promise<RemoteReady>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`VK emulator process exited (${code})`)));
    child.on('message', (m: Msg) => {
      if (m.ready) return resolve(m.ready);
      waiting.get(m.id)?.(m);
      waiting.delete(m.id);
    });
  });
  const ask = (op: string) =>
    new Promise<unknown>((resolve, reject) => {
      const id = nextId++;
      waiting.set(id, (m) => (m.error ? reject(new Error(m.error)) : resolve(m.result)));
      child.send({ id, op });
    });
  const r = await ready;
  return {
    ...r,
    clearRequests: async () => void (await ask('clearRequests')),
    requestCount: async () => Number(await ask('requestCount')),
    cpuSeconds: async () => Number(await ask('cpu')),
    stop: async () => {
      const exited = new Promise((res) => child.once('exit', res));
      await ask('stop').catch(() => undefined);
      await exited;
    },
  };
}

async function serve(seed: BacklogSeed) {
  const emu = await startVkEmulator({ seed: 3, maxHoldMs: 200, rateLimits: true });
  const { control } = emu;
  control.community({ id: seed.groupId, name: 'Acme', screen_name: 'acme' });
  const groupToken = control.token({ kind: 'group', groupId: seed.groupId });
  // VK's service-key limit for a mid-size app; the emulator answers error 6 above it
  const serviceToken = control.token({ kind: 'service', rps: seed.serviceRps });
  for (let u = 1; u <= seed.authors; u++) control.user({ id: u, first_name: `User${u}`, last_name: 'Test' });
  const now = Math.floor(Date.now() / 1000) - 3600;
  const posts = Math.ceil(seed.comments / seed.perPost);
  let n = 0;
  for (let p = 0; p < posts; p++) {
    const post = control.post({ ownerId: -seed.groupId, text: `Post ${p}`, date: now });
    for (let c = 0; c < seed.perPost && n < seed.comments; c++, n++) {
      control.comment({
        ownerId: -seed.groupId,
        postId: post.id,
        fromId: 1 + (n % seed.authors),
        text: `${seed.phrases[n % seed.phrases.length]} #${n}`,
        date: now + c,
      });
    }
  }
  process.on('message', async (m: { id: number; op: string }) => {
    try {
      let result: unknown;
      if (m.op === 'clearRequests') control.clearRequests();
      else if (m.op === 'requestCount') result = control.requests().length;
      else if (m.op === 'cpu') {
        const u = process.cpuUsage();
        result = (u.user + u.system) / 1e6;
      } else if (m.op === 'stop') {
        await emu.stop();
        process.send!({ id: m.id }, () => process.exit(0));
        return;
      }
      process.send!({ id: m.id, result });
    } catch (err) {
      process.send!({ id: m.id, error: String((err as Error)?.message ?? err) });
    }
  });
  process.send!({ ready: { apiBaseUrl: emu.apiBaseUrl, groupToken, serviceToken } });
}

if (require.main === module) {
  serve(JSON.parse(process.argv[2]) as BacklogSeed).catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
