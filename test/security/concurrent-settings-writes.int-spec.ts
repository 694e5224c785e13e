import { Client as Pg } from 'pg';
import { ADMIN, Client, Reply } from '../auth/client';
import { startTestApp, TestApp } from '../support/app';

/**
 * The admin's settings written by several people at once (teams, tags, SLA policies, alert rules,
 * knowledge-base articles): no 5xx, and the audit trail reads as one serial history — every
 * entry's "before" is what the previous one left — so no edit is lost from the record and no
 * merge loses a concurrent change. (Users: test/auth/concurrent-admin-writes.int-spec.ts.)
 */
describe('concurrent settings writes: no 5xx, a serial audit history, no lost change', () => {
  let t: TestApp;
  let pg: Pg;
  let admin: Client;
  let other: Client;
  const ROUNDS = 3;
  const WIDTH = 8;

  beforeAll(async () => {
    t = await startTestApp();
    pg = new Pg({ connectionString: t.db.url });
    await pg.connect();
    admin = new Client(t.url);
    expect((await admin.login(ADMIN.email, ADMIN.password)).status).toBe(200);
    const created = await admin.post('/api/users', {
      email: 'second-admin@otklik.test',
      name: 'Second admin',
      role: 'admin',
      password: 'a-long-enough-password-1',
      locale: 'en',
    });
    expect(created.status).toBe(201);
    other = new Client(t.url);
    expect((await other.login('second-admin@otklik.test', 'a-long-enough-password-1')).status).toBe(200);
  });
  afterAll(async () => {
    await pg?.end();
    await t?.stop();
  });

  /** `WIDTH` writes at once, `ROUNDS` times, by two admins; every answer must be below 500. */
  async function storm(write: (round: number, i: number, by: Client) => Promise<Reply>): Promise<Reply[]> {
    const all: Reply[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      all.push(
        ...(await Promise.all(
          Array.from({ length: WIDTH }, (_, i) => write(round, i, i % 2 ? other : admin)),
        )),
      );
    }
    expect(all.filter((r) => r.status >= 500).map((r) => `${r.status} ${JSON.stringify(r.body)}`)).toEqual(
      [],
    );
    return all;
  }

  const audit = async (entityType: string, id: string, action: string) =>
    (
      await pg.query<{ data: any }>(
        `SELECT data FROM audit_log WHERE entity_type = $1 AND entity_id = $2 AND action = $3 ORDER BY id`,
        [entityType, id, action],
      )
    ).rows.map((r) => r.data);

  /** Each entry starts where the previous one ended, and the last ends in the row's state. */
  function expectChain<T>(entries: Array<{ before: T; after: T }>, initial: T, final: T) {
    let at = initial;
    entries.forEach((e, i) => {
      expect([i, e.before]).toEqual([i, at]);
      at = e.after;
    });
    expect(at).toEqual(final);
  }

  it('teams: renames and member changes at once', async () => {
    const team = (await admin.post('/api/teams', { name: 'Team 0' })).body;
    const member = (await admin.get('/api/users')).body[0].id;
    const replies = await storm((round, i, by) =>
      i % 4 === 3
        ? i % 8 === 3
          ? by.post(`/api/teams/${team.id}/members`, { userId: member })
          : by.delete(`/api/teams/${team.id}/members/${member}`)
        : by.patch(`/api/teams/${team.id}`, { name: `Team ${round}-${i}` }),
    );
    expect(replies.filter((r) => ![200, 201, 204, 404].includes(r.status)).map((r) => r.status)).toEqual([]);
    const renames = await audit('team', team.id, 'team.renamed');
    expect(renames.length).toBe(ROUNDS * 6);
    const { rows } = await pg.query(`SELECT name FROM teams WHERE id = $1`, [team.id]);
    expectChain(
      renames.map((d) => ({ before: d.from, after: d.to })),
      'Team 0',
      rows[0].name,
    );
  });

  it('tags: names and colours at once', async () => {
    const tag = (await admin.post('/api/tags', { name: 'tag-0', color: '#000000' })).body;
    await storm((round, i, by) =>
      by.patch(`/api/tags/${tag.id}`, i % 2 ? { color: `#0000${round}${i}` } : { name: `tag-${round}-${i}` }),
    );
    const changes = await audit('tag', tag.id, 'tag.updated');
    expect(changes.length).toBe(ROUNDS * WIDTH);
    const { rows } = await pg.query(`SELECT name, color FROM tags WHERE id = $1`, [tag.id]);
    expectChain(changes, { name: 'tag-0', color: '#000000' }, rows[0]);
  });

  it('SLA policies: targets and names at once', async () => {
    const policy = (
      await admin.post('/api/sla-policies', { name: 'P 0', firstResponseMinutes: 60, enabled: false })
    ).body;
    await storm((round, i, by) =>
      by.patch(
        `/api/sla-policies/${policy.id}`,
        i % 2 ? { firstResponseMinutes: 100 + round * 10 + i } : { name: `P ${round}-${i}` },
      ),
    );
    const changes = await audit('sla_policy', policy.id, 'sla_policy.update');
    expect(changes.length).toBe(ROUNDS * WIDTH);
    const pick = (s: any) => ({ name: s.name, firstResponseMinutes: s.firstResponseMinutes });
    const final = (await admin.get(`/api/sla-policies`)).body.find((p: any) => p.id === policy.id);
    expectChain(
      changes.map((d) => ({ before: pick(d.before), after: pick(d.after) })),
      { name: 'P 0', firstResponseMinutes: 60 },
      pick(final),
    );
  });

  it('alert rules: concurrent changes of different parameters all survive', async () => {
    const rule = (await admin.post('/api/alert-rules', { name: 'SLA', kind: 'sla' })).body;
    expect(rule.id).toEqual(expect.any(String));
    const [window, escalate] = [17, 47];
    await storm((round, i, by) => {
      const last = round === ROUNDS - 1;
      const params = [
        { windowMinutes: last ? window : 10 + i },
        { escalateAfterMinutes: last ? escalate : 20 + i },
        { events: last ? ['breach'] : ['warning_50', 'breach'] },
      ][i % 4];
      return by.patch(`/api/alert-rules/${rule.id}`, params ? { params } : { name: `SLA ${round}-${i}` });
    });
    const final = (await admin.get(`/api/alert-rules/${rule.id}`)).body;
    // the last round's three changes were made at once, each to its own key: none may be lost
    expect(final.params).toMatchObject({
      windowMinutes: window,
      escalateAfterMinutes: escalate,
      events: ['breach'],
    });
  });

  it('knowledge-base articles: concurrent edits each leave the previous text in the trail', async () => {
    const article = (
      await admin.post('/api/kb/articles', { title: 'Доставка', body: 'Текст 0', locale: 'ru' })
    ).body;
    const sent: string[] = [];
    await storm((round, i, by) => {
      const body = `Текст ${round}-${i}`;
      sent.push(body);
      return by.patch(`/api/kb/articles/${article.id}`, { body });
    });
    const befores = (await audit('kb_article', article.id, 'kb_article.updated')).map((d) => d.before.body);
    const final = (await admin.get(`/api/kb/articles/${article.id}`)).body.body;
    // every text that was ever the article's is in the trail exactly once, or is the article now
    expect([...befores, final].sort()).toEqual(['Текст 0', ...sent].sort());
  });
});
