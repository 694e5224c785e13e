/**
 * Catch-up: a 50,000-comment backlog on the VK emulator (VK rate limits on) read through the real
 * VkConnector.fetch (wall.get + wall.getComments batched 25 per `execute`) and SyncService, then
 * ingested, analysed, triaged and threaded; compared with a raw PostgreSQL COPY of the same rows
 * (every column the product wrote, read back from items) into an identically indexed table (no
 * foreign keys, no ON CONFLICT), in the same run. Each run gets a fresh database, so run n does
 * not insert into run n-1's rows; the ratio is computed per run and medians are reported.
 *
 * One warm-up run (JIT, caches) is reported apart and left out of the medians.
 *
 *   npx ts-node --transpile-only bench/ingest-catchup.bench.ts [--comments 50000] [--runs 3] [--warmup 1] [--json]
 *     [--rollups on|off|ab]
 *
 * `--rollups off` disables the report rollup triggers (src/reports) in each run's database, to
 * measure what their maintenance costs; `ab` alternates on and off run by run (`--runs` each) and
 * prints the throughput ratio off/on of the medians.
 *
 * `--tag-rules on|off|ab` (default off): with `on`, 20 auto-tag rules (src/tags: 14 phrases
 * matched on stems, 3 intents, 2 sentiments, 1 source) are applied at ingest; `ab` alternates
 * runs with and without them and prints the throughput ratio on/off of the medians.
 *
 * `--jit off|on|ab` (default off, as shipped): `on` lets PostgreSQL JIT-compile ingest's statements
 * again, as before migration 1732602000000 (the transition-table trigger functions' `jit = off`
 * reset in the run's database, the page transaction's `SET LOCAL jit = off` dropped); `ab`
 * alternates runs and prints the throughput ratio off/on of the medians. Diagnostic: what the
 * compiling cost.
 *
 * Targets: ≥ 5,000 items/s end to end, ≥ 0.25 × COPY, ≤ 0.1 API calls per item.
 *
 * `--platform youtube`: the same on the YouTube emulator (its own process): a 20,000-comment
 * backlog of a channel (default mix: 15,900 comments without replies, 1,000 threads with 2 replies
 * embedded in the thread, 100 busy threads with 10 replies read through comments.list) read by the
 * real YouTubeConnector.fetch; also reports the quota units YouTube charged per item
 * (target ≤ 0.02).
 */
import { Logger } from '@nestjs/common';
import { Client } from 'pg';
import { ConnectorRegistry } from '../src/connectors/registry';
import { VkConnector } from '../src/connectors/vk';
import { startVkEmulator } from '../src/emulators/vk';
import { IngestService } from '../src/ingest/ingest.service';
import { loadItemAnalysis } from '../src/ingest/item-analysis';
import { SecretBox } from '../src/security/secret-box';
import { ApiUrlPolicy } from '../src/sources/api-endpoints';
import { SourcesRepository } from '../src/sources/sources.repository';
import { SourcesService } from '../src/sources/sources.service';
import { SyncService } from '../src/sources/sync.service';
import { createBenchDb } from './support/bench-db';
import { backlogSize, startRemoteYouTube, type RemoteYouTube } from './support/youtube-emulator-child';
import { YouTubeConnector } from '../src/connectors/youtube';
import { startRemoteVk, type BacklogSeed, type RemoteVk } from './support/vk-emulator-child';
import { copyBuffer } from '../src/database/pg-copy';
import * as pgCopyBinary from '../src/database/pg-copy-binary';
import { IngestRepository } from '../src/ingest/ingest.repository';
import { ConversationsRepository } from '../src/conversations/conversations.repository';
import { SlaPolicyRepository } from '../src/sla/sla-policy.repository';
import { SlaPolicyService } from '../src/sla/sla-policy.service';
import { VkClient } from '../src/connectors/vk/client';
import { postgresCpuSeconds, StageTimer } from './support/stage-timer';
import { DatabaseCpu } from './support/db-cpu';
import { TagsRepository } from '../src/tags/tags.repository';
import { TagRulesService } from '../src/tags/tag-rules.service';

