/** A contact first seen without a name (a VK event before its name was resolved) gets it later. */
import { comment, IngestHarness, openIngestHarness } from './harness';

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
});
