/**
 * Issue 8, point 1 (the class): the app as a real process, about a minute of customer traffic and
 * replies on VK and Telegram with ~20 % of requests hit by a fault of every kind the emulators
 * have (API errors, 5xx pages, delays, commits whose answer is late or lost, resets, Long Poll
 * failed 1/2/3, redeliveries, unconfirmed batches). Target: 0 process exits, and the app still
 * works afterwards. FAULT_RUN_SECONDS sets the length (default 60).
 */
import type { FaultRuleInput } from '../../src/emulators/shared/faults';
import { childMetrics, metricValue, until } from '../support/child-app';
import { ChildWorld, GROUP_ID, startChildWorld, storedKeys } from './child-world';

const SECONDS = Number(process.env.FAULT_RUN_SECONDS ?? 60);
const RATE = 0.2;

/** Rules that compete in one `take()` share the rate, so ~RATE of those requests get a fault. */
function share(actions: FaultRuleInput['action'][], method = '*', seed = 1): FaultRuleInput[] {
  const p = 1 - (1 - RATE) ** (1 / actions.length);
  return actions.map((action, i) => ({ match: { method }, probability: p, seed: seed + i, action }));
}

function injectFaults(w: ChildWorld) {
  const vk = [
    ...share([
      { type: 'api_error', code: 10 },
      { type: 'api_error', code: 1 },
      { type: 'api_error', code: 6 },
      { type: 'http', status: 502 },
      { type: 'delay', ms: 1500 },
      { type: 'commit_then_delay', ms: 1500 },
      { type: 'commit_then_reset' },
      { type: 'commit_then_http', status: 502 },
      { type: 'reset' },
    ]),
    ...share(
      [
        { type: 'lp_failed', code: 1 },
        { type: 'lp_failed', code: 2 },
        { type: 'lp_failed', code: 3 },
      ],
      'a_check',
      20,
    ),
    ...share([{ type: 'duplicate' }], 'a_check', 30),
  ];
  const tg = [
    ...share([
      { type: 'api_error', code: 500 },
      { type: 'api_error', code: 502, msg: 'Bad Gateway' },
      { type: 'api_error', code: 429, retry_after: 1 },
      { type: 'http', status: 502 },
      { type: 'delay', ms: 1500 },
      { type: 'commit_then_delay', ms: 1500 },
      { type: 'commit_then_reset' },
      { type: 'commit_then_http', status: 502 },
      { type: 'reset' },
    ]),
    ...share([{ type: 'ignore_ack' }, { type: 'duplicate' }], 'getUpdates', 40),
  ];
  for (const rule of vk) w.vk.control.fault(rule);
  for (const rule of tg) w.tg.control.addFault(rule);
}