const GROUP_ID = 42;
const arg = (name: string, d: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : d;
};
const JSON_OUT = process.argv.includes('--json');
const platformArg = process.argv.indexOf('--platform');
const PLATFORM = platformArg > 0 ? process.argv[platformArg + 1] : 'vk';
const YOUTUBE = PLATFORM === 'youtube';
const YT_BACKLOG = {
  plain: arg('yt-plain', 15_900),
  smallThreads: arg('yt-small-threads', 1_000),
  smallReplies: 2,
  busyThreads: arg('yt-busy-threads', 100),
  busyReplies: 10,
  authors: 5_000,
  phrases: [] as string[],
};
const COMMENTS = YOUTUBE ? backlogSize(YT_BACKLOG) : arg('comments', 50_000);
const PER_POST = arg('per-post', 200);
const AUTHORS = arg('authors', 5_000);
const RUNS = arg('runs', 3);
/** Discarded runs first: JIT and caches warm for both sides (reported apart). */
const WARMUP = arg('warmup', 1);
/** Diagnostic: per-stage busy time, Node and PostgreSQL CPU per run. */
const STAGES = process.argv.includes('--stages');
/** Diagnostic: the emulator on this process's event loop (how the bench ran before). */
const IN_PROCESS = process.argv.includes('--in-process');
const ROLLUPS = (() => {
  const i = process.argv.indexOf('--rollups');
  const v = i > 0 ? process.argv[i + 1] : 'on';
  if (!['on', 'off', 'ab'].includes(v)) throw new Error('--rollups takes on, off or ab');
  return v as 'on' | 'off' | 'ab';
})();
const TAG_RULES = (() => {
  const i = process.argv.indexOf('--tag-rules');
  const v = i > 0 ? process.argv[i + 1] : 'off';
  if (!['on', 'off', 'ab'].includes(v)) throw new Error('--tag-rules takes on, off or ab');
  if (v === 'ab' && ROLLUPS === 'ab') throw new Error('--tag-rules ab and --rollups ab: one at a time');
  return v as 'on' | 'off' | 'ab';
})();
const JIT = (() => {
  const i = process.argv.indexOf('--jit');
  const v = i > 0 ? process.argv[i + 1] : 'off';
  if (!['on', 'off', 'ab'].includes(v)) throw new Error('--jit takes on, off or ab');
  if (v === 'ab' && (ROLLUPS === 'ab' || TAG_RULES === 'ab')) throw new Error('one ab at a time');
  return v as 'on' | 'off' | 'ab';
})();
/** `--jit on`: the page transaction's settings without ingest's `jit = off`. */
let jitAllowed = false;
const takeSearchDocInserts = ConversationsRepository.prototype.takeSearchDocInserts;
ConversationsRepository.prototype.takeSearchDocInserts = function (db, alsoLocal = {}) {
  const { jit: _jit, ...rest } = alsoLocal;
  return takeSearchDocInserts.call(this, db, jitAllowed ? rest : alsoLocal);
};
/** Rules as a care team writes them: a few hit the bench's phrases, most do not. */
const TAG_RULE_PHRASES = [
  'деньги',
  'доставка',
  'не приходит',
  'password',
  'android',
  'возврат товара',
  'гарантия',
  'курьер опоздал',
  'промокод',
  'refund',
  'broken',
  'не работает приложение',
  'списали дважды',
  'скидка',
];

/** The report rollup triggers (migrations/1732600500000-Reports.ts) and their tables. */
const REPORT_TRIGGERS: [string, string][] = [
  ['items', 'report_items_inserted'],
  ['items', 'report_items_updated'],
  ['conversations', 'report_conversations_updated'],
  ['conversation_tags', 'report_tags_added'],
  ['conversation_tags', 'report_tags_removed'],
];
const timer = new StageTimer();
if (STAGES) {
  timer.wrap(VkClient.prototype, 'call', 'vk.call');
  timer.wrap(VkConnector.prototype, 'fetch', 'fetch');
  timer.wrap(YouTubeConnector.prototype, 'fetch', 'fetch');
  timer.wrap(IngestService.prototype, 'prepare', 'prepare');
  timer.wrap(IngestService.prototype, 'commit', 'commit');
  for (const m of [
    'upsertContacts',
    'ensureConversations',
    'upsertItems',
    'applyActivity',
    'saveCursors',
    'lockPending',
    'conversationIds',
    'conversationsOfItems',
  ])
    timer.wrap(IngestRepository.prototype, m, `db.${m}`);
  timer.wrap(pgCopyBinary, 'copyBinary', 'db.copyBinary');
}

