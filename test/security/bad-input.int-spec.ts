import { Controller, HttpCode, Module, Param, Post } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { AddressInfo } from 'node:net';
import { Client as PgClient } from 'pg';
import { DataSource } from 'typeorm';
import { DatabaseErrorFilter } from '../../src/security/database-error.filter';
import { ADMIN, Client } from '../auth/client';
import { startTestApp, TestApp } from '../support/app';
import { createTestDatabase, TestDatabase } from '../support/database';
import { seedConversation, withDb } from '../inbox/support';

/**
 * The bad inputs that answered 500 (85 of them across 44 operations): each is now a 400 that
 * says what is wrong, and nothing of it is stored. The hostile-input walk
 * (input-fuzz.int-spec.ts) covers every route; these are the cases by name.
 */
describe('bad input is a clear 400, never a 500', () => {
  let t: TestApp;
  let admin: Client;
  const ids = {} as Record<'conversation' | 'user' | 'template' | 'source', string>;

  beforeAll(async () => {
    t = await startTestApp();
    admin = new Client(t.url);
    expect((await admin.login(ADMIN.email, ADMIN.password)).status).toBe(200);
    ids.conversation = (await withDb(t, (c) => seedConversation(c))).conversationId;
    ids.source = (
      await admin.post('/api/sources', {
        platform: 'webhook',
        name: 'Site',
        credentials: { secret: 'bad-input-test-secret-0123456789' },
      })
    ).body.id;
    ids.user = (
      await admin.post('/api/users', {
        email: 'victim@otklik.test',
        name: 'Victim',
        role: 'agent',
        password: 'a-long-enough-password-1',
        locale: 'en',
      })
    ).body.id;
    ids.template = (await admin.post('/api/templates', { name: 'Hello', body: 'Здравствуйте' })).body.id;
    for (const [k, v] of Object.entries(ids)) expect([k, typeof v]).toEqual([k, 'string']);
  });
  afterAll(() => t?.stop());

  const cases: Array<[string, string, string, unknown, RegExp]> = [
    [
      'login, NUL in the e-mail',
      'POST',
      '/api/auth/login',
      { email: 'admin\u0000@otklik.test', password: 'x' },
      /^email contains a NUL character/,
    ],
    ['team name with NUL', 'POST', '/api/teams', { name: 'Billing\u0000' }, /^name contains a NUL/],
    [
      'note with NUL',
      'POST',
      '/api/conversations/:conversation/notes',
      { text: 'a\u0000b' },
      /^text contains a NUL/,
    ],
    [
      'reply with NUL',
      'POST',
      '/api/conversations/:conversation/replies',
      { text: 'Здравствуйте\u0000' },
      /^text contains a NUL/,
    ],
    [
      'template name with NUL',
      'POST',
      '/api/templates',
      { name: 'x\u0000', body: 'b' },
      /^name contains a NUL/,
    ],
    [
      'source settings with a lone surrogate',
      'PATCH',
      '/api/sources/:source',
      { settings: { label: 'a\ud800' } },
      /^settings\.label contains an unpaired UTF-16 surrogate/,
    ],
    [
      'template body with a lone surrogate',
      'PATCH',
      '/api/templates/:template',
      { body: '\udc00' },
      /^body contains an unpaired/,
    ],
    [
      'e-mail that made the validator throw URIError',
      'POST',
      '/api/users',
      {
        email: 'anna\ud800@example.com',
        name: 'A',
        role: 'agent',
        password: 'a-long-enough-password-1',
        locale: 'en',
      },
      /^email contains an unpaired/,
    ],
    [
      'null name on a user (NOT NULL column)',
      'PATCH',
      '/api/users/:user',
      { name: null },
      /^name must not be null \(leave it out instead\)$/,
    ],
    ['null locale on a user', 'PATCH', '/api/users/:user', { locale: null }, /^locale must not be null/],
    [
      'null name on a template',
      'PATCH',
      '/api/templates/:template',
      { name: null },
      /^name must not be null/,
    ],
    [
      'null priority on a conversation',
      'PATCH',
      '/api/conversations/:conversation',
      { priority: null },
      /^priority must not be null/,
    ],
    [
      'null settings on a source',
      'PATCH',
      '/api/sources/:source',
      { settings: null },
      /^settings must not be null/,
    ],
    [
      'deep nesting in settings',
      'PATCH',
      '/api/sources/:source',
      { settings: JSON.parse('{"a":'.repeat(12) + '1' + '}'.repeat(12)) },
      /nested deeper than 10 levels/,
    ],
    [
      'prototype key',
      'PATCH',
      '/api/users/:user',
      JSON.parse('{"__proto__":{"role":"admin"}}'),
      /^property name __proto__ is not allowed$/,
    ],
  ];

  it.each(cases)('%s: 400 with the reason', async (_, method, pattern, body, message) => {
    const path = pattern.replace(/:(\w+)/, (_m, k: keyof typeof ids) => ids[k]);
    const client = path === '/api/auth/login' ? new Client(t.url) : admin;
    const r = await client.send(method, path, body);
    expect(r.status).toBe(400);
    const text = [r.body.message].flat().join('; ');
    expect(text).toMatch(message);
  });

  it('queries too: NUL in a query parameter, a cursor beyond bigint', async () => {
    const nul = await admin.get('/api/audit?entityType=team&entityId=a%00b');
    expect([nul.status, nul.body.message]).toEqual([
      400,
      ['query parameter entityId contains a NUL character (U+0000)'],
    ]);
    const cursor = await admin.get('/api/audit?cursor=9999999999999999999');
    expect([cursor.status, cursor.body.message]).toEqual([400, ['cursor is not valid']]);
  });

  it('stored nothing of it, and the user and template are unchanged', async () => {
    const teams = (await admin.get('/api/teams')).body as Array<{ name: string }>;
    expect(teams.map((x) => x.name)).toEqual([]);
    const user = (await admin.get(`/api/users/${ids.user}`)).body;
    expect([user.name, user.role, user.locale]).toEqual(['Victim', 'agent', 'en']);
    const notes = await t.app.get(DataSource).query(`SELECT count(*)::int AS n FROM notes`);
    expect(notes[0].n).toBe(0);
  });

  it('null is still a value where the API document says nullable', async () => {
    const conv = await admin.patch(`/api/conversations/${ids.conversation}`, {
      assigneeId: null,
      teamId: null,
      snoozedUntil: null,
    });
    expect(conv.status).toBe(200);
    const tpl = await admin.patch(`/api/templates/${ids.template}`, { shortcut: null, intent: null });
    expect(tpl.status).toBe(200);
    const policy = await admin.post('/api/sla-policies', {
      name: 'Every source',
      sourceId: null,
      intent: 'complaint',
      calendar: null,
      firstResponseMinutes: 30,
    });
    expect(policy.status).toBe(201);
  });
});

