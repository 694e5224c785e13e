/**
 * Time to inbox: a customer event injected into the VK emulator (control API over HTTP) → seen by
 * a signed-in browser, two ways:
 *   - `sse`: the live event (GET /api/events, Server-Sent Events) naming the item's conversation
 *     arrives at a subscribed client — what makes the open queue update;
 *   - `api`: the item's text in the app's HTTP API (GET /api/conversations/:id as an admin), read
 *     when the stream says the conversation changed, as the web UI does.
 * The whole app runs as `npm start` wires it (createApp, DEMO=false, push receivers,
 * analysis, SLA) on a fresh migrated database, with a VK source in Bots Long Poll mode.
 *
 * Events are injected with the emulator's control API (in-process VkControl, the operations
 * `/__control/...` serves over HTTP), so the clock starts when the event exists in the emulator.
 * Each event comes from its own author, so it opens its own conversation: the first `items.stored`
 * event naming that conversation is the event's arrival. API reads: GET /api/conversations/:id
 * for a few changed conversations, the queue list (GET /api/conversations, 200 a page) when many
 * changed at once.
 * 1,000 events: a steady stream (20/s by default) and a burst (all at once). Comments on the wall
 * and direct messages, each from its own author.
 *
 *   npx ts-node --transpile-only bench/time-to-inbox.bench.ts [--steady 500] [--rate 20] [--burst 500] [--json]
 *
 * Target: p95 ≤ 1 s.
 */
import { Client as Pg } from 'pg';
import { openSse } from '../test/realtime/sse-client';
import { createApp, type RunningApp } from '../src/bootstrap';
import { loadConfig } from '../src/config/config';
import { VkConnector } from '../src/connectors/vk';
import { startVkEmulator } from '../src/emulators/vk';
import { IngestService } from '../src/ingest/ingest.service';
import { PushReceivers } from '../src/sources/push-receivers.service';
import { ADMIN, Client } from '../test/auth/client';
import { createBenchDb } from './support/bench-db';

const GROUP_ID = 42;
const arg = (name: string, d: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : d;
};
const JSON_OUT = process.argv.includes('--json');
const STEADY = arg('steady', 500);
const RATE = arg('rate', 20);
const BURST = arg('burst', 500);
const TIMEOUT_MS = arg('timeout-ms', 30_000);
/** More changed conversations than this at once are read from the queue list, not one by one. */
const LIST_ABOVE = 10;

const PHRASES = [
  'Сколько стоит доставка в Казань?',
  'Оплата не проходит уже второй день',
  'Спасибо, всё пришло вовремя!',
  'how do I reset my password?',
  'А когда будет версия для Android?',
  'Не приходит SMS-код при входе',
];

interface Pending {
  phase: 'steady' | 'burst';
  token: string;
  injectedAt: number;
  visibleAt?: number;
  /** When ingest was called with the item, and when that call returned (committed). */
  emittedAt?: number;
  committedAt?: number;
  /** When a live event naming its conversation reached the subscribed client. */
  sseAt?: number;
}

/** Per-item ingest timestamps (performance.now), to split the latency into its stages. */
const stages = new Map<string, { emittedAt: number; committedAt?: number }>();
const tokenOf = (text: unknown) => /#(\w+)$/.exec(String(text))?.[1] ?? '';
const originalIngest = IngestService.prototype.ingest;
IngestService.prototype.ingest = async function (this: IngestService, sourceId, batch) {
  const t = performance.now();
  const mine = batch.items.map((i) => tokenOf(i.text));
  for (const k of mine) if (!stages.has(k)) stages.set(k, { emittedAt: t });
  const r = await originalIngest.call(this, sourceId, batch);
  const done = performance.now();
  for (const k of mine) {
    const st = stages.get(k);
    if (st && st.committedAt === undefined) st.committedAt = done;
  }
  return r;
};

