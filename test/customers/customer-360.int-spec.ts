import { Client } from 'pg';
import { contactClues } from '../../src/customers/identity';
import { startTestApp, TestApp } from '../support/app';
import { ADMIN, login, Session, userSession, withDb } from '../inbox/support';

/**
 * Issue 12.4: the customer 360° on real PostgreSQL — one person's contacts, conversations, items,
 * sentiment and notes; the likely same person suggested (never merged); link and unlink audited.
 */
describe('customer 360°', () => {
  let t: TestApp;
  let admin: Session;
  let agent: Session;
  let agent2: Session;
  let analyst: Session;
  const sql = <T = any>(text: string, params: unknown[] = []) =>
    withDb(t, async (c) => (await c.query(text, params)).rows as T[]);

  /** A customer with one contact and one conversation holding `texts` (oldest first). */
  async function person(c: Client, source: { id: string; platform: string }, name: string, texts: string[]) {
    const ext = `${name.replace(/\s/g, '_')}-${Math.random().toString(36).slice(2, 8)}`;
    const { rows } = await c.query(
      `WITH cu AS (INSERT INTO customers (display_name) VALUES ($3) RETURNING id),
            ct AS (INSERT INTO contacts (platform, external_id, customer_id, display_name)
                   SELECT $2, $4, id, $3 FROM cu RETURNING id, customer_id),
            cv AS (INSERT INTO conversations (source_id, platform, thread_key, contact_id, customer_id, status,
                     first_message_at, last_message_at)
                   SELECT $1, $2, 'dm:' || $4, id, customer_id, 'open', now() - interval '1 day', now() FROM ct
                   RETURNING id, contact_id, customer_id)
       SELECT cv.id AS "conversationId", cv.contact_id AS "contactId", cv.customer_id AS "customerId" FROM cv`,
      [source.id, source.platform, name, ext],
    );
    const p = rows[0];
    await c.query(
      `INSERT INTO items (source_id, platform, kind, external_id, conversation_id, contact_id, direction, author_name,
         text, created_at_platform, sentiment_label, sentiment_score)
       SELECT $1, $2, 'message', $3 || ':' || n, $4, $5, 'inbound', $6, t,
              now() - (interval '1 hour' * (array_length($7::text[], 1) - n)),
              CASE WHEN t ~* 'спасибо|thanks' THEN 'positive' ELSE 'negative' END,
              CASE WHEN t ~* 'спасибо|thanks' THEN 0.8 ELSE -0.6 END
         FROM unnest($7::text[]) WITH ORDINALITY AS x(t, n)`,
      [source.id, source.platform, `${ext}`, p.conversationId, p.contactId, name, texts],
    );
    // the clues ingest stores for such messages (test/ingest/contact-names.int-spec.ts)
    const clues = [...new Set(texts.flatMap(contactClues))];
    await c.query(
      `INSERT INTO contact_clues (clue, contact_id, last_seen_at) SELECT unnest($1::text[]), $2, now()`,
      [clues, p.contactId],
    );
    return p as { conversationId: string; contactId: string; customerId: string };
  }

  let irina: Awaited<ReturnType<typeof person>>;
  let byPhone: typeof irina;
  let byEmail: typeof irina;
  let sameNameTg: typeof irina;
  let sameNameVk: typeof irina;
  let stranger: typeof irina;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await login(t, ADMIN.email, ADMIN.password);
    [agent, agent2, analyst] = await Promise.all([
      userSession(t, admin, 'agent', 'Анна'),
      userSession(t, admin, 'agent', 'Борис'),
      userSession(t, admin, 'analyst'),
    ]);
    await withDb(t, async (c) => {
      const src = async (platform: string) =>
        (
          await c.query(
            `INSERT INTO sources (platform, name, settings) VALUES ($1, $1 || ' community', '{}') RETURNING id`,
            [platform],
          )
        ).rows[0].id as string;
      const vk = { id: await src('vk'), platform: 'vk' };
      const tg = { id: await src('telegram'), platform: 'telegram' };
      irina = await person(c, vk, 'Ирина Соколова', [
        'Интернет пропал, перезвоните мне: +7 (916) 123-45-67',
        'почта для акта irina.s@mail.ru',
        'спасибо, заработало',
      ]);
      byPhone = await person(c, tg, 'ira_s', ['это снова я, мой номер 8 916 123 45 67, жду звонка']);
      byEmail = await person(c, tg, 'I. S.', ['Пришлите акт на IRINA.S@mail.ru пожалуйста']);
      sameNameTg = await person(c, tg, 'Ирина Соколова', ['когда включите тв?']);
      sameNameVk = await person(c, vk, 'ирина  соколова', ['привет']); // same platform: another person
      stranger = await person(c, tg, 'Пётр Иванов', ['мой номер +7 903 000-11-22']);
    });
  });
  afterAll(() => t?.stop());

  it('shows the person: contacts, conversations, items, sentiment over time; analysts read too', async () => {
    const v: any = await analyst.json('GET', `/api/customers/${irina.customerId}`, undefined, 200);
    expect(v.customer).toMatchObject({ id: irina.customerId, displayName: 'Ирина Соколова' });
    expect(v.contacts).toEqual([
      expect.objectContaining({ id: irina.contactId, platform: 'vk', conversationCount: 1 }),
    ]);
    expect(v.conversations.map((c: any) => c.id)).toEqual([irina.conversationId]);
    expect(v.items.map((i: any) => i.text)).toEqual([
      'спасибо, заработало',
      'почта для акта irina.s@mail.ru',
      'Интернет пропал, перезвоните мне: +7 (916) 123-45-67',
    ]);
    expect(v.sentiment.map((s: any) => s.label)).toEqual(['negative', 'negative', 'positive']);
    expect(v.notes).toEqual([]);
    expect((await agent.request('GET', '/api/customers/00000000-0000-4000-8000-000000000000')).status).toBe(
      404,
    );
  });

  it('suggests the same phone, the same e-mail and the same full name on another platform; dismissing sticks', async () => {
    const s: any[] = await agent.json(
      'GET',
      `/api/customers/${irina.customerId}/suggestions`,
      undefined,
      200,
    );
    const by = new Map(s.map((x) => [x.contact.id, x.reasons]));
    expect(by.get(byPhone.contactId)).toEqual([{ reason: 'phone', value: '9161234567' }]);
    expect(by.get(byEmail.contactId)).toEqual([{ reason: 'email', value: 'irina.s@mail.ru' }]);
    expect(by.get(sameNameTg.contactId)).toEqual([{ reason: 'name', value: 'ирина соколова' }]);
    expect(by.has(sameNameVk.contactId)).toBe(false);
    expect(by.has(stranger.contactId)).toBe(false);
    // nothing was merged by suggesting
    expect(
      (await sql(`SELECT customer_id FROM contacts WHERE id = $1`, [byPhone.contactId]))[0].customer_id,
    ).toBe(byPhone.customerId);

    expect(
      (
        await analyst.request('POST', `/api/customers/${irina.customerId}/suggestions/dismiss`, {
          contactId: sameNameTg.contactId,
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await agent.request('POST', `/api/customers/${irina.customerId}/suggestions/dismiss`, {
          contactId: sameNameTg.contactId,
        })
      ).status,
    ).toBe(204);
    const after: any[] = await agent.json(
      'GET',
      `/api/customers/${irina.customerId}/suggestions`,
      undefined,
      200,
    );
    expect(after.map((x) => x.contact.id)).not.toContain(sameNameTg.contactId);
    expect(after.map((x) => x.contact.id)).toContain(byPhone.contactId);
  });

  it('notes: added by agents, edited by their author or an admin with history, never deleted', async () => {
    const n: any = await agent.json(
      'POST',
      `/api/customers/${irina.customerId}/notes`,
      { text: 'Просит звонить после 18:00' },
      201,
    );
    expect(n).toMatchObject({ text: 'Просит звонить после 18:00', authorName: 'Анна', history: [] });
    expect(
      (await agent2.request('PATCH', `/api/customers/${irina.customerId}/notes/${n.id}`, { text: 'x' }))
        .status,
    ).toBe(403);
    expect(
      (await analyst.request('POST', `/api/customers/${irina.customerId}/notes`, { text: 'x' })).status,
    ).toBe(403);
    expect(
      (await agent.request('POST', `/api/customers/${irina.customerId}/notes`, { text: '' })).status,
    ).toBe(400);
    await agent.json(
      'PATCH',
      `/api/customers/${irina.customerId}/notes/${n.id}`,
      { text: 'Звонить после 19:00' },
      200,
    );
    const e2: any = await admin.json(
      'PATCH',
      `/api/customers/${irina.customerId}/notes/${n.id}`,
      { text: 'Звонить после 19:00, не в выходные' },
      200,
    );
    expect(e2.text).toBe('Звонить после 19:00, не в выходные');
    expect(e2.history.map((h: any) => h.text)).toEqual(['Просит звонить после 18:00', 'Звонить после 19:00']);
    expect(e2.history[1].editedBy).toBe(agent.user.id);
    await expect(sql(`DELETE FROM customer_notes WHERE id = $1`, [n.id])).rejects.toThrow(/never deletes/);
    // a note on the other customer, to follow it through linking
    await agent.json(
      'POST',
      `/api/customers/${byPhone.customerId}/notes`,
      { text: 'Писала в Telegram' },
      201,
    );
  });

  it('links a confirmed suggestion (agents may), audited; unlinks it back with its conversations', async () => {
    expect(
      (
        await analyst.request('POST', '/api/contacts/link', {
          contactIds: [irina.contactId, byPhone.contactId],
        })
      ).status,
    ).toBe(403);
    const linked: any = await agent.json(
      'POST',
      '/api/contacts/link',
      { contactIds: [irina.contactId, byPhone.contactId] },
      200,
    );
    expect(linked.customerId).toBe(irina.customerId); // the older customer survives
    const v: any = await agent.json('GET', `/api/customers/${irina.customerId}`, undefined, 200);
    expect(v.contacts.map((c: any) => c.platform).sort()).toEqual(['telegram', 'vk']);
    expect(v.conversations.map((c: any) => c.id).sort()).toEqual(
      [irina.conversationId, byPhone.conversationId].sort(),
    );
    expect(v.notes.map((n: any) => n.text)).toContain('Писала в Telegram');
    const [link] = await sql(
      `SELECT actor_id, data FROM audit_log WHERE action = 'contacts.link' AND entity_id = $1`,
      [irina.customerId],
    );
    expect(link.actor_id).toBe(agent.user.id);
    // once linked, it is no longer a suggestion
    const s: any[] = await agent.json(
      'GET',
      `/api/customers/${irina.customerId}/suggestions`,
      undefined,
      200,
    );
    expect(s.map((x) => x.contact.id)).not.toContain(byPhone.contactId);

    expect((await analyst.request('POST', `/api/contacts/${byPhone.contactId}/unlink`)).status).toBe(403);
    const un: any = await agent.json('POST', `/api/contacts/${byPhone.contactId}/unlink`, undefined, 200);
    expect(un.fromCustomerId).toBe(irina.customerId);
    expect(un.customerId).not.toBe(irina.customerId);
    const [conv] = await sql(`SELECT customer_id FROM conversations WHERE id = $1`, [byPhone.conversationId]);
    expect(conv.customer_id).toBe(un.customerId);
    const back: any = await agent.json('GET', `/api/customers/${irina.customerId}`, undefined, 200);
    expect(back.contacts.map((c: any) => c.id)).toEqual([irina.contactId]);
    expect(back.notes.map((n: any) => n.text)).toContain('Писала в Telegram'); // notes stay where they were written
    const [audit] = await sql(`SELECT data FROM audit_log WHERE action = 'contacts.unlink'`);
    expect(audit.data).toMatchObject({ contactId: byPhone.contactId, newCustomerId: un.customerId });
    // the only contact of a customer cannot be unlinked
    expect((await agent.request('POST', `/api/contacts/${irina.contactId}/unlink`)).status).toBe(400);
  });
});
