/**
 * EXPLAIN (ANALYZE, BUFFERS) of the queue's SQL for the benchmark's scenarios, on the seeded
 * `otklik_bench_queue` (npm run bench:queue seeds it): the SQL InboxRepository builds, run once
 * to warm and once measured; prints the plan's execution time and shared buffers, and the
 * database backend's own CPU time per execution over `--repeat` runs (from /proc, so the server
 * must be on this machine): on a shared, loaded machine the wall-clock time mostly measures the
 * wait for a core, the CPU time does not.
 *
 *   npx ts-node --transpile-only bench/queue-explain.ts [--db otklik_bench_queue] [--plans] [--only name]
 *                                                      [--repeat 50]
 */
import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { InboxRepository } from '../src/inbox/inbox.repository';
import { withDatabase } from '../test/support/urls';

const argv = process.argv;
const opt = (name: string, d: string) => {
  const i = argv.indexOf(`--${name}`);
  return i > 0 ? argv[i + 1] : d;
};
const DB = opt('db', 'otklik_bench_queue');
const ONLY = opt('only', '');
const PLANS = argv.includes('--plans');
const REPO = opt('repo', '../src/inbox/inbox.repository');
const REPEAT = Number(opt('repeat', '50'));

/** utime + stime of a process, in milliseconds (clock ticks are 10 ms on Linux). */
function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

async function main() {
  const c = new Client({
    connectionString: withDatabase(
      process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
      DB,
    ),
  });
  await c.connect();
  const backend = (await c.query(`SELECT pg_backend_pid() AS pid`)).rows[0].pid as number;
  const tag = (await c.query(`SELECT id FROM tags WHERE name = 'bench-tag-03'`)).rows[0].id;
  let last: { text: string; params: unknown[] } | undefined;
  const capture = {
    query: async (text: string, params: unknown[]) => {
      last = { text, params };
      return [{ n: 0 }];
    },
  } as unknown as DataSource;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const Repo = (require(REPO) as { InboxRepository: typeof InboxRepository }).InboxRepository;
  const repo = new Repo(capture);
  const page = { limit: 50 };
  const scenarios: [string, () => Promise<unknown>][] = [
    ['default view (open)', () => repo.queue({ status: 'open', ...page })],
    [
      'VK, negative, unassigned (open)',
      () => repo.queue({ status: 'open', platform: 'vk', sentiment: 'negative', assigneeId: null, ...page }),
    ],
    [
      'sales questions breached (open)',
      () => repo.queue({ status: 'open', intent: 'sales_question', sla: 'breached', ...page }),
    ],
    [
      'all, English complaints, a tag',
      () => repo.queue({ language: 'en', intent: 'complaint', tagId: tag, ...page }),
    ],
    [
      'all, negative YouTube praise',
      () => repo.queue({ platform: 'youtube', sentiment: 'negative', intent: 'praise', ...page }),
    ],
    [
      'resolved, English, a tag',
      () => repo.queue({ status: 'resolved', language: 'en', tagId: tag, ...page }),
    ],
    ['All tab', () => repo.queue({ ...page })],
    ['search "скидку", all', () => repo.queue({ q: 'скидку', ...page })],
    ['search "скидку", open', () => repo.queue({ status: 'open', q: 'скидку', ...page })],
    ['search rare "термопаста", all', () => repo.queue({ q: 'термопаста', ...page })],
    ['search "интернет деньги", all', () => repo.queue({ q: 'интернет деньги', ...page })],
    ['search name "Константин", all', () => repo.queue({ q: 'Константин', ...page })],
    [
      'count "VK negative" (cap 1000)',
      () => repo.count({ status: 'open', platform: 'vk', sentiment: 'negative' }, 1000),
    ],
    ['count "скидку" all (cap 1000)', () => repo.count({ q: 'скидку' }, 1000)],
    ['count at risk, open (cap 1000)', () => repo.count({ status: 'open', sla: 'at_risk' }, 1000)],
    [
      'count sales unassigned, open (cap 1000)',
      () => repo.count({ status: 'open', intent: 'sales_question', assigneeId: null }, 1000),
    ],
    ['at risk, open', () => repo.queue({ status: 'open', sla: 'at_risk', ...page })],
  ];
  for (const [name, build] of scenarios) {
    if (ONLY && !name.includes(ONLY)) continue;
    await build();
    const { text, params } = last!;
    await c.query(`SET statement_timeout = '20s'`);
    let out: string[] = [];
    try {
      await c.query(`EXPLAIN (ANALYZE) ${text}`, params);
      const r = await c.query(`EXPLAIN (ANALYZE, BUFFERS) ${text}`, params);
      out = r.rows.map((x) => x['QUERY PLAN'] as string);
    } catch (err) {
      console.log(`${name.padEnd(36)} ${(err as Error).message}`);
      continue;
    }
    const exec = out.find((l) => l.startsWith('Execution Time'))!;
    const buffers = out.find((l) => l.includes('Buffers:')) ?? '';
    const cpu0 = cpuMs(backend);
    for (let i = 0; i < REPEAT; i++) await c.query(text, params);
    const cpu = (cpuMs(backend) - cpu0) / REPEAT;
    console.log(
      `${name.padEnd(36)} ${exec.replace('Execution Time: ', '').padStart(12)}  cpu ${cpu.toFixed(2).padStart(6)} ms/query   ${buffers.trim()}`,
    );
    if (PLANS) console.log(out.map((l) => `    ${l}`).join('\n'));
  }
  await c.end();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
