/**
 * The catch-up bench's YouTube emulator in its own process (YouTube is a remote server in a real
 * deployment). Seeded from the parent's options with a channel's comment backlog: top-level
 * comments, threads with a couple of replies (embedded in the thread) and busy threads (more
 * replies than a thread embeds: read with comments.list). IPC: clearRequests, requestCount,
 * quotaUnits, cpu, stop. Bench harness only.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { seedYouTubeBasics, startYouTubeEmulator, YOUTUBE_DEMO } from '../../src/emulators/youtube';

export interface YouTubeBacklog {
  /** Top-level comments with no replies. */
  plain: number;
  /** Threads with `smallReplies` replies each (all embedded in the thread). */
  smallThreads: number;
  smallReplies: number;
  /** Threads with `busyReplies` replies each (more than a thread embeds). */
  busyThreads: number;
  busyReplies: number;
  authors: number;
  phrases: string[];
}

export const backlogSize = (b: YouTubeBacklog) =>
  b.plain + b.smallThreads * (1 + b.smallReplies) + b.busyThreads * (1 + b.busyReplies);

export interface RemoteYouTube {
  apiBaseUrl: string;
  tokenUrl: string;
  channelId: string;
  clientId: string;
  clientSecret: string;
  refreshToken: string;
  clearRequests(): Promise<void>;
  requestCount(): Promise<number>;
  /** Quota units the emulator charged since the last clearRequests. */
  quotaUnits(): Promise<number>;
  stop(): Promise<void>;
}

type Msg = { id: number; result?: unknown; error?: string; ready?: Record<string, string> };

export async function startRemoteYouTube(backlog: YouTubeBacklog): Promise<RemoteYouTube> {
  const child: ChildProcess = fork(__filename, [JSON.stringify(backlog)], {
    execArgv: ['-r', 'ts-node/register/transpile-only'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const waiting = new Map<number, (m: Msg) => void>();
  let nextId = 1;
  const ready = new Promise<Record<string, string>>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`YouTube emulator process exited (${code})`)));
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
    apiBaseUrl: r.apiBaseUrl,
    tokenUrl: r.tokenUrl,
    channelId: r.channelId,
    clientId: r.clientId,
    clientSecret: r.clientSecret,
    refreshToken: r.refreshToken,
    clearRequests: async () => void (await ask('clearRequests')),
    requestCount: async () => Number(await ask('requestCount')),
    quotaUnits: async () => Number(await ask('quotaUnits')),
    stop: async () => {
      const exited = new Promise((res) => child.once('exit', res));
      await ask('stop').catch(() => undefined);
      await exited;
    },
  };
}

async function serve(b: YouTubeBacklog) {
  const emu = await startYouTubeEmulator({ seed: 3 });
  const { control } = emu;
  const demo = seedYouTubeBasics(control);
  control.quota({ clientId: demo.clientId, dailyQuota: 1_000_000 }); // the bench measures, not limits
  const videos = Array.from(
    { length: 20 },
    (_, i) => control.video({ channelId: demo.channelId, title: `Video ${i}` }).id,
  );
  const start = Date.now() - 2 * 86400_000; // all within the backfill window
  let n = 0;
  const at = () => new Date(start + n * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const say = (parentId?: string) => {
    const c = control.comment({
      channelId: demo.channelId,
      videoId: videos[n % videos.length],
      parentId,
      author: { channelId: `UCbenchAuthor${n % b.authors}`, name: `viewer${n % b.authors}` },
      text: `${b.phrases[n % b.phrases.length]} #${n}`,
      publishedAt: at(),
    });
    n++;
    return c;
  };
  for (let i = 0; i < b.plain; i++) say();
  for (let i = 0; i < b.smallThreads; i++) {
    const top = say();
    for (let k = 0; k < b.smallReplies; k++) say(top.id);
  }
  for (let i = 0; i < b.busyThreads; i++) {
    const top = say();
    for (let k = 0; k < b.busyReplies; k++) say(top.id);
  }
  process.on('message', async (m: { id: number; op: string }) => {
    try {
      let result: unknown;
      if (m.op === 'clearRequests') control.clearRequests();
      else if (m.op === 'requestCount')
        result = control.requests().filter((r) => r.method !== 'token').length;
      else if (m.op === 'quotaUnits') result = control.requests().reduce((s, r) => s + r.cost, 0);
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
  process.send!({
    ready: {
      apiBaseUrl: emu.apiBaseUrl,
      tokenUrl: emu.tokenUrl,
      channelId: demo.channelId,
      clientId: YOUTUBE_DEMO.clientId,
      clientSecret: YOUTUBE_DEMO.clientSecret,
      refreshToken: YOUTUBE_DEMO.refreshToken,
    },
  });
}

if (require.main === module) {
  serve(JSON.parse(process.argv[2]) as YouTubeBacklog).catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
