/**
 * The newcomer's first minute, in a real browser: zero-config demo mode, sign in through the form,
 * the queue fills from the VK and Telegram emulators, most urgent first, a reply sent with
 * Ctrl+Enter lands in the VK emulator's outbox exactly once and shows as delivered, RU→EN, and a
 * customer's HTML stays text. Any console error or page error fails it (a CSP violation is one).
 *
 * Chromium: Debian's package at /usr/bin/chromium, or CHROMIUM_PATH. playwright-core downloads no
 * browser. When it is missing:
 *   - on CI (process.env.CI set) the test FAILS — .ci/run installs `chromium` before `npm test`;
 *   - elsewhere it is skipped with a console warning (a developer machine without Chromium).
 *
 * A screenshot of the last screen goes to $TMPDIR (never committed).
 */
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Browser, chromium, ConsoleMessage, Page } from 'playwright-core';
import { DemoService } from '../../src/demo/demo.service';
import { VK_DEMO } from '../../src/emulators/vk';
import { ADMIN } from '../inbox/support';
import { startTestApp, TestApp } from '../support/app';

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const haveChromium = existsSync(CHROMIUM);
const SCREENSHOT = join(tmpdir(), 'otklik-demo-inbox.png');
// <img> with a handler: rendered as HTML it would load /x and try to set window.__xss.
const XSS = '<img src=x onerror="window.__xss=1"> а интернет когда дадут?';

if (!haveChromium && !process.env.CI) {
  console.warn(
    `test/browser skipped: no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`,
  );
}

