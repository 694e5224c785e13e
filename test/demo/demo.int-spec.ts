import { DataSource } from 'typeorm';
import { DemoSourcesRepository } from '../../src/demo/demo-sources.repository';
import { DEMO_TEMPLATES } from '../../src/demo/demo-templates';
import { DemoService } from '../../src/demo/demo.service';
import { ADMIN, login, waitFor } from '../inbox/support';
import { startTestApp, TestApp } from '../support/app';

describe('demo mode', () => {
  let t: TestApp;
  afterAll(() => t?.stop());

  it('fills the inbox through the emulators and lands a reply in the emulator outbox', async () => {
    t = await startTestApp({ DEMO: 'true' });
    const admin = await login(t, ADMIN.email, ADMIN.password);
    const sources: any[] = await admin.json('GET', '/api/sources', undefined, 200);
    expect(sources.map((s) => s.platform).sort()).toEqual(['telegram', 'vk', 'youtube']);

    // The seed flows through the real connectors and ingest into the inbox.
    const queue: any = await waitFor(
      async () => {
        const q: any = await admin.json('GET', '/api/conversations?status=all&limit=200', undefined, 200);
        const platforms = new Set(q.conversations.map((c: any) => c.platform));
        return q.conversations.length >= 10 && platforms.has('vk') && platforms.has('telegram') && q;
      },
      25_000,
      500,
    );
    const dm = queue.conversations.find(
      (c: any) => c.platform === 'vk' && c.lastText?.startsWith('Здравствуйте! Переезжаю'),
    );
    expect(dm).toBeDefined();
    // VK events carry only from_id: the connector looked the names up in the emulator.
    expect(dm.contact).toEqual({ displayName: 'Marina Fox', username: 'id505' });
    for (const c of queue.conversations.filter((c: any) => c.platform === 'vk'))
      expect(c.contact.displayName).not.toBe('');

    // «ДомНет» starts with reply templates in both languages, seeded once.
    const templates: any[] = await admin.json('GET', '/api/templates', undefined, 200);
    expect(templates.length).toBeGreaterThanOrEqual(6);
    expect(new Set(templates.map((x) => x.locale))).toEqual(new Set(['ru', 'en']));
    expect(templates.map((x) => x.shortcut)).toEqual(
      expect.arrayContaining(['thanks', 'outage', 'contract']),
    );
    expect(await t.app.get(DemoSourcesRepository).seedTemplates(DEMO_TEMPLATES)).toBe(0);

    const reply: any = await admin.json(
      'POST',
      `/api/conversations/${dm.id}/replies`,
      { text: 'Здравствуйте! Договор можно перенести, оформим заявку онлайн.' },
      202,
    );
    const { vk } = t.app.get(DemoService).emulators();
    const sent = await waitFor(
      async () => {
        const out = (await (await fetch(`${vk!.url}/__control/outbox`)).json()) as any;
        const list: any[] = Array.isArray(out) ? out : (out.outbox ?? out.items ?? []);
        return list.find((o) => JSON.stringify(o).includes('Договор можно перенести')) ?? false;
      },
      15_000,
      250,
    );
    expect(JSON.stringify(sent)).toContain('messages.send');
    const delivered: any = await waitFor(async () => {
      const r: any = await admin.json('GET', `/api/replies/${reply.id}`, undefined, 200);
      return r.status === 'delivered' && r;
    }, 10_000);
    expect(delivered.platformMessageId).toBeTruthy();

    // The YouTube channel is polled (a pull source: the sync tick runs every 15 s).
    const yt: any = await waitFor(
      async () => {
        const q: any = await admin.json('GET', '/api/conversations?status=all&limit=200', undefined, 200);
        const list = q.conversations.filter((c: any) => c.platform === 'youtube');
        return list.length >= 3 && list;
      },
      60_000,
      1000,
    );
    const texts = yt.map((c: any) => c.lastText);
    expect(texts).toEqual(
      expect.arrayContaining([expect.stringMatching(/5 ГГц/), expect.stringMatching(/Great tutorial/)]),
    );
  });

  it('stays off with DEMO=false', async () => {
    const off = await startTestApp({ DEMO: 'false' });
    try {
      expect(off.app.get(DemoService).emulators()).toEqual({ vk: undefined, telegram: undefined });
      expect(await off.app.get(DataSource).query(`SELECT id FROM templates`)).toEqual([]);
    } finally {
      await off.stop();
    }
  });
});
