/**
 * The reports in a real browser (Chromium through playwright-core, the harness of
 * demo-inbox.int-spec.ts): demo mode plus a light, demo-like history (60 days of Russian comments
 * written set-based through the rollup triggers, SLA cycles, hourly backlog snapshots, terms counted
 * by the real worker). An admin opens /reports: every tab renders its charts; a rising term opens
 * exactly the items behind it; a table exports as CSV (BOM, header) and XLSX; a chart saves as
 * PNG. Any console error or page error fails it (a CSP violation is one). Screenshots of every
 * report page go to test-artifacts/ (docs/screenshots/reports-*.png with REPORTS_SCREENSHOTS=1).
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Browser, chromium, Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { TermsWorker } from '../../src/reports/rollups/terms-worker.service';
import { ADMIN } from '../inbox/support';
import { startTestApp, TestApp } from '../support/app';

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
];
const haveChromium = existsSync(CHROMIUM);
// docs/screenshots/reports-*.png when asked (REPORTS_SCREENSHOTS=1), else the git-ignored artifacts
const SHOTS = join(
  __dirname,
  process.env.REPORTS_SCREENSHOTS ? '../../docs/screenshots' : '../../test-artifacts',
);

describe('reports in a real browser', () => {
  if (!haveChromium) {
    if (process.env.CI)
      it('needs Chromium on CI', () => {
        throw new Error(`Chromium not found at ${CHROMIUM}`);
      });
    else it.skip('needs Chromium (not installed)', () => undefined);
    return;
  }

  let t: TestApp;
  let browser: Browser;
  let page: Page;
  let ds: DataSource;
  const problems: string[] = [];

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    await Promise.all([
      startTestApp({ DEMO: 'true' }).then((app) => (t = app)),
      chromium.launch({ executablePath: CHROMIUM, args: ARGS, timeout: 15_000 }).then((b) => (browser = b)),
    ]);
    ds = t.app.get(DataSource);
    await seedHistory(ds);
    await t.app.get(TermsWorker).drain();
    const context = await browser.newContext({
      locale: 'ru-RU',
      timezoneId: 'Europe/Moscow',
      viewport: { width: 1280, height: 900 },
      acceptDownloads: true,
    });
    page = await context.newPage();
    page.setDefaultTimeout(20_000);
    page.on('console', (m) => {
      if (m.type() === 'error' && !m.location().url.endsWith('/api/auth/me'))
        problems.push(`console: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    await page.goto(t.url + '/');
    await page.getByLabel(/Эл\. почта|E-mail/).fill(ADMIN.email);
    await page.getByLabel(/Пароль|Password/).fill(ADMIN.password);
    await page.getByRole('button', { name: 'Войти' }).click();
    await page.locator('.topbar').waitFor();
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await t?.stop();
  });

  afterEach(() => {
    expect(problems.splice(0)).toEqual([]);
  });

  const shot = (name: string) =>
    page.screenshot({ path: join(SHOTS, `reports-${name}.png`), fullPage: true });
  const chartsReady = async (n: number) => {
    await page
      .locator('.report-chart[data-ready="true"]')
      .nth(n - 1)
      .waitFor();
    await page.waitForTimeout(600); // the charts' entry animation
  };

  it('renders every tab from the nav, keeps the state in the URL, saves a chart as PNG', async () => {
    await page.getByRole('link', { name: 'Отчёты' }).click();
    await page.waitForURL('**/reports**');
    await page.getByRole('heading', { name: 'Тональность по времени', level: 2 }).waitFor();
    await chartsReady(3); // sentiment, intents, hour-of-week
    await shot('sentiment');

    const png = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Сохранить PNG' }).first().click();
    const file = await (await png).path();
    expect(readFileSync(file!).subarray(1, 4).toString()).toBe('PNG');

    await page.getByRole('tab', { name: 'Работа поддержки' }).click();
    await page.waitForURL(/tab=care/);
    await page.getByRole('heading', { name: 'Соблюдение SLA' }).waitFor();
    await chartsReady(4); // FRT trend + histogram, backlog, agent load
    await shot('care');

    await page.getByRole('tab', { name: 'Прогноз нагрузки' }).click();
    await chartsReady(1);
    await shot('forecast');

    // the whole state is in the URL: a reload shows the same tab and range
    const url = page.url();
    await page.reload();
    await page.getByRole('tab', { name: 'Прогноз нагрузки', selected: true }).waitFor();
    expect(page.url()).toBe(url);
  });

  it('opens the items behind a rising term, and exports the table as CSV and XLSX', async () => {
    await page.goto(t.url + '/reports?tab=topics'); // the URL alone opens a tab
    await page.getByRole('heading', { name: 'Что выросло в негативе', level: 2 }).waitFor();
    await chartsReady(2); // rising in complaints, rising in praise
    expect(await page.locator('.report-section', { hasText: 'Что хвалят больше' }).innerText()).toContain(
      'вовремя',
    );
    await shot('topics');
    const section = page.locator('.report-section', { hasText: 'Что выросло в негативе' });

    const csv = page.waitForEvent('download');
    await section.getByRole('link', { name: 'CSV' }).click();
    const csvFile = await (await csv).path();
    const text = readFileSync(csvFile!, 'utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text.slice(1).split('\r\n')[0]).toBe('term,label,current,previous,expected,score,examples');
    expect(text).toContain('списали деньги');
    const xlsx = page.waitForEvent('download');
    await section.getByRole('link', { name: 'XLSX' }).click();
    const download = await xlsx;
    expect(download.suggestedFilename()).toBe('terms-negative.xlsx');
    expect(
      readFileSync((await download.path())!)
        .subarray(0, 2)
        .toString(),
    ).toBe('PK');

    await section.locator('.term-link', { hasText: 'списали деньги' }).first().click();
    await page.waitForURL('**/reports/items?**');
    await page.locator('.report-item').first().waitFor();
    const params = new URL(page.url()).searchParams;
    expect(params.get('sentiment')).toBe('negative');
    const shown = await page
      .locator('.report-item')
      .evaluateAll((els) => els.map((e) => (e as unknown as { dataset: { id: string } }).dataset.id));
    const expected = await ds.query(
      `SELECT id::text FROM items WHERE direction = 'inbound' AND sentiment_label = 'negative'
          AND text ILIKE '%списали деньги%' AND created_at_platform >= $1 AND created_at_platform < $2
        ORDER BY created_at_platform DESC, items.id DESC LIMIT 50`,
      [params.get('from'), params.get('to')],
    );
    expect(expected.length).toBeGreaterThan(0);
    expect(shown).toEqual(expected.map((r: { id: string }) => r.id));
    await shot('items');
  });
});