const PHRASES = [
  'Сколько стоит доставка в Казань?',
  'Оплата не проходит уже второй день, верните деньги',
  'Спасибо, всё пришло вовремя!',
  'how do I reset my password?',
  'Подписывайтесь на мой канал, лучшие скидки',
  'А когда будет версия для Android?',
  'Не приходит SMS-код при входе',
  'Great service, thanks a lot',
];

YT_BACKLOG.phrases = PHRASES;

const seed: BacklogSeed = {
  groupId: GROUP_ID,
  comments: COMMENTS,
  perPost: PER_POST,
  authors: AUTHORS,
  phrases: PHRASES,
  serviceRps: 20,
};

/** The same seeded emulator on this process (diagnostic `--in-process`). */
async function inProcessVk(): Promise<RemoteVk> {
  const emu = await startVkEmulator({ seed: 3, maxHoldMs: 200, rateLimits: true });
  const c = emu.control;
  c.community({ id: GROUP_ID, name: 'Acme', screen_name: 'acme' });
  const groupToken = c.token({ kind: 'group', groupId: GROUP_ID });
  const serviceToken = c.token({ kind: 'service', rps: seed.serviceRps });
  for (let u = 1; u <= AUTHORS; u++) c.user({ id: u, first_name: `User${u}`, last_name: 'Test' });
  const now = Math.floor(Date.now() / 1000) - 3600;
  let n = 0;
  for (let p = 0; p < Math.ceil(COMMENTS / PER_POST); p++) {
    const post = c.post({ ownerId: -GROUP_ID, text: `Post ${p}`, date: now });
    for (let k = 0; k < PER_POST && n < COMMENTS; k++, n++)
      c.comment({
        ownerId: -GROUP_ID,
        postId: post.id,
        fromId: 1 + (n % AUTHORS),
        text: `${PHRASES[n % PHRASES.length]} #${n}`,
        date: now + k,
      });
  }
  return {
    apiBaseUrl: emu.apiBaseUrl,
    groupToken,
    serviceToken,
    clearRequests: async () => c.clearRequests(),
    requestCount: async () => c.requests().length,
    cpuSeconds: async () => 0, // same process: its CPU is part of node CPU
    stop: () => emu.stop(),
  };
}

async function main() {
  Logger.overrideLogger(JSON_OUT ? false : ['error']);
  // VK is a remote server in production: by default the emulator runs in its own process, so its
  // work (50,000 comments' JSON, rate limiting) is not charged to the ingest event loop.
  if (YOUTUBE) return runPlatform(await startRemoteYouTube(YT_BACKLOG));
  const emu = IN_PROCESS ? await inProcessVk() : await startRemoteVk(seed);
  return runPlatform(emu);
}