async function main() {
  // Diagnostic: without the author-name lookup on the receive path (to see what it costs).
  if (process.argv.includes('--no-names') && 'namesFor' in VkConnector.prototype)
    (VkConnector.prototype as unknown as { namesFor: () => null }).namesFor = () => null;
  const db = await createBenchDb(2);
  const emu = await startVkEmulator({ seed: 5, rateLimits: true });
  let running: RunningApp | undefined;
  const pg = new Pg({ connectionString: db.url });
  try {
    emu.control.community({ id: GROUP_ID, name: 'Acme', screen_name: 'acme' });
    const groupToken = emu.control.token({ kind: 'group', groupId: GROUP_ID });
    const serviceToken = emu.control.token({ kind: 'service', rps: 20 });
    const total = STEADY + BURST;
    for (let u = 1; u <= total; u++)
      emu.control.user({ id: 1000 + u, first_name: `User${u}`, last_name: 'Test' });
    const postId = emu.control.post({ ownerId: -GROUP_ID, text: 'Новый тариф' }).id;

    const config = loadConfig(
      {
        NODE_ENV: 'production',
        LOG_LEVEL: 'silent',
        DEMO: 'false',
        ADMIN_EMAIL: ADMIN.email,
        ADMIN_PASSWORD: ADMIN.password,
        SECRETS_KEY: '0'.repeat(64),
        ALLOW_CUSTOM_API_URLS: 'true', // the source points at the local emulator
        DATABASE_URL: db.url,
      },
      '/nonexistent',
    );
    running = await createApp(config, { logger: false });
    await running.app.listen(0, '127.0.0.1');
    const url = `http://127.0.0.1:${running.app.getHttpServer().address().port}`;
    const admin = new Client(url);
    if ((await admin.login(ADMIN.email, ADMIN.password)).status !== 200)
      throw new Error('admin login failed');
    const created = await admin.post('/api/sources', {
      platform: 'vk',
      name: 'Acme во ВКонтакте',
      settings: { groupId: GROUP_ID, apiBaseUrl: emu.apiBaseUrl, serviceApiLimit: 20, backfillDays: 1 },
      credentials: { groupToken, serviceToken },
    });
    if (created.status !== 201)
      throw new Error(`create source: ${created.status} ${JSON.stringify(created.body)}`);
    await running.app.get(PushReceivers).scan();
    await until(() => emu.control.requests({ method: 'lp.a_check' }).length > 0, 10_000, 'the first a_check');

    // Which conversations changed, as the browser learns it: the live event stream. The API is
    // then asked about each.
    const byToken = new Map<string, Pending>();
    const dirty = new Set<string>();
    /** When the stream first named each conversation (performance.now()). */
    const sseAt = new Map<string, number>();
    await pg.connect();
    const sse = await openSse(`${url}/api/events`, { cookie: `otklik_session=${admin.cookie}` }, (f) => {
      const at = performance.now();
      if (f.event !== 'message') return;
      const e = JSON.parse(f.data);
      if (e.type !== 'items.stored') return;
      for (const id of e.conversationIds) {
        if (!sseAt.has(id)) sseAt.set(id, at);
        dirty.add(id);
      }
    });
    if (sse.status !== 200) throw new Error(`GET /api/events: ${sse.status}`);
    let watching = true;
    const watcher = (async () => {
      while (watching) {
        if (dirty.size === 0) {
          await sleep(5);
          continue;
        }
        const ids = [...dirty];
        dirty.clear();
        const seen = (id: string, texts: unknown[], at: number) => {
          for (const text of texts) {
            const p = byToken.get(tokenOf(text));
            if (p && p.visibleAt === undefined) p.visibleAt = at;
          }
          ids.splice(ids.indexOf(id), 1);
        };
        // Many changed at once: read the inbox queue (200 a page), as the UI's list would.
        if (ids.length > LIST_ABOVE) {
          const wanted = new Set(ids);
          let cursor: string | undefined;
          do {
            const r = await admin.get(
              `/api/conversations?limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
            );
            const at = performance.now();
            if (r.status !== 200) break;
            for (const c of r.body.conversations) if (wanted.has(c.id)) seen(c.id, [c.lastText], at);
            cursor = r.body.nextCursor ?? undefined;
          } while (cursor && ids.length > 0);
        }
        // A few: open each conversation.
        await Promise.all(
          [...ids].map(async (id) => {
            const r = await admin.get(`/api/conversations/${id}`);
            const at = performance.now();
            if (r.status === 200)
              seen(
                id,
                (r.body.items ?? []).map((i: { text: string }) => i.text),
                at,
              );
          }),
        );
      }
    })();

    let n = 0;
    const inject = (phase: Pending['phase']) => {
      const k = ++n;
      const token = `e${k}`;
      const text = `${PHRASES[k % PHRASES.length]} #${token}`;
      const p: Pending = { phase, token, injectedAt: performance.now() };
      byToken.set(token, p);
      // In-process VkControl: the operations of the emulator's /__control API, without an HTTP hop
      // of our own in the clock (it starts when the event exists in the emulator).
      if (k % 4 === 0) emu.control.message({ groupId: GROUP_ID, fromId: 1000 + k, text });
      else emu.control.comment({ ownerId: -GROUP_ID, postId, fromId: 1000 + k, text });
    };

    const started = performance.now();
    for (let i = 0; i < STEADY; i++) {
      const wait = started + (i * 1000) / RATE - performance.now();
      if (wait > 0) await sleep(wait);
      inject('steady');
    }
    await until(
      () => [...byToken.values()].every((p) => p.visibleAt !== undefined),
      TIMEOUT_MS,
      'steady events',
    );
    for (let i = 0; i < BURST; i++) inject('burst');
    await until(
      () => [...byToken.values()].every((p) => p.visibleAt !== undefined),
      TIMEOUT_MS,
      'burst events',
    );
    watching = false;
    await watcher;
    sse.close();
    // each token's conversation (its own author), then when the stream first named it
    const { rows } = await pg.query<{ conversation_id: string; text: string }>(
      `SELECT conversation_id, text FROM items WHERE direction = 'inbound'`,
    );
    for (const r of rows) {
      const p = byToken.get(tokenOf(r.text));
      const at = sseAt.get(r.conversation_id);
      if (p && at !== undefined) p.sseAt = at;
    }
    for (const [k, st] of stages) {
      const p = byToken.get(k);
      if (p) Object.assign(p, st);
    }
    if (process.env.BENCH_DEBUG) {
      const reqs = emu.control.requests() as any[];
      const count = new Map<string, number>();
      for (const r of reqs)
        count.set(
          `${r.method}:${r.errorCode ?? 'ok'}`,
          (count.get(`${r.method}:${r.errorCode ?? 'ok'}`) ?? 0) + 1,
        );
      console.error(count, reqs.slice(-3));
    }

    const phases = ['steady', 'burst', 'all'] as const;
    const summary = {
      bench: 'time-to-inbox',
      events: byToken.size,
      rate: RATE,
      ...Object.fromEntries(
        phases.map((ph) => {
          const ms = [...byToken.values()]
            .filter((p) => ph === 'all' || p.phase === ph)
            .map((p) => p.visibleAt! - p.injectedAt)
            .sort((a, b) => a - b);
          const stage = (f: (p: Pending) => number | undefined) =>
            pct(
              [...byToken.values()]
                .filter((p) => ph === 'all' || p.phase === ph)
                .map(f)
                .filter((v): v is number => v !== undefined)
                .sort((a, b) => a - b),
              0.5,
            );
          const sseMs = [...byToken.values()]
            .filter((p) => (ph === 'all' || p.phase === ph) && p.sseAt !== undefined)
            .map((p) => p.sseAt! - p.injectedAt)
            .sort((a, b) => a - b);
          return [
            ph,
            {
              sse: {
                events: sseMs.length,
                p50: pct(sseMs, 0.5),
                p95: pct(sseMs, 0.95),
                // the live path alone: the ingest transaction committed → the event at the client
                committedToSseP50: stage((p) => p.committedAt && p.sseAt && p.sseAt - p.committedAt),
                committedToSseP95: pct(
                  [...byToken.values()]
                    .filter((p) => (ph === 'all' || p.phase === ph) && p.sseAt && p.committedAt)
                    .map((p) => p.sseAt! - p.committedAt!)
                    .sort((a, b) => a - b),
                  0.95,
                ),
              },
              toEmitP50: stage((p) => p.emittedAt && p.emittedAt - p.injectedAt),
              emitToCommitP50: stage((p) => p.committedAt && p.emittedAt && p.committedAt - p.emittedAt),
              commitToVisibleP50: stage((p) => p.committedAt && p.visibleAt! - p.committedAt),
              events: ms.length,
              p50: pct(ms, 0.5),
              p95: pct(ms, 0.95),
              max: round(ms[ms.length - 1]),
            },
          ];
        }),
      ),
      target: { sseP95Ms: 1000, p95Ms: 1000 },
    };
    if (JSON_OUT) process.stdout.write(JSON.stringify(summary) + '\n');
    else {
      for (const ph of phases) {
        const s = (summary as any)[ph];
        console.log(
          `platform event → SSE event at a subscribed client (${ph}${ph === 'steady' ? ` at ${RATE}/s` : ''}): ` +
            `${s.sse.events} events, p50 ${s.sse.p50} ms, p95 ${s.sse.p95} ms (target p95 ≤ 1000 ms); ` +
            `committed → SSE p50 ${s.sse.committedToSseP50} ms, p95 ${s.sse.committedToSseP95} ms`,
        );
        console.log(
          `time to inbox via the API (${ph}${ph === 'steady' ? ` at ${RATE}/s` : ''}): ${s.events} events, ` +
            `p50 ${s.p50} ms, p95 ${s.p95} ms, max ${s.max} ms (target p95 ≤ 1000 ms); ` +
            `p50 stages: inject → emit ${s.toEmitP50} ms, emit → committed ${s.emitToCommitP50} ms, ` +
            `committed → visible ${s.commitToVisibleP50} ms`,
        );
      }
    }
  } finally {
    await pg.end().catch(() => undefined);
    await running?.stop();
    await emu.stop();
    await db.drop();
  }
}

function pct(sorted: number[], q: number): number {
  return round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]);
}
function round(v: number) {
  return Math.round(v * 10) / 10;
}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function until(check: () => boolean, timeoutMs: number, what: string) {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(10);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
