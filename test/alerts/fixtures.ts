/**
 * Care data for the alert tests, written with SQL (items as ingest stores them): a source, weeks
 * of ordinary history, a burst of angry comments.
 */
import type { Pool } from 'pg';

export async function insertSource(
  pg: Pool,
  name: string,
  platform = 'vk',
  createdAt?: Date,
): Promise<string> {
  const { rows } = await pg.query(
    `INSERT INTO sources (platform, name, created_at) VALUES ($1, $2, COALESCE($3, now())) RETURNING id`,
    [platform, name, createdAt ?? null],
  );
  return rows[0].id;
}

/**
 * Ordinary traffic: one item every `everyMinutes` from `from` to `to`, every fourth negative
 * (authored by a rotating set of customers).
 */
export async function insertHistory(
  pg: Pool,
  sourceId: string,
  from: Date,
  to: Date,
  everyMinutes = 10,
  tag = 'h',
): Promise<number> {
  const { rowCount } = await pg.query(
    `INSERT INTO items (source_id, platform, kind, external_id, text, created_at_platform, author_external_id, author_name,
                        sentiment_label, sentiment_score, intent)
     SELECT $1, s.platform, 'comment', $5 || ':' || g, 'Когда подключат новый тариф?', t, 'u' || (g % 50), 'Покупатель ' || (g % 50),
            CASE WHEN g % 4 = 0 THEN 'negative' ELSE 'neutral' END, CASE WHEN g % 4 = 0 THEN -0.4 ELSE 0 END, 'other'
       FROM sources s,
            generate_series($2::timestamptz, $3::timestamptz, make_interval(mins => $4)) WITH ORDINALITY AS x(t, g)
      WHERE s.id = $1`,
    [sourceId, from, to, everyMinutes, tag],
  );
  return rowCount ?? 0;
}

const ANGRY = [
  'Интернета нет уже час, вы издеваетесь?!',
  'Опять не работает интернет, сколько можно',
  'Не работает ничего, деньги списали, а связи нет',
  'Верните деньги, интернет не работает третий раз за неделю',
  'Техподдержка не отвечает, интернет не работает',
];

/** `n` angry comments from different people between `from` and `to`. */
export async function insertStorm(
  pg: Pool,
  sourceId: string,
  n: number,
  from: Date,
  to: Date,
  tag = 'storm',
) {
  await pg.query(
    `INSERT INTO items (source_id, platform, kind, external_id, text, created_at_platform, author_external_id, author_name,
                        sentiment_label, sentiment_score, intent)
     SELECT $1, s.platform, 'comment', $5 || ':' || g,
            ($6::text[])[1 + (g % array_length($6::text[], 1))],
            $2::timestamptz + (($3::timestamptz - $2::timestamptz) * (g - 1) / GREATEST($4, 1)),
            'angry' || g, 'Злой клиент ' || g, 'negative', -0.9, 'complaint'
       FROM sources s, generate_series(1, $4) g WHERE s.id = $1`,
    [sourceId, from, to, n, tag, ANGRY],
  );
}

export const minutes = (n: number) => n * 60_000;

let reachSeq = 0;
/** A negative post many people reacted to (VK counters in its raw payload). */
export async function insertHighReachItem(
  pg: Pool,
  sourceId: string,
  likes = 120,
  at = new Date(),
): Promise<string> {
  const n = ++reachSeq;
  const { rows } = await pg.query(
    `INSERT INTO items (source_id, platform, kind, external_id, text, created_at_platform, author_external_id, author_name,
                        sentiment_label, sentiment_score, intent, raw)
     SELECT $1, s.platform, 'post', 'wall_post:-42_' || $2, 'Худший провайдер в городе, третий день без связи', $3,
            'loud' || $2, 'Громкий клиент ' || $2, 'negative', -0.95, 'complaint', $4::jsonb
       FROM sources s WHERE s.id = $1 RETURNING id::text`,
    [
      sourceId,
      1000 + n,
      at,
      JSON.stringify({ likes: { count: likes }, comments: { count: 12 }, reposts: { count: 4 } }),
    ],
  );
  return rows[0].id;
}

/** A conversation with a running SLA clock and the customer's message (as ingest and triage leave it). */
export async function insertClock(
  pg: Pool,
  sourceId: string,
  startedAt: Date,
  dueAt: Date,
  text: string,
): Promise<string> {
  const { rows } = await pg.query(
    `INSERT INTO conversations (source_id, platform, thread_key, needs_response, sla_started_at, due_at,
                                first_message_at, last_customer_message_at, sentiment_label)
     SELECT $1, s.platform, 'sla-' || gen_random_uuid(), true, $2, $3, $2, $2, 'negative'
       FROM sources s WHERE s.id = $1 RETURNING id`,
    [sourceId, startedAt, dueAt],
  );
  const id = rows[0].id;
  await pg.query(
    `INSERT INTO items (source_id, platform, kind, external_id, conversation_id, text, created_at_platform,
                        author_external_id, author_name, sentiment_label, intent, needs_response, deadline_at)
     SELECT $1, s.platform, 'message', 'message:' || $2::text, $2::uuid, $3, $4, 'c-' || $2::text, 'Клиент', 'negative', 'complaint', true, $5
       FROM sources s WHERE s.id = $1`,
    [sourceId, id, text, startedAt, dueAt],
  );
  return id;
}
