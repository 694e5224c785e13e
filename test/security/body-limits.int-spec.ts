import { monitorEventLoopDelay } from 'node:perf_hooks';
import { spawn } from 'node:child_process';
import { ADMIN, Client } from '../auth/client';
import { startTestApp, TestApp } from '../support/app';

const MB = 1024 * 1024;
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** /health/live probed back to back (5 ms apart) until `until` settles; latency figures in ms. */
async function probeHealth(base: string, until: Promise<unknown>) {
  let done = false;
  void until.finally(() => (done = true));
  const latencies: number[] = [];
  const loop = monitorEventLoopDelay({ resolution: 5 });
  loop.enable();
  const cpu = process.cpuUsage();
  const started = performance.now();
  while (!done) {
    const t0 = performance.now();
    const r = await fetch(`${base}/health/live`, { signal: AbortSignal.timeout(30_000) });
    await r.text();
    if (r.status !== 200) throw new Error(`/health/live answered ${r.status}`);
    latencies.push(performance.now() - t0);
    await sleep(5);
  }
  loop.disable();
  const { user, system } = process.cpuUsage(cpu);
  const seconds = (performance.now() - started) / 1000;
  const sorted = latencies.sort((a, b) => a - b);
  const q = (p: number) => +sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))].toFixed(1);
  return {
    probes: sorted.length,
    medianMs: q(0.5),
    p95Ms: q(0.95),
    maxMs: q(1),
    eventLoopDelayMaxMs: +(loop.max / 1e6).toFixed(1),
    seconds: +seconds.toFixed(2),
    // this process: the app and the prober (the attackers run in a process of their own)
    cpuMs: Math.round((user + system) / 1000),
  };
}

/** Bodies nobody sends by accident, each about 1 MB (built in the attackers' process too). */
const PATHOLOGICAL = `
const MB = 1024 * 1024;
const keys = (n, width) =>
  '{' + Array.from({ length: n }, (_, i) => '"k' + String(i).padStart(width, '0') + '":1').join(',') + '}';
const bodies = {
  nestedArrays: '['.repeat(MB / 2 - 10) + ']'.repeat(MB / 2 - 10),
  nestedObjects: '{"a":'.repeat(MB / 6 - 10) + '1' + '}'.repeat(MB / 6 - 10),
  sixtyThousandKeys: keys(60000, 10),
  flatArray: '[' + '1,'.repeat(MB / 2 - 10) + '1]',
};
`;

/**
 * The attackers, in a process of their own (as real ones are): each of `concurrency` clients
 * sends `perAttacker` bodies one after another, a third of them chunked (no Content-Length).
 */
const STORM = `${PATHOLOGICAL}
const http = require('node:http');
const { base, targets, concurrency, perAttacker } = JSON.parse(process.argv[1]);
const kinds = Object.keys(bodies);
const send = (path, body, chunked) => new Promise((resolve) => {
  const headers = { 'content-type': 'application/json' };
  if (!chunked) headers['content-length'] = Buffer.byteLength(body);
  const req = http.request(base + path, { method: 'POST', headers }, (res) => {
    res.resume();
    res.on('end', () => resolve(res.statusCode));
  });
  req.on('error', (e) => resolve('error ' + e.code));
  req.end(body);
});
process.send('ready');
process.on('message', async () => {
  const statuses = {};
  let n = 0;
  await Promise.all(Array.from({ length: concurrency }, async (_, a) => {
    for (let k = 0; k < perAttacker; k++) {
      const i = a * perAttacker + k;
      const kind = kinds[i % kinds.length];
      const path = targets[Math.floor(i / kinds.length) % targets.length];
      const s = await send(path, bodies[kind], i % 3 === 0);
      const key = path.replace(/[0-9a-f-]{36}/, ':id') + ' ' + kind + ' ' + s;
      statuses[key] = (statuses[key] || 0) + 1;
      n++;
    }
  }));
  process.send({ n, statuses });
});`;

/**
 * Any anonymous client can send a body; what it costs us must be bounded before any of it is
 * parsed, validated or walked: a small byte limit where bodies are small, and depth and member
 * limits on the raw bytes everywhere, so nothing recursive ever sees a pathological document.
 */