/**
 * The safety net under validation, on real PostgreSQL errors: data and integrity errors (SQLSTATE
 * classes 22 and 23) that input provoked are the client's 400/409 with a plain reason and a
 * warning in the log; anything else stays a 500.
 */
describe('DatabaseErrorFilter', () => {
  let db: TestDatabase;
  let ds: DataSource;
  let app: NestExpressApplication;
  let url: string;
  const warnings: string[] = [];

  const SQL: Record<string, [string, unknown[]]> = {
    jsonbNul: [`SELECT '"\\u0000"'::jsonb`, []],
    textNul: [`SELECT $1::text`, ['a\u0000b']],
    bigint: [`SELECT $1::bigint`, ['9223372036854775808']],
    notNull: [`INSERT INTO teams (name) VALUES (NULL)`, []],
    badFormat: [`SELECT $1::uuid`, ['not-a-uuid']],
    duplicate: [`INSERT INTO teams (name) VALUES ('dup'), ('dup')`, []],
    programming: [`SELECT * FROM no_such_table`, []],
  };

  @Controller('probe')
  class ProbeController {
    @Post(':name')
    @HttpCode(200)
    async typeorm(@Param('name') name: string) {
      const [sql, params] = SQL[name];
      return ds.query(sql, params);
    }

    @Post('raw/:name')
    @HttpCode(200)
    async raw(@Param('name') name: string) {
      const c = new PgClient({ connectionString: db.url });
      await c.connect();
      try {
        const [sql, params] = SQL[name];
        return (await c.query(sql, params)).rows;
      } finally {
        await c.end();
      }
    }
  }
  @Module({ controllers: [ProbeController] })
  class ProbeModule {}

  beforeAll(async () => {
    db = await createTestDatabase();
    ds = await new DataSource({ type: 'postgres', url: db.url }).initialize();
    app = await NestFactory.create<NestExpressApplication>(ProbeModule, {
      logger: {
        log: () => undefined,
        error: () => undefined,
        warn: (m: unknown) => void warnings.push(String(m)),
      },
    });
    app.useGlobalFilters(new DatabaseErrorFilter(app.getHttpAdapter()));
    await app.listen(0, '127.0.0.1');
    url = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await app?.close();
    await ds?.destroy();
    await db?.drop();
  });

  it.each([
    ['jsonbNul', 400, /character that cannot be stored/, '22P05'],
    ['textNul', 400, /character that cannot be stored/, '22021'],
    ['bigint', 400, /number is out of range/, '22003'],
    ['notNull', 400, /required value is missing/, '23502'],
    ['badFormat', 400, /wrong format/, '22P02'],
    ['duplicate', 409, /already exists/, '23505'],
  ])('%s: %i, a plain reason, the SQLSTATE in the log', async (name, status, message, code) => {
    for (const path of [`/probe/${name}`, `/probe/raw/${name}`]) {
      warnings.length = 0;
      const res = await fetch(url + path, { method: 'POST' });
      const body = (await res.json()) as { message: string };
      expect([path, res.status]).toEqual([path, status]);
      expect(body.message).toMatch(/^The request cannot be stored: /);
      expect(body.message).toMatch(message);
      expect(JSON.stringify(body)).not.toMatch(/teams|violates|SELECT|INSERT|bigint|jsonb/i);
      expect(warnings.join('\n')).toContain(`(${code} `);
    }
  });

  it('leaves other database errors a 500 (not the client’s fault)', async () => {
    for (const path of ['/probe/programming', '/probe/raw/programming']) {
      const res = await fetch(url + path, { method: 'POST' });
      expect([path, res.status]).toEqual([path, 500]);
      expect(await res.text()).not.toMatch(/no_such_table/);
    }
  });
});
