import { decodeQuarantinePayload } from '../../src/quarantine/quarantine-payload';
import { comment, IngestHarness, openIngestHarness } from './harness';

/**
 * Issue 8.2: an item that still cannot be stored (after cleaning) no longer fails its batch
 * forever. The batch commits around it, the cursor moves on, and the item waits in the
 * quarantine, as the connector produced it, for an admin.
 */
describe('ingest quarantine: one unstorable item never holds back its batch', () => {
  let h: IngestHarness;
  let source: string;
  beforeAll(async () => {
    h = await openIngestHarness();
    source = await h.createSource('vk');
    // A per-item data error the database raises (as a CHECK would): SQLSTATE 23514.
    await h.ds.query(`CREATE FUNCTION test_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.text LIKE 'REFUSED%' THEN
          RAISE EXCEPTION 'test: refused item' USING ERRCODE = 'check_violation', DETAIL = 'text starts with REFUSED';
        END IF;
        RETURN NEW;
      END $$`);
    await h.ds.query(
      `CREATE TRIGGER test_refuse BEFORE INSERT OR UPDATE ON items FOR EACH ROW EXECUTE FUNCTION test_refuse()`,
    );
  });
  afterAll(() => h.stop());

  const quarantine = (externalIds: string[]) =>
    h.ds.query(
      `SELECT external_id, payload, error, error_code, seen_count FROM quarantine
        WHERE source_id = $1 AND external_id = ANY($2) ORDER BY id`,
      [source, externalIds],
    );
  const stored = async (externalIds: string[]) =>
    (
      await h.ds.query(`SELECT external_id FROM items WHERE source_id = $1 AND external_id = ANY($2)`, [
        source,
        externalIds,
      ])
    )
      .map((r: { external_id: string }) => r.external_id)
      .sort();
  const cursor = async (stream: string) =>
    (
      await h.ds.query(`SELECT cursor FROM sync_cursors WHERE source_id = $1 AND stream = $2`, [
        source,
        stream,
      ])
    )[0]?.cursor;

  it('stores the other items and the cursor, quarantines the bad one; a redelivery adds nothing twice', async () => {
    const items = Array.from({ length: 40 }, (_, i) =>
      comment({
        author: { externalId: `q${i % 7}` },
        text: i === 17 ? 'REFUSED \u0000 as sent' : `fine ${i}`,
      }),
    );
    const ids = items.map((i) => i.externalId);
    const bad = items[17];
    const r = await h.ingest.ingest(source, { items, cursors: { 'post:-42_3': 40 } });
    expect(r).toMatchObject({ inserted: 39, edited: 0, duplicates: 0, quarantined: 1 });
    expect(await stored(ids)).toEqual(ids.filter((id) => id !== bad.externalId).sort());
    expect(await cursor('post:-42_3')).toBe(40);

    const [q] = await quarantine([bad.externalId]);
    expect(q).toMatchObject({
      external_id: bad.externalId,
      error: 'test: refused item (text starts with REFUSED)',
      error_code: '23514',
      seen_count: 1,
    });
    // kept as the connector produced it: before cleaning, NUL included
    expect(decodeQuarantinePayload(q.payload)).toEqual(bad);
    expect(decodeQuarantinePayload(q.payload).text).toBe('REFUSED \u0000 as sent');

    const again = await h.ingest.ingest(source, { items, cursors: { 'post:-42_3': 40 } });
    expect(again).toMatchObject({ inserted: 0, duplicates: 39, quarantined: 1 });
    expect(await quarantine([bad.externalId])).toEqual([expect.objectContaining({ seen_count: 2 })]);
    const [{ n }] = await h.ds.query(
      `SELECT count(*)::int AS n FROM items WHERE source_id = $1 AND external_id = ANY($2)`,
      [source, ids],
    );
    expect(n).toBe(39);
  });

  it('quarantines values PostgreSQL or the COPY encoder cannot take (timestamp out of range, invalid date)', async () => {
    const ancient = comment({ author: { externalId: 't1' }, createdAt: new Date(-300_000_000_000_000) });
    const invalid = comment({ author: { externalId: 't2' }, createdAt: new Date(NaN) });
    const good = comment({ author: { externalId: 't3' } });
    const r = await h.ingest.ingest(source, { items: [ancient, good, invalid], cursors: { dates: 3 } });
    expect(r).toMatchObject({ inserted: 1, quarantined: 2 });
    expect(await stored([ancient.externalId, good.externalId, invalid.externalId])).toEqual([
      good.externalId,
    ]);
    const rows = await quarantine([ancient.externalId, invalid.externalId]);
    expect(
      rows.map((x: { external_id: string; error_code: string | null }) => [x.external_id, x.error_code]),
    ).toEqual(
      expect.arrayContaining([
        [ancient.externalId, '22008'],
        [invalid.externalId, null],
      ]),
    );
    expect(rows.find((x: { external_id: string }) => x.external_id === invalid.externalId).error).toMatch(
      /not a valid Date/,
    );
    expect(await cursor('dates')).toBe(3);
  });

  it('keeps an item whose edit is bad, and threads a brand reply with its parent while isolating', async () => {
    const post = 'wall:-42_500';
    const question = comment({
      threadExternalId: post,
      parentExternalId: post,
      author: { externalId: 'e1' },
    });
    const badEdit = { ...question, text: 'REFUSED edit', editedAt: new Date('2024-11-01T10:30:00Z') };
    const answer = comment({
      threadExternalId: post,
      parentExternalId: question.externalId,
      author: { externalId: '-42', isBrand: true },
      text: 'brand answer',
    });
    const r = await h.ingest.ingest(source, { items: [question, badEdit, answer], cursors: {} });
    expect(r).toMatchObject({ inserted: 2, edited: 0, quarantined: 1 });
    const rows = await h.ds.query(
      `SELECT i.external_id, i.text, cv.thread_key FROM items i LEFT JOIN conversations cv ON cv.id = i.conversation_id
        WHERE i.external_id = ANY($1) ORDER BY i.id`,
      [[question.externalId, answer.externalId]],
    );
    expect(rows).toEqual([
      { external_id: question.externalId, text: question.text, thread_key: `${post}|e1` },
      { external_id: answer.externalId, text: 'brand answer', thread_key: `${post}|e1` },
    ]);
    const [q] = await quarantine([question.externalId]);
    expect(decodeQuarantinePayload(q.payload).text).toBe('REFUSED edit');
  });

  it('still fails the whole batch, storing nothing, on an error that is not about the data', async () => {
    await h.ds.query(`CREATE FUNCTION test_down() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.text = 'down' THEN RAISE EXCEPTION 'the database is down'; END IF; RETURN NEW; END $$`);
    await h.ds.query(
      `CREATE TRIGGER test_down BEFORE INSERT ON items FOR EACH ROW EXECUTE FUNCTION test_down()`,
    );
    try {
      const items = [
        comment({ author: { externalId: 'd1' } }),
        comment({ author: { externalId: 'd2' }, text: 'down' }),
      ];
      await expect(h.ingest.ingest(source, { items, cursors: { down: 1 } })).rejects.toThrow(
        'the database is down',
      );
      expect(await stored(items.map((i) => i.externalId))).toEqual([]);
      expect(await quarantine(items.map((i) => i.externalId))).toEqual([]);
      expect(await cursor('down')).toBeUndefined();
    } finally {
      await h.ds.query(`DROP TRIGGER test_down ON items; DROP FUNCTION test_down()`);
    }
  });

  it('refuses to quarantine when asked not to (a replay): the error surfaces', async () => {
    const bad = comment({ author: { externalId: 'r1' }, text: 'REFUSED on replay' });
    await expect(
      h.ingest.ingest(source, { items: [bad], cursors: {} }, { quarantine: false }),
    ).rejects.toMatchObject({ code: '23514' });
    expect(await quarantine([bad.externalId])).toEqual([]);
  });

  it('saves cursors with NUL or lone surrogates cleaned instead of failing the batch', async () => {
    await h.ingest.ingest(source, { items: [], cursors: { odd: { key: 'a\u0000\uD800' } } });
    expect(await cursor('odd')).toEqual({ key: 'a\uFFFD\uFFFD' });
  });

  it('refuses DELETE on the quarantine', async () => {
    await expect(h.ds.query(`DELETE FROM quarantine`)).rejects.toThrow(/never deletes/);
  });
});
