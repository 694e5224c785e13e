/**
 * Issue 12 in a real browser: two agents in two browser contexts see each other's presence
 * (viewing, typing) on the same conversation; the one beaten to the answer is shown the reply
 * that beat her and asked before sending (the 409 prompt); the bell counts a new SLA warning live
 * and marks it read. Chromium as in demo-inbox.int-spec.ts (skipped off CI when missing).
 */
import { existsSync } from 'node:fs';
import { Browser, BrowserContext, chromium, Page } from 'playwright-core';
import { SlaSweepService } from '../../src/sla/sla-sweep.service';
import { ADMIN, login, seedConversation, Session, userSession, withDb } from '../inbox/support';
import { startTestApp, TestApp } from '../support/app';

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
];
const PASSWORD = 'correct-horse-battery';

(existsSync(CHROMIUM) || process.env.CI ? describe : describe.skip)('share the load in the browser', () => {
  let t: TestApp;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const problems: string[] = [];
  let a: Session;
  let b: Session;

  beforeAll(async () => {
    await Promise.all([
      startTestApp({ ROLE: 'api' }).then((app) => (t = app)),
      chromium.launch({ executablePath: CHROMIUM, args: ARGS, timeout: 15_000 }).then((x) => (browser = x)),
    ]);
    const admin = await login(t, ADMIN.email, ADMIN.password);
    a = await userSession(t, admin, 'agent', 'Анна Петрова');
    b = await userSession(t, admin, 'agent', 'Борис Иванов');
  }, 60_000);
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await t?.stop();
  });
  afterEach(() => expect(problems.splice(0)).toEqual([]));

  async function signedIn(s: Session): Promise<Page> {
    const context = await browser.newContext({ locale: 'ru-RU', timezoneId: 'Europe/Moscow' });
    contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    page.on('console', (m) => {
      // the 409 the prompt is about is expected; anything else is a problem
      if (m.type() === 'error' && !/409|401/.test(m.text())) problems.push(`console: ${m.text()}`);
    });
    await page.goto(t.url + '/');
    await page.getByLabel(/Эл\. почта/).fill(s.user.email);
    await page.getByLabel(/Пароль/).fill(PASSWORD);
    await page.getByRole('button', { name: 'Войти' }).click();
    await page.locator('.topbar').waitFor();
    await page.locator('.live-on').waitFor();
    return page;
  }

  it('presence in two contexts, the 409 prompt, and the bell', async () => {
    const { conversationId } = await withDb(t, (c) => seedConversation(c, { text: 'Где мой заказ 5521?' }));
    const [pa, pb] = await Promise.all([signedIn(a), signedIn(b)]);
    await pb.goto(`${t.url}/inbox/${conversationId}`);
    await pb.getByRole('textbox', { name: 'Ответ клиенту' }).waitFor();
    await pa.goto(`${t.url}/inbox/${conversationId}`);
    const boxA = pa.getByRole('textbox', { name: 'Ответ клиенту' });
    await boxA.waitFor();

    // B sees A viewing, then typing (and A sees B)
    await pb.locator('.conv-head .presence-avatar[title="Анна Петрова смотрит"]').waitFor();
    await pa.locator('.conv-head .presence-avatar[title="Борис Иванов смотрит"]').waitFor();
    await boxA.fill('Заказ 5521 уже в пути, будет завтра');
    await pb.getByText('Анна Петрова печатает…').waitFor();
    // and in B's queue row
    await pb.goto(`${t.url}/inbox`);
    await pb.locator(`.queue-row[data-id="${conversationId}"] .presence-avatar`).waitFor();
    await pb.goto(`${t.url}/inbox/${conversationId}`);
    const boxB = pb.getByRole('textbox', { name: 'Ответ клиенту' });
    await boxB.waitFor();

    // A answers first; B, who loaded the conversation before that, is asked
    await pa.getByRole('button', { name: 'Отправить' }).click();
    await pa.getByText('Заказ 5521 уже в пути, будет завтра').first().waitFor();
    await boxB.fill('Здравствуйте! Проверю заказ');
    const asked = new Promise<string>((resolve) =>
      pb.once('dialog', (d) => {
        resolve(d.message());
        void d.dismiss();
      }),
    );
    await pb.getByRole('button', { name: 'Отправить' }).click();
    const question = await asked;
    expect(question).toContain('Анна Петрова');
    expect(question).toContain('Заказ 5521 уже в пути');
    expect(await boxB.inputValue()).toBe('Здравствуйте! Проверю заказ'); // nothing lost, nothing sent
    const replies = await withDb(t, (c) =>
      c.query(`SELECT author_id FROM replies WHERE conversation_id = $1`, [conversationId]),
    );
    expect(replies.rows).toEqual([{ author_id: a.user.id }]);

    // the bell: an SLA warning on A's conversation arrives live
    const now = new Date();
    const warned = await withDb(t, async (c) => {
      const f = await seedConversation(c, {
        writtenAt: new Date(now.getTime() - 100 * 60_000),
        dueAt: new Date(now.getTime() + 20 * 60_000),
      });
      await c.query(`UPDATE conversations SET assignee_id = $1 WHERE id = $2`, [a.user.id, f.conversationId]);
      return f;
    });
    expect(await pa.getByTestId('bell-count').count()).toBe(0);
    await t.app.get(SlaSweepService).sweep(now);
    await pa.getByTestId('bell-count').filter({ hasText: '1' }).waitFor();
    await pa.getByRole('button', { name: /Уведомления/ }).click();
    const link = pa.locator('.bell-list a', { hasText: 'Прошло 80 % времени на ответ' });
    await link.waitFor();
    expect(await link.getAttribute('href')).toBe(`/inbox/${warned.conversationId}`);
    await pa.getByRole('button', { name: 'Прочитать все' }).click();
    await pa.getByTestId('bell-count').waitFor({ state: 'detached' });
  }, 90_000);
});