describe(`the app under ${RATE * 100} % faults of every kind (child process)`, () => {
  let w: ChildWorld;

  beforeAll(async () => {
    // Periodic reconciliation too: it is the path that used to crash.
    w = await startChildWorld({ vkSettings: { reconcileIntervalMs: 5000 } });
  }, 180_000);
  afterAll(() => w?.close());

  it(
    `runs ${SECONDS} s with 0 exits and still works afterwards`,
    async () => {
      const vkExpected = new Set<string>();
      const tgExpected = new Set<string>();
      const replies: string[] = [];
      injectFaults(w);
      const started = Date.now();
      let n = 0;
      while (Date.now() - started < SECONDS * 1000 && !w.app.exit) {
        n++;
        const from = 100 + (n % 17);
        if (n % 3 === 0) {
          const c = w.vk.control.comment({
            ownerId: -GROUP_ID,
            postId: w.wallPostId,
            fromId: from,
            text: `вопрос ${n}`,
          });
          vkExpected.add(`wall_comment:-${GROUP_ID}_${w.wallPostId}_${c.id}`);
        } else if (n % 3 === 1) {
          const m = w.vk.control.message({ groupId: GROUP_ID, fromId: from, text: `личное ${n}` });
          vkExpected.add(`message:${from}_${m.id}`);
        } else {
          const { message } = w.tg.control.send({
            from: { id: 500 + (n % 13), first_name: 'Гость' },
            text: `тг ${n}`,
          });
          tgExpected.add(`${message.chat.id}:${message.message_id}`);
        }
        if (n % 6 === 0) {
          const [conv] = await w.sql<{ id: string }>(
            `SELECT c.id FROM conversations c WHERE NOT EXISTS
             (SELECT 1 FROM replies r WHERE r.conversation_id = c.id) ORDER BY random() LIMIT 1`,
          );
          if (conv) {
            // A dead app is reported below (exits), not as a failed fetch here.
            const r = await w.app.admin
              .post(`/api/conversations/${conv.id}/replies`, { text: `Ответ ${n}` })
              .catch(() => undefined);
            if (r?.status === 202) replies.push(r.body.id);
          }
        }
        await new Promise((r) => setTimeout(r, 250));
      }
      const ranMs = Date.now() - started;
      const exitsDuringRun = w.app.exit ? 1 : 0;
      const fired = (rules: { fired: number }[]) => rules.reduce((sum, r) => sum + r.fired, 0);
      const faultsFired = { vk: fired(w.vk.control.faults()), telegram: fired(w.tg.control.faults()) };
      const connectorRejections = w.app.exit
        ? NaN
        : metricValue(await childMetrics(w.app), 'otklik_unhandled_rejections_total', '{kind="connector"}');

      // Calm again: the same process still receives on both platforms.
      w.vk.control.clearFaults();
      w.tg.control.clearFaults();
      if (!w.app.exit) {
        const dm = w.vk.control.message({ groupId: GROUP_ID, fromId: 999, text: 'после бури' });
        const { message } = w.tg.control.send({
          from: { id: 999, first_name: 'Тишина' },
          text: 'после бури',
        });
        await until(
          async () =>
            (await storedKeys(w, w.vkSourceId)).has(`message:999_${dm.id}`) &&
            (await storedKeys(w, w.tgSourceId)).has(`${message.chat.id}:${message.message_id}`),
          60_000,
          'a VK DM and a Telegram message after the faults stopped',
          w.app,
        );
      }
      // Reported, not asserted here (the chaos run owns "0 lost"): give the periodic
      // reconciliation a few passes to catch up with what the faults delayed.
      const allStored = async () => {
        const [v, t] = await Promise.all([storedKeys(w, w.vkSourceId), storedKeys(w, w.tgSourceId)]);
        return [...vkExpected].every((k) => v.has(k)) && [...tgExpected].every((k) => t.has(k));
      };
      await until(allStored, 20_000, 'the catch-up').catch(() => undefined);
      const vkStored = await storedKeys(w, w.vkSourceId);
      const tgStored = await storedKeys(w, w.tgSourceId);
      const statuses = await w.sql<{ status: string; n: number }>(
        `SELECT status, count(*)::int AS n FROM replies GROUP BY status ORDER BY status`,
      );
      const sources = await w.sql<{ platform: string; status: string }>(
        `SELECT platform, status FROM sources`,
      );
      console.log(
        JSON.stringify({
          faultRun: {
            seconds: Math.round(ranMs / 1000),
            processExits: exitsDuringRun,
            connectorRejectionsKeptAlive: connectorRejections,
            faultsFired,
            vk: {
              injected: vkExpected.size,
              storedSoFar: [...vkExpected].filter((k) => vkStored.has(k)).length,
            },
            telegram: {
              injected: tgExpected.size,
              storedSoFar: [...tgExpected].filter((k) => tgStored.has(k)).length,
            },
            replies: {
              requested: replies.length,
              byStatus: Object.fromEntries(statuses.map((s) => [s.status, s.n])),
            },
            sources: Object.fromEntries(sources.map((s) => [s.platform, s.status])),
          },
        }),
      );
      if (w.app.exit)
        console.log(`the app exited ${JSON.stringify(w.app.exit)}:\n${w.app.output().slice(-3000)}`);
      expect(w.app.exit).toBeUndefined();
      expect(exitsDuringRun).toBe(0);
      expect(ranMs).toBeGreaterThanOrEqual(SECONDS * 1000);
      // Transient faults never make a source need a person.
      expect(sources.filter((s) => s.status === 'needs_attention')).toEqual([]);
      const ready = await fetch(`${w.app.url}/health/ready`);
      expect(ready.status).toBe(200);
    },
    (SECONDS + 150) * 1000,
  );
});