/**
 * 60 days of a demo-like company: three intents' worth of Russian comments with a daily rhythm,
 * "списали деньги" rising in the last two weeks, and "мастер пришёл вовремя" in praise (without a
 * rising praise term the praise chart is empty at some hours of the day, and the tab has one chart); a conversation per five items; SLA cycles (some
 * breached), hourly backlog and agent-load snapshots.
 */
async function seedHistory(ds: DataSource): Promise<void> {
  const [{ id: agent }] = await ds.query(
    `INSERT INTO users (email, name, role, password_hash) VALUES ('olga@demo.test', 'Ольга', 'agent', 'x') RETURNING id`,
  );
  await ds.query(
    `WITH seed_texts (n, text, sentiment, intent) AS (VALUES
       (0, 'Интернет пропал опять, когда починят?', 'negative', 'complaint'),
       (1, 'Роутер не работает после обновления', 'negative', 'support_question'),
       (2, 'Спасибо за быструю помощь!', 'positive', 'praise'),
       (3, 'Как сменить тариф на домашний?', 'neutral', 'sales_question'),
       (4, 'Отличная скорость, всем доволен', 'positive', 'praise'),
       (5, 'Когда придёт мастер на подключение?', 'neutral', 'support_question'),
       (6, 'Поддержка не отвечает второй день', 'negative', 'complaint'),
       (7, 'Сколько стоит подключение в новом доме?', 'neutral', 'sales_question')),
     g AS (
       SELECT s.id AS source_id, s.platform, n,
              date_trunc('hour', now()) - (n % 1440) * interval '1 hour' + (n * 7 % 60) * interval '1 minute' AS at
         FROM generate_series(0, 1799) n
         CROSS JOIN LATERAL (SELECT id, platform FROM sources ORDER BY (hashtext(id::text) + n) % 7 LIMIT 1) s
        WHERE extract(hour FROM (date_trunc('hour', now()) - (n % 1440) * interval '1 hour') AT TIME ZONE 'Europe/Moscow')
              BETWEEN 8 AND 23 OR n % 4 = 0),
     c AS (
       INSERT INTO conversations (id, source_id, platform, thread_key, status, intent, first_message_at, last_message_at,
                                  assignee_id)
       SELECT md5('seed' || (n / 5))::uuid, source_id, platform, 'seed-' || (n / 5),
              (CASE WHEN at > now() - interval '1 day' THEN 'open' ELSE 'resolved' END)::conversation_status,
              (SELECT intent FROM seed_texts WHERE seed_texts.n = g.n % 8), at, at, $1
         FROM g WHERE n % 5 = 0
       RETURNING id)
     INSERT INTO items (source_id, platform, kind, external_id, conversation_id, text, created_at_platform, language,
                        sentiment_label, intent, needs_response, analyzed_at)
     SELECT g.source_id, g.platform, 'comment', 'seed-' || g.n, md5('seed' || (g.n / 5))::uuid,
            CASE WHEN g.at > now() - interval '14 days' AND g.n % 3 = 0 THEN 'Опять списали деньги за тариф'
                 WHEN g.at > now() - interval '14 days' AND g.n % 3 = 1 THEN 'Мастер пришёл вовремя, спасибо'
                 ELSE t.text END,
            g.at, 'ru',
            CASE WHEN g.at > now() - interval '14 days' AND g.n % 3 = 0 THEN 'negative'
                 WHEN g.at > now() - interval '14 days' AND g.n % 3 = 1 THEN 'positive'
                 ELSE t.sentiment END,
            t.intent, t.sentiment <> 'positive', g.at
       FROM g JOIN seed_texts t ON t.n = g.n % 8`,
    [agent],
  );
  await ds.query(
    `INSERT INTO report_sla_cycles (conversation_id, started_at, source_id, platform, intent, due_at, responded_at,
                                    response_seconds, breached_at, agent_id)
     SELECT id, first_message_at, source_id, platform, intent, first_message_at + interval '1 hour',
            first_message_at + s * interval '1 second', s,
            CASE WHEN s > 3600 THEN first_message_at + interval '1 hour' END, assignee_id
       FROM (SELECT c.*, (120 + abs(hashtext(c.id::text)) % 5000) AS s FROM conversations c
              WHERE thread_key LIKE 'seed-%' AND first_message_at < now() - interval '2 hours') x`,
  );
  await ds.query(
    `INSERT INTO report_backlog (at, source_id, intent, open, pending, snoozed, unassigned, overdue)
     SELECT h, s.id, 'complaint', 4 + (extract(hour FROM h)::int % 12), 1, 0, extract(hour FROM h)::int % 3,
            CASE WHEN extract(hour FROM h)::int BETWEEN 10 AND 13 THEN 2 ELSE 0 END
       FROM generate_series(date_trunc('hour', now()) - interval '30 days', date_trunc('hour', now()) - interval '1 hour', interval '1 hour') h
      CROSS JOIN sources s
     ON CONFLICT DO NOTHING`,
  );
  await ds.query(
    `INSERT INTO report_agent_load (at, user_id, open, pending, capacity)
     SELECT h, u.id, 2 + (extract(hour FROM h)::int + length(u.email)) % 6, 0, u.max_open_conversations
       FROM generate_series(date_trunc('hour', now()) - interval '30 days', date_trunc('hour', now()) - interval '1 hour', interval '1 hour') h
      CROSS JOIN users u WHERE u.role IN ('agent', 'admin')
     ON CONFLICT DO NOTHING`,
  );
}
