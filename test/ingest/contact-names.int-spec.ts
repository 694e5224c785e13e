/**
 * What ingest keeps about the people who write: a contact first seen without a name (a VK event
 * before its name was resolved) gets it later; the phone numbers and e-mails they write are stored
 * as clues for the customer panel's same-person suggestions.
 */
import { comment, dm, IngestHarness, openIngestHarness } from './harness';

describe('IngestService: contact names', () => {
  let h: IngestHarness;
  let source: string;
  beforeAll(async () => {
    h = await openIngestHarness();
    source = await h.createSource('vk');
  });
  afterAll(() => h.stop());

  const contact = async (externalId: string) =>
    (
      await h.ds.query(
        `SELECT display_name, username FROM contacts WHERE platform = 'vk' AND external_id = $1`,
        [externalId],
      )
    )[0];

  it('fills an empty display name and username from a later item, and never blanks them again', async () => {
    await h.ingest.ingest(source, { items: [comment({ author: { externalId: '501' } })], cursors: {} });
    expect(await contact('501')).toEqual({ display_name: '', username: null });

    const named = comment({ author: { externalId: '501', name: 'Ирина Соколова', username: 'id501' } });
    await h.ingest.ingest(source, { items: [named], cursors: {} });
    expect(await contact('501')).toEqual({ display_name: 'Ирина Соколова', username: 'id501' });

    // A later item without a name (the lookup failed) keeps what is known.
    await h.ingest.ingest(source, { items: [comment({ author: { externalId: '501' } })], cursors: {} });
    expect(await contact('501')).toEqual({ display_name: 'Ирина Соколова', username: 'id501' });

    // A renamed person shows the new name.
    const renamed = comment({ author: { externalId: '501', name: 'Ирина Волкова' } });
    await h.ingest.ingest(source, { items: [renamed], cursors: {} });
    expect(await contact('501')).toEqual({ display_name: 'Ирина Волкова', username: 'id501' });
  });

  it('stores the phone numbers and e-mails customers write as clues: per contact, latest time, never ours', async () => {
    const clues = async (externalId: string) =>
      h.ds.query(
        `SELECT cc.clue, cc.last_seen_at AS "at" FROM contact_clues cc JOIN contacts ct ON ct.id = cc.contact_id
          WHERE ct.platform = 'vk' AND ct.external_id = $1 ORDER BY cc.clue`,
        [externalId],
      );
    const early = new Date('2024-11-01T10:00:00Z');
    const late = new Date('2024-11-02T10:00:00Z');
    await h.ingest.ingest(source, {
      items: [
        dm('7001', { text: 'перезвоните: +7 (916) 123-45-67, почта Irina.S@Mail.ru', createdAt: early }),
        dm('7001', { text: 'мой номер 8 916 123 45 67', createdAt: late }),
        dm('7001', { text: 'договор 12345678, спасибо', createdAt: late }),
        // the brand's own reply with a phone number is not the customer's clue
        dm('7001', {
          text: 'Наш телефон +7 495 765-43-21',
          author: { externalId: '-42', name: 'ДомНет', isBrand: true },
          createdAt: late,
        }),
      ],
      cursors: {},
    });
    expect(await clues('7001')).toEqual([
      { clue: 'e:irina.s@mail.ru', at: early },
      { clue: 'p:9161234567', at: late },
    ]);
    expect((await clues('-42')).length).toBe(0);
    // a redelivered page changes nothing
    await h.ingest.ingest(source, {
      items: [dm('7001', { text: 'мой номер 8 916 123 45 67', createdAt: early })],
      cursors: {},
    });
    expect((await clues('7001')).find((c: any) => c.clue === 'p:9161234567').at).toEqual(late);
  });
});