describe('request bodies: per-route limits, shape limits before parsing, a responsive app', () => {
  let t: TestApp;
  let admin: Client;
  let webhookSource: string;
  const bodies: Record<string, string> = {};

  const post = async (path: string, body: string, headers: Record<string, string> = {}) => {
    const started = performance.now();
    const res = await fetch(t.url + path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': admin.ip, ...headers },
      body,
      signal: AbortSignal.timeout(30_000),
    });
    const text = await res.text();
    return { status: res.status, text, ms: performance.now() - started };
  };

  beforeAll(async () => {
    new Function('out', `${PATHOLOGICAL}; Object.assign(out, bodies);`)(bodies);
    t = await startTestApp();
    admin = new Client(t.url);
    expect((await admin.login(ADMIN.email, ADMIN.password)).status).toBe(200);
    const r = await admin.post('/api/sources', {
      platform: 'webhook',
      name: 'Site',
      credentials: { secret: 'body-limits-secret' },
    });
    expect(r.status).toBe(201);
    webhookSource = r.body.id;
  });
  afterAll(() => t?.stop());

  it('the pathological bodies really are about 1 MB', () => {
    for (const [name, b] of Object.entries(bodies)) {
      expect([name, b.length > 0.9 * MB && b.length <= MB]).toEqual([name, true]);
    }
  });

  it('login takes a few kB: 60,000 keys are refused from Content-Length alone, at once', async () => {
    const r = await post('/api/auth/login', bodies.sixtyThousandKeys);
    expect(r.status).toBe(413);
    expect(JSON.parse(r.text).message).toMatch(/larger than 8 kB, the limit for POST \/api\/auth\/login/);
    expect(r.ms).toBeLessThan(1000); // was a 400 after 1.7-5 s of validation
    // and a real login still fits
    expect((await new Client(t.url).login(ADMIN.email, ADMIN.password)).status).toBe(200);
  });

  it('a chunked body without Content-Length is cut off at the route limit too', async () => {
    const chunk = new TextEncoder().encode(' '.repeat(64 * 1024));
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(c) {
        if (sent++ < 16) c.enqueue(chunk);
        else c.close();
      },
    });
    const res = await fetch(`${t.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(413);
  });

  it('nesting and member counts are refused before parsing with a 400 that names the limit', async () => {
    const webhook = `/api/ingest/${webhookSource}`;
    const cases: Array<[string, string, RegExp]> = [
      [webhook, bodies.nestedArrays, /nested deeper than 32 levels.*POST \/api\/ingest/],
      [webhook, bodies.nestedObjects, /nested deeper than 32 levels/],
      [webhook, bodies.sixtyThousandKeys, /more than 20,000 keys and array elements/],
      [webhook, bodies.flatArray, /more than 20,000 keys and array elements/],
      ['/api/auth/login', '['.repeat(4000) + ']'.repeat(4000), /nested deeper than 1 level/],
      ['/api/auth/login', JSON.stringify({ email: 'a@b.ru', password: 'x', extra: { a: 1 } }), /nested/],
      ['/api/teams', '{"a":'.repeat(2000) + '1' + '}'.repeat(2000), /nested deeper than 10 levels/],
      [
        '/api/teams',
        JSON.stringify(Object.fromEntries([...Array(1000)].map((_, i) => [`k${i}`, 1]))),
        /more than 500/,
      ],
    ];
    for (const [path, body, message] of cases) {
      const csrf: Record<string, string> =
        path === '/api/teams'
          ? { cookie: `otklik_session=${admin.cookie}`, 'x-csrf-token': admin.csrf! }
          : {};
      const r = await post(path, body, csrf);
      expect([path, body.slice(0, 20), r.status]).toEqual([path, body.slice(0, 20), 400]);
      expect(JSON.parse(r.text).message).toMatch(message);
      expect(r.ms).toBeLessThan(2000);
    }
    // strings may hold brackets and commas: only structure counts
    const r = await admin.post('/api/teams', { name: '[[[[,,,,{{{{'.repeat(8) });
    expect(r.status).toBe(201);
  });

  it('bodies that are not JSON are 415; JSON in another charset too', async () => {
    const form = await post('/api/auth/login', 'email=a%40b.ru&password=x', {
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(form.status).toBe(415);
    expect(JSON.parse(form.text).message).toMatch(/send JSON/);
    const utf16 = await post('/api/auth/login', '{}', { 'content-type': 'application/json; charset=utf-16' });
    expect(utf16.status).toBe(415);
  });

  it('20 concurrent pathological 1 MB bodies: /health/live stays responsive (figure printed)', async () => {
    const targets = [
      '/api/auth/login',
      `/api/ingest/${webhookSource}`, // the one route that takes 1 MB: twice as often
      `/api/ingest/${webhookSource}`,
      `/api/webhooks/vk/${webhookSource}`,
      `/api/webhooks/telegram/${webhookSource}`,
      '/api/teams',
      `/api/ingest/${'0'.repeat(8)}-0000-4000-8000-${'0'.repeat(12)}`,
    ];
    const storm = spawn(
      process.execPath,
      ['-e', STORM, JSON.stringify({ base: t.url, targets, concurrency: 20, perAttacker: 4 })],
      { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] },
    );
    type Outcome = { n: number; statuses: Record<string, number> };
    const next = () =>
      new Promise<unknown>((resolve, reject) => {
        storm.once('message', resolve);
        storm.once('error', reject);
      });
    const round = () => {
      const done = next() as Promise<Outcome>;
      storm.send('go');
      return done;
    };
    try {
      await next(); // the bodies are built
      const idle = await probeHealth(t.url, sleep(1500));
      const storming = round();
      const during = await probeHealth(t.url, storming);
      const { n, statuses } = await storming;
      // the same storm unprobed: what it costs this process in CPU time, which (unlike latency)
      // does not depend on how loaded the machine is
      const cpu = process.cpuUsage();
      const again = await round();
      const { user, system } = process.cpuUsage(cpu);
      const cpuMsPerBody = +((user + system) / 1000 / again.n).toFixed(2);
      const figure = { stormRequests: n, duringStorm: during, idleBaseline: idle, cpuMsPerBody };
      console.log(`/health/live under 20 concurrent pathological 1 MB bodies: ${JSON.stringify(figure)}`);
      console.log(`storm answers: ${JSON.stringify(statuses)}`);
      expect([n, again.n]).toEqual([80, 80]);
      // every pathological body got a 4xx; none a 5xx, none a dropped connection
      const bad = Object.keys({ ...statuses, ...again.statuses }).filter((k) => !/ 4\d\d$/.test(k));
      expect(bad).toEqual([]);
      expect(during.probes).toBeGreaterThan(5);
      // Target: under 200 ms. The bounds leave room for a loaded shared 2-core machine (CPU
      // starvation alone has stretched one probe past a second there), and still catch the old
      // behaviour: median 156 ms but the longest probe 20.8 s, and seconds of CPU per body.
      expect(during.medianMs).toBeLessThan(250);
      expect(during.maxMs).toBeLessThan(5000);
      expect(cpuMsPerBody).toBeLessThan(50);
    } finally {
      storm.kill();
    }
  });
});