describe('demo inbox in a real browser', () => {
  if (!haveChromium) {
    if (process.env.CI)
      it('needs Chromium on CI', () => {
        throw new Error(
          `Chromium not found at ${CHROMIUM}; CI must install it (.ci/run: apt-get install chromium)`,
        );
      });
    else it.skip('needs Chromium (not installed)', () => undefined);
    return;
  }

  let t: TestApp;
  let browser: Browser;
  afterAll(async () => {
    await browser?.close();
    await t?.stop();
  });

  it('signs in, sees both platforms most urgent first, replies to VK, switches to EN, keeps HTML inert', async () => {
    // Both at once; each is kept as soon as it is up, so afterAll stops it even if the other fails.
    await Promise.all([
      startTestApp({ DEMO: 'true' }).then((app) => (t = app)),
      chromium.launch({ executablePath: CHROMIUM, args: ARGS, timeout: 15_000 }).then((b) => (browser = b)),
    ]);
    const { vk } = t.app.get(DemoService).emulators();
    const context = await browser.newContext({ locale: 'ru-RU', viewport: { width: 1280, height: 860 } });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    const problems = watchForErrors(page);

    try {
      // Sign in through the form (Russian: the browser asks for ru).
      await page.goto(t.url + '/');
      await page.locator('input[name="email"]').fill(ADMIN.email);
      await page.locator('input[name="password"]').fill(ADMIN.password);
      await page.getByRole('button', { name: 'Войти' }).click();

      // The seed reaches the queue through the real connectors: rows from VK and Telegram.
      await page.locator('.queue-row:has(.platform-vk)').first().waitFor({ timeout: 25_000 });
      await page.locator('.queue-row:has(.platform-telegram)').first().waitFor({ timeout: 25_000 });
      const dues: string[] = await page
        .locator('.queue-row .row-top .countdown')
        .evaluateAll((els) => els.map((e: any) => String(e.dataset.due ?? '')));
      expect(dues.length).toBeGreaterThanOrEqual(2);
      expect(dues[0]).not.toBe(''); // the seed runs under an SLA policy
      expect(isMostUrgentFirst(dues)).toBe(true);
      expect(Date.parse(dues[0])).toBeLessThanOrEqual(Date.parse(dues[1]));

      // Open a VK conversation (the most urgent one) and reply with Ctrl+Enter.
      const vkRow = page.locator('.queue-row:has(.platform-vk)').first();
      const convId = await vkRow.getAttribute('data-id');
      await vkRow.click();
      await page.waitForURL(`**/#/c/${convId}`);
      const textarea = page.locator('textarea.compose-text');
      await textarea.waitFor();
      const replyText = `Проверили линию, всё в порядке. Ответ ${Date.now()}`;
      await textarea.fill(replyText);
      await textarea.press('Control+Enter');
      const reply = page.locator('article[data-reply]', { hasText: replyText });
      await reply.locator('.delivery-chip-delivered').waitFor({ timeout: 15_000 });
      await expect(textarea.inputValue()).resolves.toBe('');

      const outbox = (await (await fetch(`${vk!.url}/__control/outbox`)).json()) as any[];
      const sent = outbox.filter((o) => o.params?.message === replyText);
      expect(sent).toHaveLength(1);
      expect(['messages.send', 'wall.createComment']).toContain(sent[0].method);

      // RU → EN: the labels change in place.
      await expect(page.locator('.tabs .tab').first().textContent()).resolves.toBe('Открытые');
      await page.locator('.topbar .lang-toggle').click();
      await page.locator('.tabs .tab', { hasText: 'Open' }).first().waitFor();
      expect(await page.locator('.tabs .tab').allTextContents()).toEqual([
        'Open',
        'Pending',
        'Snoozed',
        'Resolved',
      ]);
      expect(await page.locator('html').getAttribute('lang')).toBe('en');
      await page.locator('.topbar button', { hasText: 'Sign out' }).waitFor();
      await page.locator('article[data-reply] .delivery-chip-delivered', { hasText: 'delivered' }).waitFor();

      // A customer writes HTML: it must arrive as text, never as markup.
      const ownerId = -VK_DEMO.groupId;
      const post = await control(vk!.url, 'post', { ownerId, fromId: ownerId, text: 'Пост для проверки' });
      await control(vk!.url, 'comment', { ownerId, postId: post.id, fromId: 503, text: XSS });
      const xssRow = page.locator('.queue-row', { hasText: XSS }).first();
      await xssRow.waitFor({ timeout: 15_000 });
      await xssRow.click();
      await page.locator('.timeline .msg-text', { hasText: XSS }).first().waitFor();
      expect(await page.locator('.timeline .msg-text', { hasText: XSS }).first().textContent()).toBe(XSS);
      expect(await page.locator('img').count()).toBe(0);
      expect(await page.evaluate(() => (globalThis as any).__xss)).toBeUndefined();

      await page.screenshot({ path: SCREENSHOT });
      expect(problems).toEqual([]);
    } catch (err) {
      await page.screenshot({ path: SCREENSHOT }).catch(() => undefined);
      throw Object.assign(err as Error, {
        message: `${(err as Error).message}\nbrowser errors: ${JSON.stringify(problems)}\nscreenshot: ${SCREENSHOT}`,
      });
    }
  }, 45_000);
});

/** Non-decreasing due times, conversations without a deadline last (the server's order). */
function isMostUrgentFirst(dues: string[]): boolean {
  const firstNone = dues.indexOf('');
  const timed = (firstNone < 0 ? dues : dues.slice(0, firstNone)).map(Date.parse);
  if (firstNone >= 0 && dues.slice(firstNone).some((d) => d !== '')) return false;
  return timed.every((d, i) => i === 0 || timed[i - 1] <= d);
}

/**
 * Console errors and uncaught exceptions. The one expected error is the boot probe: before
 * sign-in `GET /api/auth/me` answers 401, and Chromium logs every non-2xx fetch.
 */
function watchForErrors(page: Page): string[] {
  const problems: string[] = [];
  let bootProbe = true;
  page.on('console', (m: ConsoleMessage) => {
    if (m.type() !== 'error') return;
    const where = m.location().url;
    if (bootProbe && where.endsWith('/api/auth/me') && m.text().includes('401')) {
      bootProbe = false;
      return;
    }
    problems.push(`console: ${m.text()} (${where})`);
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('requestfailed', (r) => problems.push(`requestfailed: ${r.url()} ${r.failure()?.errorText}`));
  return problems;
}

async function control(base: string, path: string, body: unknown): Promise<any> {
  const res = await fetch(`${base}/__control/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`VK control ${path}: ${res.status} ${await res.text()}`);
  return res.json();
}