async function runPlatform(emu: RemoteVk | RemoteYouTube) {
  try {
    const box = new SecretBox(Buffer.alloc(32, 1));
    const analysis = loadItemAnalysis();
    if (STAGES) timer.wrap(Object.getPrototypeOf(analysis), 'analyzeBatch', 'analysis');
    const results: any[] = [];
    const warmup: any[] = [];
    const total = WARMUP + (ROLLUPS === 'ab' || TAG_RULES === 'ab' || JIT === 'ab' ? 2 * RUNS : RUNS);
    for (let run = 0; run < total; run++) {
      const rollups = ROLLUPS === 'ab' ? (run - WARMUP) % 2 === 0 : ROLLUPS === 'on';
      const tagRules = TAG_RULES === 'ab' ? (run - WARMUP) % 2 === 0 : TAG_RULES === 'on';
      const jit = JIT === 'ab' ? (run - WARMUP) % 2 === 1 : JIT === 'on';
      const db = await createBenchDb(10);
      jitAllowed = jit;
      // `--jit on` gives JIT back to every function that turned it off (found, not listed: the
      // migrations that add such trigger functions keep growing)
      if (jit)
        for (const { name } of await db.ds.query(
          `SELECT oid::regprocedure::text AS name FROM pg_proc WHERE 'jit=off' = ANY(proconfig)`,
        ))
          await db.ds.query(`ALTER FUNCTION ${name} RESET jit`);
      if (!rollups)
        for (const [table, trigger] of REPORT_TRIGGERS)
          await db.ds.query(`ALTER TABLE ${table} DISABLE TRIGGER ${trigger}`);
      const vk = new VkConnector();
      const youtube = new YouTubeConnector();
      const registry = new ConnectorRegistry([vk, youtube]);
      const sources = new SourcesService(new SourcesRepository(db.ds), registry, box, new ApiUrlPolicy(true));
      const conversations = new ConversationsRepository();
      const policies = new SlaPolicyService(new SlaPolicyRepository(db.ds), conversations);
      const tags = new TagsRepository(db.ds);
      const ingest = new IngestService(
        db.ds,
        analysis,
        policies,
        new IngestRepository(),
        conversations,
        undefined,
        new TagRulesService(tags),
      );
      const sync = new SyncService(sources, registry, ingest);
      const source = await sources.create(
        'channelId' in emu
          ? {
              platform: 'youtube',
              name: `Acme ${run}`,
              settings: {
                channelId: emu.channelId,
                apiBaseUrl: emu.apiBaseUrl,
                tokenUrl: emu.tokenUrl,
                dailyQuota: 1_000_000,
                backfillDays: 7,
              },
              credentials: {
                clientId: emu.clientId,
                clientSecret: emu.clientSecret,
                refreshToken: emu.refreshToken,
              },
            }
          : {
              platform: 'vk',
              name: `Acme ${run}`,
              settings: {
                groupId: GROUP_ID,
                apiBaseUrl: emu.apiBaseUrl,
                backfillDays: 2,
                serviceApiLimit: 20,
                apiWaitMs: 50,
                reconcileIntervalMs: 0,
              },
              credentials: { groupToken: emu.groupToken, serviceToken: emu.serviceToken },
            },
      );
      if (tagRules) await seedTagRules(db.ds, source.id);
      await emu.clearRequests();
      const dbCpu = new DatabaseCpu(db.url, new URL(db.url).pathname.slice(1));
      await dbCpu.start();
      const node0 = process.cpuUsage();
      timer.start();
      const cpu0 = process.cpuUsage();
      const pg0 = STAGES ? postgresCpuSeconds() : 0;
      const emu0 = STAGES && 'cpuSeconds' in emu ? await emu.cpuSeconds() : 0;
      const t0 = performance.now();
      let inserted = 0;
      for (let i = 0; i < 1000; i++) {
        const r = await sync.syncSource(source.id);
        if (r.error) throw new Error(`sync failed: ${r.error}`);
        inserted += r.inserted;
        if (!r.hasMore) break; // the job read everything there was
      }
      const seconds = (performance.now() - t0) / 1000;
      const nodeCpu = process.cpuUsage(node0);
      const nodeCpuSeconds = (nodeCpu.user + nodeCpu.system) / 1e6;
      const dbCpuSeconds = await dbCpu.stop();
      if (STAGES) {
        const cpu = process.cpuUsage(cpu0);
        console.log(
          `run ${run}: wall ${seconds.toFixed(2)} s, node CPU ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s ` +
            `(user ${(cpu.user / 1e6).toFixed(2)}), postgres CPU (all backends) ${(postgresCpuSeconds() - pg0).toFixed(2)} s, ` +
            `emulator process CPU ${('cpuSeconds' in emu ? (await emu.cpuSeconds()) - emu0 : 0).toFixed(2)} s`,
        );
        console.table(timer.report());
        if (process.argv.includes('--timeline'))
          console.log(timer.timeline(['fetch', 'prepare', 'commit', 'vk.call']));
      }
      const apiCalls = await emu.requestCount();
      const quotaUnits = 'quotaUnits' in emu ? await emu.quotaUnits() : undefined;
      const [check] = await db.ds.query(
        `SELECT count(*)::int AS items, count(analyzed_at)::int AS analysed, count(conversation_id)::int AS threaded,
                count(DISTINCT conversation_id)::int AS conversations
         FROM items WHERE source_id = $1 AND kind = 'comment'`,
        [source.id],
      );
      if (check.items !== COMMENTS || check.analysed !== COMMENTS || check.threaded !== COMMENTS)
        throw new Error(`not everything was stored: ${JSON.stringify(check)}`);
      const autoTags = Number((await db.ds.query(`SELECT count(*)::int AS n FROM conversation_tags`))[0].n);

      // Baseline: COPY the very rows the product stored (every column it wrote) into a table with the
      // same columns and indexes, no foreign keys, no ON CONFLICT.
      const columns = (
        await db.ds.query(
          `SELECT column_name FROM information_schema.columns
           WHERE table_name = 'items' AND table_schema = 'public' AND column_name <> 'id'
             AND is_generated = 'NEVER' ORDER BY ordinal_position`,
        )
      ).map((r: { column_name: string }) => r.column_name as string);
      const rows: any[] = await db.ds.query(
        `SELECT ${columns.map((c: string) => `${c}::text AS ${c}`).join(', ')} FROM items WHERE source_id = $1 ORDER BY id`,
        [source.id],
      );
      const data = Buffer.from(
        rows.map((r) => columns.map((c: string) => copyValue(r[c])).join('\t')).join('\n') + '\n',
      );
      const client = new Client({ connectionString: db.url });
      await client.connect();
      await client.query(
        `DROP TABLE IF EXISTS bench_copy; CREATE TABLE bench_copy (LIKE items INCLUDING ALL)`,
      );
      const c0 = performance.now();
      await copyBuffer(client, `COPY bench_copy (${columns.join(', ')}) FROM STDIN`, data);
      const copySeconds = (performance.now() - c0) / 1000;
      await client.end();
      await vk.close();
      youtube.close();
      await db.drop();

      (run < WARMUP ? warmup : results).push({
        rollups,
        tagRules,
        jit,
        autoTags,
        comments: COMMENTS,
        inserted,
        ...check,
        seconds: round(seconds),
        itemsPerSecond: Math.round(inserted / seconds),
        /** CPU of this process and of our database's backends: load on the machine hardly moves them */
        nodeCpuSeconds: round(nodeCpuSeconds),
        dbCpuSeconds: round(dbCpuSeconds),
        itemsPerCpuSecond: Math.round(inserted / (nodeCpuSeconds + dbCpuSeconds)),
        apiCalls,
        apiCallsPerItem: round(apiCalls / inserted, 5),
        ...(quotaUnits !== undefined
          ? { quotaUnits, quotaUnitsPerItem: round(quotaUnits / inserted, 5) }
          : {}),
        copyRows: rows.length,
        copySeconds: round(copySeconds),
        copyItemsPerSecond: Math.round(rows.length / copySeconds),
        ratioToCopy: round(inserted / seconds / (rows.length / copySeconds)),
      });
    }
    const median = (k: string, rows: any[] = results) => {
      const v = rows.map((r: any) => r[k]).sort((a: number, b: number) => a - b);
      return v[Math.floor(v.length / 2)];
    };
    const on = results.filter((r) => r.rollups);
    const off = results.filter((r) => !r.rollups);
    const rollupCost =
      ROLLUPS === 'ab'
        ? {
            itemsPerSecondOn: median('itemsPerSecond', on),
            itemsPerSecondOff: median('itemsPerSecond', off),
            /** throughput with maintenance / without (target ≥ 0.85) */
            ratio: round(median('itemsPerSecond', on) / median('itemsPerSecond', off)),
            dbCpuSecondsOn: median('dbCpuSeconds', on),
            dbCpuSecondsOff: median('dbCpuSeconds', off),
            /** items per CPU second (Node + our database backends), on / off: the cost without the machine's noise */
            cpuRatio: round(median('itemsPerCpuSecond', on) / median('itemsPerCpuSecond', off)),
          }
        : undefined;
    const tagsOn = results.filter((r) => r.tagRules);
    const tagsOff = results.filter((r) => !r.tagRules);
    const tagRuleCost =
      TAG_RULES === 'ab'
        ? {
            itemsPerSecondOn: median('itemsPerSecond', tagsOn),
            itemsPerSecondOff: median('itemsPerSecond', tagsOff),
            /** throughput with 20 auto-tag rules / without */
            ratio: round(median('itemsPerSecond', tagsOn) / median('itemsPerSecond', tagsOff)),
            cpuRatio: round(median('itemsPerCpuSecond', tagsOn) / median('itemsPerCpuSecond', tagsOff)),
            autoTags: median('autoTags', tagsOn),
          }
        : undefined;
    const jitOn = results.filter((r) => r.jit);
    const jitOff = results.filter((r) => !r.jit);
    const jitCost =
      JIT === 'ab'
        ? {
            itemsPerSecondJitOff: median('itemsPerSecond', jitOff),
            itemsPerSecondJitOn: median('itemsPerSecond', jitOn),
            /** throughput as shipped (JIT off) / with PostgreSQL compiling ingest's statements */
            ratio: round(median('itemsPerSecond', jitOff) / median('itemsPerSecond', jitOn)),
            dbCpuSecondsJitOff: median('dbCpuSeconds', jitOff),
            dbCpuSecondsJitOn: median('dbCpuSeconds', jitOn),
            ratioToCopyJitOff: median('ratioToCopy', jitOff),
            ratioToCopyJitOn: median('ratioToCopy', jitOn),
          }
        : undefined;
    const summary = {
      bench: 'ingest-catchup',
      platform: YOUTUBE ? 'youtube' : 'vk',
      ...(YOUTUBE ? { backlog: { ...YT_BACKLOG, phrases: undefined } } : {}),
      runs: results,
      warmup,
      median: {
        itemsPerSecond: median('itemsPerSecond'),
        apiCallsPerItem: median('apiCallsPerItem'),
        ...(YOUTUBE ? { quotaUnitsPerItem: median('quotaUnitsPerItem') } : {}),
        copyItemsPerSecond: median('copyItemsPerSecond'),
        ratioToCopy: median('ratioToCopy'),
      },
      rollupCost,
      tagRuleCost,
      jitCost,
      targets: YOUTUBE
        ? { quotaUnitsPerItem: 0.02 }
        : { itemsPerSecond: 5000, ratioToCopy: 0.25, apiCallsPerItem: 0.1, rollupRatio: 0.85 },
    };
    if (JSON_OUT) {
      process.stdout.write(JSON.stringify(summary) + '\n');
    } else {
      for (const r of [...warmup, ...results]) {
        console.log(
          `${warmup.includes(r) ? '(warm-up) ' : ''}rollups ${r.rollups ? 'on' : 'off'}, ${r.jit ? 'JIT allowed, ' : ''}` +
            `tag rules ${r.tagRules ? `on (${r.autoTags} tags put on)` : 'off'}: catch-up: ${r.inserted} comments in ${r.seconds} s = ${r.itemsPerSecond} items/s ` +
            `(analysed ${r.analysed}, threaded ${r.threaded} into ${r.conversations} conversations), ` +
            `${r.apiCalls} API calls = ${r.apiCallsPerItem}/item` +
            (r.quotaUnits !== undefined ? `, ${r.quotaUnits} quota units = ${r.quotaUnitsPerItem}/item` : ''),
        );
        console.log(
          `COPY baseline: ${r.copyRows} rows in ${r.copySeconds} s = ${r.copyItemsPerSecond} rows/s; ratio ${r.ratioToCopy}; ` +
            `CPU: node ${r.nodeCpuSeconds} s, database backends ${r.dbCpuSeconds} s = ${r.itemsPerCpuSecond} items per CPU second`,
        );
      }
      const m: Record<string, number> = summary.median;
      if (YOUTUBE)
        console.log(
          `median (YouTube): ${m.itemsPerSecond} items/s, ${m.ratioToCopy} × COPY, ` +
            `${m.quotaUnitsPerItem} quota units/item (target ≤ 0.02), ${m.apiCallsPerItem} API calls/item`,
        );
      else
        console.log(
          `median: ${m.itemsPerSecond} items/s (target ≥ 5000), ${m.ratioToCopy} × COPY (target ≥ 0.25), ` +
            `${m.apiCallsPerItem} API calls/item (target ≤ 0.1)`,
        );
      if (rollupCost)
        console.log(
          `rollup maintenance: median ${rollupCost.itemsPerSecondOn} items/s on vs ${rollupCost.itemsPerSecondOff} off = ` +
            `${rollupCost.ratio} (target ≥ 0.85, i.e. ≤ 15 % loss); per CPU second on/off ${rollupCost.cpuRatio} ` +
            `(database backends: median ${rollupCost.dbCpuSecondsOn} s on vs ${rollupCost.dbCpuSecondsOff} s off)`,
        );
      if (jitCost)
        console.log(
          `JIT: median ${jitCost.itemsPerSecondJitOff} items/s off (as shipped) vs ${jitCost.itemsPerSecondJitOn} allowed = ` +
            `${jitCost.ratio}; × COPY ${jitCost.ratioToCopyJitOff} vs ${jitCost.ratioToCopyJitOn}; database backends ` +
            `${jitCost.dbCpuSecondsJitOff} s vs ${jitCost.dbCpuSecondsJitOn} s`,
        );
      if (tagRuleCost)
        console.log(
          `auto-tag rules: median ${tagRuleCost.itemsPerSecondOn} items/s with 20 rules vs ${tagRuleCost.itemsPerSecondOff} without = ` +
            `${tagRuleCost.ratio}; per CPU second ${tagRuleCost.cpuRatio}; ${tagRuleCost.autoTags} conversations tagged`,
        );
    }
  } finally {
    await emu.stop();
  }
}

