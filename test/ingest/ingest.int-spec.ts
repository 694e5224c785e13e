import { parseInboxNotification } from '../../src/inbox/inbox-events';
import { Client } from 'pg';
import { comment, dm, IngestHarness, openIngestHarness } from './harness';

describe('IngestService', () => {
  let h: IngestHarness;
  let source: string;
  beforeAll(async () => {
    h = await openIngestHarness();
    source = await h.createSource('vk');
  });
  afterAll(() => h.stop());

  const count = async (sql: string, params: unknown[] = []) => Number((await h.ds.query(sql, params))[0].n);

  it('stores the same batch once: a redelivery is a no-op', async () => {
    const items = [comment({ author: { externalId: 'u1' } }), comment({ author: { externalId: 'u2' } })];
    const first = await h.ingest.ingest(source, { items, cursors: {} });
    const again = await h.ingest.ingest(source, { items, cursors: {} });
    expect(first).toMatchObject({ inserted: 2, edited: 0, duplicates: 0 });
    expect(again).toMatchObject({ inserted: 0, edited: 0, duplicates: 2 });
    const ids = items.map((i) => i.externalId);
    expect(await count(`SELECT count(*) n FROM items WHERE external_id = ANY($1)`, [ids])).toBe(2);
    expect(await count(`SELECT count(*) n FROM contacts WHERE external_id IN ('u1', 'u2')`)).toBe(2);
    // every new contact got a customer of its own
    expect(
      await count(`SELECT count(DISTINCT customer_id) n FROM contacts WHERE external_id IN ('u1', 'u2')`),
    ).toBe(2);
  });

  it('applies an edit: the previous text is kept and the version bumped; stale edits are ignored', async () => {
    const original = comment({ author: { externalId: 'u3' }, text: 'не приходит код' });
    await h.ingest.ingest(source, { items: [original], cursors: {} });
    const edit = { ...original, text: 'не приходит SMS-код', editedAt: new Date('2024-11-01T10:05:00Z') };
    expect(await h.ingest.ingest(source, { items: [edit], cursors: {} })).toMatchObject({
      edited: 1,
      inserted: 0,
    });
    // the same edit again, and an older one, change nothing
    const stale = { ...original, text: 'old edit', editedAt: new Date('2024-11-01T10:01:00Z') };
    expect(await h.ingest.ingest(source, { items: [edit, stale], cursors: {} })).toMatchObject({
      edited: 0,
      duplicates: 2,
    });
    const [row] = await h.ds.query(`SELECT text, version, previous_texts FROM items WHERE external_id = $1`, [
      original.externalId,
    ]);
    expect(row.text).toBe('не приходит SMS-код');
    expect(row.version).toBe(2);
    expect(row.previous_texts).toEqual([expect.objectContaining({ text: 'не приходит код', version: 1 })]);
  });

  it('keeps both texts when an item and its edit arrive in one batch', async () => {
    const original = comment({ author: { externalId: 'u4' }, text: 'v1' });
    const edit = { ...original, text: 'v2', editedAt: new Date('2024-11-01T11:00:00Z') };
    expect(await h.ingest.ingest(source, { items: [edit, original], cursors: {} })).toMatchObject({
      inserted: 1,
      edited: 1,
    });
    const [row] = await h.ds.query(`SELECT text, version, previous_texts FROM items WHERE external_id = $1`, [
      original.externalId,
    ]);
    expect(row).toMatchObject({ text: 'v2', version: 2 });
    expect(row.previous_texts[0].text).toBe('v1');
  });

  it('saves the cursor in the same transaction: a failing item leaves neither items, threads nor cursor', async () => {
    await h.ingest.ingest(source, { items: [], cursors: { lp: { ts: 10 } } });
    await h.ds.query(`CREATE FUNCTION test_boom() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.text = 'boom' THEN RAISE EXCEPTION 'boom'; END IF; RETURN NEW; END $$`);
    await h.ds.query(
      `CREATE TRIGGER test_boom BEFORE INSERT ON items FOR EACH ROW EXECUTE FUNCTION test_boom()`,
    );
    try {
      const items = [
        comment({ author: { externalId: 'f1' }, text: 'fine' }),
        comment({ author: { externalId: 'f2' }, text: 'boom' }),
        comment({ author: { externalId: 'f3' }, text: 'fine too' }),
      ];
      await expect(h.ingest.ingest(source, { items, cursors: { lp: { ts: 11 } } })).rejects.toThrow('boom');
      const ids = items.map((i) => i.externalId);
      expect(await count(`SELECT count(*) n FROM items WHERE external_id = ANY($1)`, [ids])).toBe(0);
      expect(await count(`SELECT count(*) n FROM conversations WHERE thread_key LIKE '%|f_'`)).toBe(0);
      // Authors are resolved in a short transaction of their own: identities, kept for the retry.
      expect(await count(`SELECT count(*) n FROM contacts WHERE external_id IN ('f1', 'f2', 'f3')`)).toBe(3);
      const [cur] = await h.ds.query(
        `SELECT cursor FROM sync_cursors WHERE source_id = $1 AND stream = 'lp'`,
        [source],
      );
      expect(cur.cursor).toEqual({ ts: 10 });
    } finally {
      await h.ds.query(`DROP TRIGGER test_boom ON items; DROP FUNCTION test_boom()`);
    }
    const retry = [
      comment({ author: { externalId: 'f1' }, text: 'fine' }),
      comment({ author: { externalId: 'f2' }, text: 'boom' }),
    ];
    await expect(h.ingest.ingest(source, { items: retry, cursors: {} })).resolves.toMatchObject({
      inserted: 2,
    });
    expect(await count(`SELECT count(*) n FROM contacts WHERE external_id IN ('f1', 'f2', 'f3')`)).toBe(3);
    expect(
      await count(
        `SELECT count(*) n FROM items i JOIN contacts c ON c.id = i.contact_id WHERE i.external_id = ANY($1)`,
        [retry.map((i) => i.externalId)],
      ),
    ).toBe(2);
    await h.ingest.ingest(source, { items: [], cursors: { lp: { ts: 11 } } });
    const [cur] = await h.ds.query(`SELECT cursor FROM sync_cursors WHERE source_id = $1 AND stream = 'lp'`, [
      source,
    ]);
    expect(cur.cursor).toEqual({ ts: 11 });
  });

  it('threads two authors under one post into two conversations', async () => {
    const post = 'wall:-42_77';
    const a = comment({ threadExternalId: post, parentExternalId: post, author: { externalId: 'a1' } });
    const a2 = comment({ threadExternalId: post, parentExternalId: post, author: { externalId: 'a1' } });
    const b = comment({ threadExternalId: post, parentExternalId: post, author: { externalId: 'b1' } });
    const res = await h.ingest.ingest(source, { items: [a, a2, b], cursors: {} });
    expect(res.conversationIds).toHaveLength(2);
    const convs = await h.ds.query(
      `SELECT cv.thread_key, count(i.id)::int AS n, ct.external_id AS contact
       FROM conversations cv JOIN items i ON i.conversation_id = cv.id JOIN contacts ct ON ct.id = cv.contact_id
       WHERE cv.thread_key LIKE $1 GROUP BY cv.thread_key, ct.external_id ORDER BY cv.thread_key`,
      [`${post}|%`],
    );
    expect(convs).toEqual([
      { thread_key: `${post}|a1`, n: 2, contact: 'a1' },
      { thread_key: `${post}|b1`, n: 1, contact: 'b1' },
    ]);
  });

  it('threads private messages by peer; the brand side joins without opening a clock', async () => {
    const m1 = dm('700', { createdAt: new Date('2024-11-02T09:00:00Z') });
    const reply = dm('700', {
      author: { externalId: '-42', isBrand: true },
      createdAt: new Date('2024-11-02T09:05:00Z'),
    });
    const other = dm('701');
    await h.ingest.ingest(source, { items: [m1, reply, other], cursors: {} });
    const rows = await h.ds.query(
      `SELECT cv.thread_key, count(i.id)::int AS n FROM conversations cv JOIN items i ON i.conversation_id = cv.id
       WHERE cv.thread_key IN ('dm:700', 'dm:701') GROUP BY cv.thread_key ORDER BY 1`,
    );
    expect(rows).toEqual([
      { thread_key: 'dm:700', n: 2 },
      { thread_key: 'dm:701', n: 1 },
    ]);
    const [item] = await h.ds.query(
      `SELECT direction, needs_response, deadline_at, contact_id FROM items WHERE external_id = $1`,
      [reply.externalId],
    );
    expect(item).toMatchObject({
      direction: 'outbound',
      needs_response: false,
      deadline_at: null,
      contact_id: null,
    });
    // the clock started when the customer wrote: placeholder analysis = support question = 3 h
    const [conv] = await h.ds.query(
      `SELECT due_at, needs_response, sla_started_at FROM conversations WHERE thread_key = 'dm:700'`,
    );
    expect(conv.needs_response).toBe(true);
    expect(conv.sla_started_at.toISOString()).toBe('2024-11-02T09:00:00.000Z');
    expect(conv.due_at.toISOString()).toBe('2024-11-02T12:00:00.000Z');

    // the queue's preview is the newest message, stored on the conversation; language is the customer's
    const preview = () =>
      h.ds
        .query(`SELECT last_text, last_direction, language FROM conversations WHERE thread_key = 'dm:700'`)
        .then((r: any[]) => r[0]);
    expect(await preview()).toMatchObject({ last_text: reply.text, last_direction: 'outbound' });
    const later = dm('700', {
      text: 'Thanks, the router works again',
      createdAt: new Date('2024-11-02T09:10:00Z'),
    });
    await h.ingest.ingest(source, { items: [later], cursors: {} });
    expect(await preview()).toMatchObject({ last_text: later.text, last_direction: 'inbound' });
  });

  it('puts a brand reply to a comment into the commenter conversation and opens none for brand posts', async () => {
    const post = 'wall:-42_88';
    const brandPost = comment({
      kind: 'post',
      externalId: post,
      threadExternalId: post,
      parentExternalId: undefined,
      author: { externalId: '-42', isBrand: true },
    });
    const question = comment({
      threadExternalId: post,
      parentExternalId: post,
      author: { externalId: 'q1' },
    });
    await h.ingest.ingest(source, { items: [brandPost, question], cursors: {} });
    const answer = comment({
      threadExternalId: post,
      parentExternalId: question.externalId,
      author: { externalId: '-42', isBrand: true },
    });
    await h.ingest.ingest(source, { items: [answer], cursors: {} });
    const rows = await h.ds.query(
      `SELECT i.external_id, cv.thread_key FROM items i LEFT JOIN conversations cv ON cv.id = i.conversation_id
       WHERE i.external_id = ANY($1)`,
      [[post, question.externalId, answer.externalId]],
    );
    const keyOf = Object.fromEntries(
      rows.map((r: { external_id: string; thread_key: string | null }) => [r.external_id, r.thread_key]),
    );
    expect(keyOf).toEqual({
      [post]: null,
      [question.externalId]: `${post}|q1`,
      [answer.externalId]: `${post}|q1`,
    });
  });

  it('reopens a resolved conversation on a new customer message, with a new SLA clock', async () => {
    const first = dm('800', { createdAt: new Date('2024-11-03T08:00:00Z') });
    await h.ingest.ingest(source, { items: [first], cursors: {} });
    await h.ds.query(
      `UPDATE conversations SET status = 'resolved', resolved_at = now(), needs_response = false,
         first_response_at = '2024-11-03T08:10:00Z', first_response_seconds = 600 WHERE thread_key = 'dm:800'`,
    );
    // a redelivery of the old message does not reopen it
    await h.ingest.ingest(source, { items: [first], cursors: {} });
    const [still] = await h.ds.query(`SELECT status FROM conversations WHERE thread_key = 'dm:800'`);
    expect(still.status).toBe('resolved');
    // nor does a brand message
    await h.ingest.ingest(source, {
      items: [dm('800', { author: { externalId: '-42', isBrand: true } })],
      cursors: {},
    });
    expect((await h.ds.query(`SELECT status FROM conversations WHERE thread_key = 'dm:800'`))[0].status).toBe(
      'resolved',
    );

    const followUp = dm('800', { createdAt: new Date('2024-11-04T20:00:00Z') });
    await h.ingest.ingest(source, { items: [followUp], cursors: {} });
    const [conv] = await h.ds.query(`SELECT * FROM conversations WHERE thread_key = 'dm:800'`);
    expect(conv.status).toBe('open');
    expect(conv.resolved_at).toBeNull();
    expect(conv.first_response_at).toBeNull();
    expect(conv.needs_response).toBe(true);
    expect(conv.sla_started_at.toISOString()).toBe('2024-11-04T20:00:00.000Z');
    expect(conv.due_at.toISOString()).toBe('2024-11-04T23:00:00.000Z');
  });

  it('publishes an items.stored inbox event in its transaction; NOTIFY inbox carries it', async () => {
    const listener = new Client({ connectionString: h.db.url });
    await listener.connect();
    try {
      const got = new Promise<string>((resolve) => listener.on('notification', (n) => resolve(n.payload!)));
      await listener.query('LISTEN inbox');
      const res = await h.ingest.ingest(source, { items: [dm('900')], cursors: {} });
      const { events, ids } = parseInboxNotification(await got);
      expect(ids).toEqual([]); // small enough to travel in the payload itself
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({
        type: 'items.stored',
        conversationIds: res.conversationIds,
        data: { inserted: 1, edited: 0, newInbound: 1 },
      });
      const [stored] = await h.ds.query(
        `SELECT type, conversation_ids::text[] AS "conversationIds", data FROM inbox_events WHERE id = $1`,
        [events[0].id],
      );
      expect(stored).toEqual({
        type: 'items.stored',
        conversationIds: res.conversationIds,
        data: { inserted: 1, edited: 0, newInbound: 1 },
      });
    } finally {
      await listener.end();
    }
  });

  it('stores overlapping batches committed at the same time once: the loser of a key race retries', async () => {
    // New rows go in by COPY without ON CONFLICT, so concurrent writers of the same item or
    // conversation collide on the unique key; each collision must end in a retry.
    const post = `wall:-42_race`;
    const items = Array.from({ length: 120 }, (_, i) =>
      comment({
        externalId: `${post}_${i}`,
        parentExternalId: post,
        threadExternalId: post,
        author: { externalId: `racer${i % 30}`, name: `Racer ${i % 30}` },
        text: `race ${i}`,
      }),
    );
    // Four writers, each with a different overlapping slice, all at once.
    const slices = [0, 25, 50, 80].map((from) => items.slice(from, from + 40));
    const results = await Promise.all(
      slices.map((batch) => h.ingest.ingest(source, { items: batch, cursors: {} })),
    );
    const inserted = results.reduce((n, r) => n + r.inserted, 0);
    const duplicates = results.reduce((n, r) => n + r.duplicates, 0);
    expect(inserted).toBe(items.length);
    expect(inserted + duplicates).toBe(slices.flat().length);
    const ids = items.map((i) => i.externalId);
    expect(await count(`SELECT count(*) n FROM items WHERE external_id = ANY($1)`, [ids])).toBe(120);
    expect(
      await count(`SELECT count(DISTINCT external_id) n FROM items WHERE external_id = ANY($1)`, [ids]),
    ).toBe(120);
    // one conversation per author under the post, one contact and customer per author
    expect(await count(`SELECT count(*) n FROM conversations WHERE thread_key LIKE $1`, [`%${post}%`])).toBe(
      30,
    );
    expect(await count(`SELECT count(*) n FROM contacts WHERE external_id LIKE 'racer%'`)).toBe(30);
    expect(
      await count(
        `SELECT count(*) n FROM items i JOIN conversations c ON c.id = i.conversation_id
         WHERE i.external_id = ANY($1)`,
        [ids],
      ),
    ).toBe(120);
    expect(
      await count(
        `SELECT count(*) n FROM customers cu WHERE NOT EXISTS (SELECT 1 FROM contacts c WHERE c.customer_id = cu.id)`,
      ),
    ).toBe(0);
  });

  it('refuses an unknown source', async () => {
    await expect(
      h.ingest.ingest('00000000-0000-0000-0000-000000000000', { items: [dm('1')], cursors: {} }),
    ).rejects.toThrow('does not exist');
  });
});
