import 'reflect-metadata';
import { INestApplication, ValidationPipe } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { TypeOrmModule } from '@nestjs/typeorm';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { AuditModule } from '../../src/audit/audit.module';
import { ROLES_KEY } from '../../src/auth/auth.decorators';
import { databaseOptions } from '../../src/database/database.options';
import { triageItem } from '../../src/sla/item-triage';
import { computeDeadline } from '../../src/sla/triage';
import { ConversationsRepository } from '../../src/conversations/conversations.repository';
import { SlaPoliciesController } from '../../src/sla/sla-policies.controller';
import { SlaPolicyRepository } from '../../src/sla/sla-policy.repository';
import { SlaPolicyService } from '../../src/sla/sla-policy.service';
import { createTestDatabase, TestDatabase } from '../support/database';
import { insertConversation, insertSource, seededPolicyId } from './sla-fixtures';

const OFFICE = {
  timeZone: 'Europe/Moscow',
  week: Object.fromEntries(
    ['mon', 'tue', 'wed', 'thu', 'fri'].map((d) => [
      d,
      [
        { from: '09:00', to: '13:00' },
        { from: '14:00', to: '18:00' },
      ],
    ]),
  ),
  productionCalendar: 'RU',
};

describe('SLA policies: admin API and deadlines from the database', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let ds: DataSource;
  let policies: SlaPolicyService;
  /** The deadline triage gives an item, from the policies as the service has them now. */
  const deadlineFor = async (input: Parameters<typeof computeDeadline>[0]) =>
    computeDeadline(input, await policies.rules());
  let vk: string;
  let tg: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    // The SLA module's providers without the scheduler (the job queue is not this test's subject).
    const moduleRef = await Test.createTestingModule({
      imports: [TypeOrmModule.forRoot(databaseOptions(db.url, 4)), AuditModule],
      controllers: [SlaPoliciesController],
      providers: [SlaPolicyRepository, ConversationsRepository, SlaPolicyService],
    }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    app.useGlobalPipes(new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true }));
    await app.init();
    ds = app.get(DataSource);
    policies = app.get(SlaPolicyService);
    vk = await insertSource(ds, 'VK');
    tg = await insertSource(ds, 'Telegram');
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  const http = () => request(app.getHttpServer());

  it('is an admin-only API', () => {
    expect(Reflect.getMetadata(ROLES_KEY, SlaPoliciesController)).toEqual(['admin']);
  });

  it('lists the seeded defaults, and they give sales 60 minutes and the rest 180', async () => {
    const res = await http().get('/api/sla-policies').expect(200);
    expect(res.body.map((p: any) => [p.intent, p.firstResponseMinutes, p.sourceId])).toEqual([
      [null, 180, null],
      ['sales_question', 60, null],
    ]);
    const wrote = new Date('2030-03-01T10:00:00Z');
    expect(await deadlineFor({ createdAt: wrote, intent: 'sales_question', sourceId: vk })).toEqual(
      new Date('2030-03-01T11:00:00Z'),
    );
    expect(await deadlineFor({ createdAt: wrote, intent: 'praise', sourceId: vk })).toEqual(
      new Date('2030-03-01T13:00:00Z'),
    );
    expect(await deadlineFor({ createdAt: wrote, intent: 'spam', sourceId: vk })).toBeNull();
  });

  it('rejects bad input with reasons an admin can act on', async () => {
    const bad = async (body: object) =>
      (await http().post('/api/sla-policies').send(body).expect(400)).body.message;
    expect(String(await bad({ name: 'x', firstResponseMinutes: 0 }))).toMatch(/firstResponseMinutes/);
    expect(String(await bad({ name: 'x', firstResponseMinutes: 60, intent: 'gossip' }))).toMatch(/intent/);
    expect(String(await bad({ name: 'x', firstResponseMinutes: 60, sourceId: 'vk' }))).toMatch(/sourceId/);
    expect(String(await bad({ name: 'x', firstResponseMinutes: 60, colour: 'red' }))).toMatch(/colour/);
    const cal = await bad({
      name: 'x',
      firstResponseMinutes: 60,
      calendar: { timeZone: 'Moscow', week: { mon: [{ from: '18:00', to: '09:00' }] } },
    });
    expect(String(cal)).toMatch(/IANA/);
    expect(String(cal)).toMatch(/ends before it starts/);
    await http()
      .patch('/api/sla-policies/00000000-0000-4000-8000-000000000000')
      .send({ name: null })
      .expect(400);
  });

  it('creates a policy per source and intent that deadlines use at once', async () => {
    const res = await http()
      .post('/api/sla-policies')
      .send({
        name: 'VK complaints, office hours',
        sourceId: vk,
        intent: 'complaint',
        firstResponseMinutes: 120,
        calendar: OFFICE,
      })
      .expect(201);
    expect(res.body).toMatchObject({
      sourceId: vk,
      intent: 'complaint',
      firstResponseMinutes: 120,
      enabled: true,
    });

    // Friday 17:30 Moscow: 30 min on Friday, 90 on Monday.
    const friday = new Date('2030-03-01T14:30:00Z');
    expect(await deadlineFor({ createdAt: friday, intent: 'complaint', sourceId: vk })).toEqual(
      new Date('2030-03-04T07:30:00Z'),
    );
    // Other sources and intents keep the defaults.
    expect(await deadlineFor({ createdAt: friday, intent: 'complaint', sourceId: tg })).toEqual(
      new Date('2030-03-01T17:30:00Z'),
    );
    const t = triageItem(
      { intent: { label: 'complaint' }, sentiment: { label: 'negative', score: -0.7 } },
      { createdAt: friday, direction: 'inbound', sourceId: vk },
      await policies.rules(),
    );
    expect(t).toMatchObject({ needsResponse: true, slaPolicyId: res.body.id });

    const [audit] = await ds.query(`SELECT action FROM audit_log WHERE entity_id = $1`, [res.body.id]);
    expect(audit.action).toBe('sla_policy.create');

    // A source-wide policy outranks the intent-only sales default for that source.
    await http()
      .post('/api/sla-policies')
      .send({ name: 'Telegram, everything', sourceId: tg, firstResponseMinutes: 30 })
      .expect(201);
    expect(await deadlineFor({ createdAt: friday, intent: 'sales_question', sourceId: tg })).toEqual(
      new Date('2030-03-01T15:00:00Z'),
    );
  });

  it('refuses a second enabled policy for the same scope, and an unknown source', async () => {
    await http()
      .post('/api/sla-policies')
      .send({ name: 'again', sourceId: vk, intent: 'complaint', firstResponseMinutes: 10 })
      .expect(409);
    await http()
      .post('/api/sla-policies')
      .send({ name: 'ghost', sourceId: '00000000-0000-4000-8000-000000000000', firstResponseMinutes: 10 })
      .expect(404);
  });

  it('a changed target recomputes running deadlines from their original start', async () => {
    const sales = await seededPolicyId(ds, 'sales_question');
    const started = new Date(Date.now() - 20 * 60_000);
    const running = await insertConversation(ds, vk, {
      startedAt: started,
      dueAt: new Date(started.getTime() + 60 * 60_000),
      policyId: sales,
    });
    // answered: our reply stopped its clock (no deadline left to move)
    const answered = await insertConversation(ds, vk, {
      startedAt: started,
      dueAt: null,
      policyId: sales,
      firstResponseAt: new Date(),
    });

    const res = await http()
      .patch(`/api/sla-policies/${sales}`)
      .send({ firstResponseMinutes: 30 })
      .expect(200);
    expect(res.body.recomputedClocks).toBe(1);
    expect(res.body.policy.firstResponseMinutes).toBe(30);
    const due = async (id: string) =>
      (await ds.query(`SELECT due_at FROM conversations WHERE id = $1`, [id]))[0].due_at;
    expect(await due(running)).toEqual(new Date(started.getTime() + 30 * 60_000));
    expect(await due(answered)).toBeNull();

    // New items see the new target at once; a rename alone leaves clocks alone.
    const wrote = new Date('2030-03-05T10:00:00Z');
    expect(await deadlineFor({ createdAt: wrote, intent: 'sales_question', sourceId: null })).toEqual(
      new Date('2030-03-05T10:30:00Z'),
    );
    const renamed = await http().patch(`/api/sla-policies/${sales}`).send({ name: 'Sales' }).expect(200);
    expect(renamed.body.recomputedClocks).toBe(0);
  });

  it('disabling a policy falls back to the next most specific one', async () => {
    const list = (await http().get('/api/sla-policies').expect(200)).body;
    const tgAll = list.find((p: any) => p.sourceId === tg);
    await http().patch(`/api/sla-policies/${tgAll.id}`).send({ enabled: false }).expect(200);
    const wrote = new Date('2030-03-05T10:00:00Z');
    expect(await deadlineFor({ createdAt: wrote, intent: 'support_question', sourceId: tg })).toEqual(
      new Date('2030-03-05T13:00:00Z'),
    );
    await http().get(`/api/sla-policies/${tgAll.id}`).expect(200);
    await http().get('/api/sla-policies/00000000-0000-4000-8000-000000000000').expect(404);
  });
});
