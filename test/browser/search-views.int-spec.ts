/**
 * Search and saved views in a real browser on the real app (strict CSP: a violation is a console
 * error and fails the test): a Russian query typed in the queue's search box finds the inflected
 * forms on the server; the filter bar narrows it; the search and filters are saved as a personal
 * view with its live count, and the view opens them again; a view an admin shares with a team is
 * seen, counted and opened by a colleague in that team, and not by someone outside it.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ADMIN, login, seedConversation, userSession, withDb } from '../inbox/support';
import { startTestApp, TestApp } from '../support/app';
import { launchChromium, newPage, requireChromium, signIn } from './harness';

describe('search and saved views in the browser', () => {
  if (!requireChromium()) return;

  let t: TestApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const problems: string[] = [];
  const PASSWORD = 'correct-horse-battery';
  let f: {
    genitive: string;
    instrumental: string;
    unrelated: string;
    teamOnly: string;
    team: string;
    colleague: string;
    outsider: string;
  };

  const row = (p: Page, id: string) => p.locator(`.queue-row[data-id="${id}"]`);
  // One read of the whole list: a list of handles goes stale when the queue re-renders between reads.
  const rowIds = (p: Page) =>
    p
      .locator('.queue-list .queue-row')
      .evaluateAll((rows) =>
        rows.map((r) => (r as unknown as { getAttribute(n: string): string | null }).getAttribute('data-id')),
      );
  /** The queue shows exactly these conversations (in any order), once the server has answered. */
  async function queueShows(p: Page, ids: string[]) {
    const want = [...ids].sort();
    const until = Date.now() + 15_000;
    let got: (string | null)[] = [];
    while (Date.now() < until) {
      got = (await rowIds(p)).sort();
      if (JSON.stringify(got) === JSON.stringify(want)) return;
      await p.waitForTimeout(100);
    }
    expect(got).toEqual(want);
  }

  beforeAll(async () => {
    await Promise.all([startTestApp().then((a) => (t = a)), launchChromium().then((b) => (browser = b))]);
    const admin = await login(t, ADMIN.email, ADMIN.password);
    const colleague = await userSession(t, admin, 'agent', 'Вера');
    const outsider = await userSession(t, admin, 'agent', 'Глеб');
    f = await withDb(t, async (c) => {
      const genitive = await seedConversation(c, {
        platform: 'vk',
        text: 'Третий день нет интернета, верните деньги',
        sentiment: 'negative',
        intent: 'complaint',
      });
      const mk = (o: Parameters<typeof seedConversation>[1]) =>
        seedConversation(c, { sourceId: genitive.sourceId, platform: 'vk', ...o });
      const instrumental = await mk({ text: 'Что случилось с интернетом в Казани?', sentiment: 'neutral' });
      const unrelated = await mk({ text: 'Спасибо, всё отлично', sentiment: 'positive', intent: 'praise' });
      const teamOnly = await mk({ text: 'Когда привезут роутер?', intent: 'sales_question' });
      const team = (await c.query(`INSERT INTO teams (name) VALUES ('Продажи') RETURNING id`)).rows[0].id;
      await c.query(`INSERT INTO team_members (team_id, user_id) VALUES ($1, $2)`, [team, colleague.user.id]);
      await c.query(`UPDATE conversations SET team_id = $2 WHERE id = $1`, [teamOnly.conversationId, team]);
      return {
        genitive: genitive.conversationId,
        instrumental: instrumental.conversationId,
        unrelated: unrelated.conversationId,
        teamOnly: teamOnly.conversationId,
        team,
        colleague: colleague.user.email,
        outsider: outsider.user.email,
      };
    });
    // the admin shares a view with the sales team (the screens save personal views only)
    await admin.json(
      'POST',
      '/api/saved-views',
      {
        name: 'Продажи — вся команда',
        scope: 'team',
        teamId: f.team,
        filters: { teamId: f.team, status: 'all' },
      },
      201,
    );
    ({ page, context } = await newPage(browser, problems));
    await signIn(page, t.url, ADMIN.email, ADMIN.password);
  }, 90_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await t?.stop();
  });

  afterEach(() => expect(problems.splice(0)).toEqual([]));

  it('finds the inflected forms of a Russian word typed in the search box, then narrows by a filter', async () => {
    await page.goto(`${t.url}/inbox`);
    await row(page, f.unrelated).waitFor();
    const searched = page.waitForResponse(
      (r) => r.url().includes('/api/conversations?') && new URL(r.url()).searchParams.get('q') === 'интернет',
    );
    await page.getByRole('searchbox', { name: 'Поиск в очереди' }).pressSequentially('интернет');
    expect((await searched).status()).toBe(200);
    // «интернет» finds «интернета» and «интернетом»; the others are gone
    await queueShows(page, [f.genitive, f.instrumental]);
    await row(page, f.genitive).getByText('Третий день нет интернета', { exact: false }).waitFor();
    expect(new URL(page.url()).searchParams.get('q')).toBe('интернет');

    await page.locator('.filter-bar summary').click();
    await page.locator('.filter-bar select[name="sentiment"]').selectOption({ label: 'негатив' });
    await queueShows(page, [f.genitive]);
    expect(new URL(page.url()).searchParams.get('sentiment')).toBe('negative');
    await page.locator('.filter-bar summary .badge').getByText('1').waitFor();
  });

  it('saves the search and filters as a view with its live count, and the view opens them again', async () => {
    const views = page.getByRole('navigation', { name: 'Сохранённые виды' });
    await views.getByRole('button', { name: 'Сохранить вид' }).click();
    await views.getByPlaceholder('Название вида').fill('Интернет — негатив');
    const saved = page.waitForResponse(
      (r) => r.url().endsWith('/api/saved-views') && r.request().method() === 'POST',
    );
    await views.getByRole('button', { name: 'Сохранить', exact: true }).click();
    const body = await (await saved).json();
    expect(body).toMatchObject({
      scope: 'personal',
      count: 1,
      filters: { q: 'интернет', sentiment: 'negative' },
    });
    const view = views.getByRole('button', { name: /^Интернет — негатив/ });
    await view.locator('.saved-view-count').getByText('1', { exact: true }).waitFor();
    expect(await view.getAttribute('aria-pressed')).toBe('true');

    // somewhere else in the inbox, then back through the view
    await page.goto(`${t.url}/inbox?status=all`);
    await row(page, f.unrelated).waitFor();
    // the count is live: a second negative message about the internet arrives
    const later = await withDb(t, (c) =>
      seedConversation(c, { platform: 'telegram', text: 'Интернету конец, опять', sentiment: 'negative' }),
    );
    await page.reload();
    await views
      .getByRole('button', { name: /^Интернет — негатив/ })
      .locator('.saved-view-count')
      .getByText('2', { exact: true })
      .waitFor();
    await views.getByRole('button', { name: /^Интернет — негатив/ }).click();
    await queueShows(page, [f.genitive, later.conversationId]);
    expect(await page.getByRole('searchbox', { name: 'Поиск в очереди' }).inputValue()).toBe('интернет');
    const url = new URL(page.url());
    expect([
      url.searchParams.get('q'),
      url.searchParams.get('sentiment'),
      url.searchParams.get('status'),
    ]).toEqual(['интернет', 'negative', 'open']);
  });

  it('a view shared with a team is seen, counted and opened by a colleague in it, not by others', async () => {
    const { page: theirs, context: ctx } = await newPage(browser, problems);
    try {
      await signIn(theirs, t.url, f.colleague, PASSWORD);
      await theirs.goto(`${t.url}/inbox`);
      const views = theirs.getByRole('navigation', { name: 'Сохранённые виды' });
      const shared = views.getByRole('button', { name: /Продажи — вся команда/ });
      await shared.getByText('команды').waitFor();
      await shared.locator('.saved-view-count').getByText('1', { exact: true }).waitFor();
      // the admin's personal view is the admin's alone
      expect(await views.getByRole('button', { name: /^Интернет — негатив/ }).count()).toBe(0);
      await shared.click();
      await queueShows(theirs, [f.teamOnly]);
      expect(await shared.getAttribute('aria-pressed')).toBe('true');
    } finally {
      await ctx.close();
    }
    const { page: outside, context: ctx2 } = await newPage(browser, problems);
    try {
      await signIn(outside, t.url, f.outsider, PASSWORD);
      await outside.goto(`${t.url}/inbox`);
      const views = outside.getByRole('navigation', { name: 'Сохранённые виды' });
      await views.getByRole('button', { name: /Негатив VK/ }).waitFor();
      expect(await views.getByRole('button', { name: /Продажи — вся команда/ }).count()).toBe(0);
    } finally {
      await ctx2.close();
    }
  });
});
