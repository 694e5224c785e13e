import { comment, dm, IngestHarness, openIngestHarness } from './harness';

/**
 * conversations.search_doc (the words GET /api/conversations?q= searches): ingest adds a page's
 * new words in its own conversation UPDATE (refreshPreviews, migration 1732601440000); edits and
 * inserts outside ingest go through the items triggers.
 */
describe('search_doc kept by ingest', () => {
  let h: IngestHarness;
  let source: string;
  beforeAll(async () => {
    h = await openIngestHarness();
    source = await h.createSource('vk');
  });
  afterAll(() => h.stop());

  /** The conversation of an item, and whether its search_doc holds a word (russian stemming). */
  const has = async (externalId: string, word: string): Promise<boolean> => {
    const [row] = await h.ds.query(
      `SELECT c.search_doc @@ plainto_tsquery('russian', $2) AS hit FROM items i
         JOIN conversations c ON c.id = i.conversation_id WHERE i.source_id = $3 AND i.external_id = $1`,
      [externalId, word, source],
    );
    return row.hit;
  };

  /** What the column must be: the lexemes of the conversation's items as they are now. */
  const allMatchItems = async () => {
    const rows = await h.ds.query(
      `SELECT c.id FROM conversations c
        WHERE c.source_id = $1 AND c.search_doc IS DISTINCT FROM COALESCE(otklik_search_doc_of(c.id), '')`,
      [source],
    );
    expect(rows).toEqual([]);
  };

  it('adds the words of new items, new conversations and existing ones, keeping the earlier words', async () => {
    const first = dm('p1', { text: 'Сломался роутер' });
    const other = comment({ author: { externalId: 'c1' }, text: 'Где мой заказ' });
    await h.ingest.ingest(source, { items: [first, other], cursors: {} });
    expect(await has(first.externalId, 'роутер')).toBe(true);
    expect(await has(other.externalId, 'заказ')).toBe(true);
    expect(await has(other.externalId, 'роутер')).toBe(false);

    const later = dm('p1', { text: 'Термопаста высохла', createdAt: new Date('2024-11-01T11:00:00Z') });
    await h.ingest.ingest(source, { items: [later], cursors: {} });
    expect(await has(first.externalId, 'термопаста')).toBe(true);
    expect(await has(first.externalId, 'роутер')).toBe(true);
    await allMatchItems();
  });

  it('writes a new conversation once, complete: preview, language and words, no UPDATE after', async () => {
    // a row trigger of the test's own counts the updates of the conversations
    await h.ds.query(`CREATE TABLE conversation_updates (id uuid)`);
    await h.ds.query(`CREATE FUNCTION count_conversation_update() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN INSERT INTO conversation_updates VALUES (NEW.id); RETURN NULL; END $$`);
    await h.ds.query(`CREATE TRIGGER zz_count_update AFTER UPDATE ON conversations FOR EACH ROW
      EXECUTE FUNCTION count_conversation_update()`);
    const older = dm('p5', { text: 'Where is my parcel', createdAt: new Date('2024-11-02T10:00:00Z') });
    const newer = dm('p5', { text: 'Посылка так и не пришла', createdAt: new Date('2024-11-02T10:05:00Z') });
    await h.ingest.ingest(source, { items: [newer, older], cursors: {} });
    const [row] = await h.ds.query(
      `SELECT c.id, c.last_text, c.last_direction, c.language,
              c.search_doc @@ plainto_tsquery('english', 'parcel') AND c.search_doc @@ plainto_tsquery('russian', 'посылка') AS words
         FROM items i JOIN conversations c ON c.id = i.conversation_id WHERE i.source_id = $1 AND i.external_id = $2`,
      [source, older.externalId],
    );
    const [{ language }] = await h.ds.query(
      `SELECT language FROM items WHERE source_id = $1 AND external_id = $2`,
      [source, newer.externalId],
    );
    expect(row).toMatchObject({
      last_text: 'Посылка так и не пришла',
      last_direction: 'inbound',
      language,
      words: true,
    });
    expect(await h.ds.query(`SELECT id FROM conversation_updates WHERE id = $1`, [row.id])).toEqual([]);
    await allMatchItems();
    // a later page on it: the existing conversation is updated with the new words and preview
    const later = dm('p5', { text: 'Курьер позвонил', createdAt: new Date('2024-11-02T11:00:00Z') });
    await h.ingest.ingest(source, { items: [later], cursors: {} });
    expect(await has(older.externalId, 'курьер')).toBe(true);
    expect(await has(older.externalId, 'посылка')).toBe(true);
    const [again] = await h.ds.query(`SELECT last_text FROM conversations WHERE id = $1`, [row.id]);
    expect(again.last_text).toBe('Курьер позвонил');
    await h.ds.query(`DROP TRIGGER zz_count_update ON conversations`);
    await allMatchItems();
  });

  it("finds an edited item's new word and no longer its replaced one", async () => {
    const original = comment({ author: { externalId: 'c2' }, text: 'не приходит код' });
    await h.ingest.ingest(source, { items: [original], cursors: {} });
    expect(await has(original.externalId, 'код')).toBe(true);
    const edit = { ...original, text: 'не приходит смска', editedAt: new Date('2024-11-01T10:05:00Z') };
    // with a new item of the same page, so ingest's own fold and the edit's recount meet
    const fresh = comment({
      author: { externalId: 'c2' },
      parentExternalId: original.externalId,
      text: 'пароль тоже',
    });
    expect(await h.ingest.ingest(source, { items: [edit, fresh], cursors: {} })).toMatchObject({ edited: 1 });
    expect(await has(original.externalId, 'смска')).toBe(true);
    expect(await has(original.externalId, 'код')).toBe(false);
    await allMatchItems();
  });

  it('keeps an item and its edit arriving in one page to the edited words', async () => {
    const original = comment({ author: { externalId: 'c3' }, text: 'первая версия гарантия' });
    const edit = { ...original, text: 'вторая версия возврат', editedAt: new Date('2024-11-01T11:00:00Z') };
    await h.ingest.ingest(source, { items: [edit, original], cursors: {} });
    expect(await has(original.externalId, 'возврат')).toBe(true);
    expect(await has(original.externalId, 'гарантия')).toBe(false);
    await allMatchItems();
  });

  it('still takes the words of an item stored outside ingest (the trigger)', async () => {
    const base = dm('p9', { text: 'Привет' });
    await h.ingest.ingest(source, { items: [base], cursors: {} });
    await h.ds.query(
      `INSERT INTO items (source_id, platform, kind, external_id, conversation_id, direction, author_external_id,
         text, created_at_platform)
       SELECT source_id, platform, kind, 'hand:1', conversation_id, 'outbound', 'brand', 'Отправили курьера', now()
         FROM items WHERE source_id = $1 AND external_id = $2`,
      [source, base.externalId],
    );
    expect(await has(base.externalId, 'курьер')).toBe(true);
    await allMatchItems();
  });
});