/** 4 tags, 20 rules: 14 phrases, 3 intents, 2 sentiments, 1 source (with a sentiment). */
async function seedTagRules(ds: { query(sql: string, params?: unknown[]): Promise<any> }, sourceId: string) {
  const tags: { id: string }[] = await ds.query(
    `INSERT INTO tags (name, color) SELECT 'bench-' || g, '#336699' FROM generate_series(1, 4) g RETURNING id`,
  );
  const t = (i: number) => tags[i % tags.length].id;
  for (const [i, phrase] of TAG_RULE_PHRASES.entries())
    await ds.query(`INSERT INTO tag_rules (tag_id, phrase) VALUES ($1, $2)`, [t(i), phrase]);
  for (const [i, intent] of ['spam', 'sales_question', 'complaint'].entries())
    await ds.query(`INSERT INTO tag_rules (tag_id, intent) VALUES ($1, $2)`, [t(i), intent]);
  for (const [i, sentiment] of ['negative', 'positive'].entries())
    await ds.query(`INSERT INTO tag_rules (tag_id, sentiment) VALUES ($1, $2)`, [t(i + 1), sentiment]);
  await ds.query(`INSERT INTO tag_rules (tag_id, source_id, sentiment) VALUES ($1, $2, 'negative')`, [
    t(3),
    sourceId,
  ]);
}

/** One value in COPY text format (NULL is `\\N`; backslash, tab, newline and CR escaped). */
function copyValue(v: unknown): string {
  if (v === null || v === undefined) return '\\N';
  const s = String(v);
  return /[\\\t\n\r]/.test(s)
    ? s.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r')
    : s;
}

function round(v: number, digits = 3) {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
