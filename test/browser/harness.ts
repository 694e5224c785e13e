/**
 * What a browser test needs (the same setup as demo-inbox.int-spec.ts): Chromium from Debian's
 * package (or CHROMIUM_PATH; playwright-core downloads none), its flags, a context in a Russian
 * locale and Moscow time, and a watcher that turns console errors, page errors and failed requests
 * into test failures (a CSP violation is a console error).
 */
import { existsSync } from 'node:fs';
import { Browser, BrowserContext, chromium, ConsoleMessage, Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const haveChromium = existsSync(CHROMIUM);
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

export const launchChromium = (): Promise<Browser> =>
  chromium.launch({ executablePath: CHROMIUM, args: ARGS, timeout: 15_000 });

export async function newPage(
  browser: Browser,
  problems: string[],
  opts: { locale?: string; width?: number; height?: number } = {},
): Promise<{ page: Page; context: BrowserContext }> {
  const context = await browser.newContext({
    locale: opts.locale ?? 'ru-RU',
    timezoneId: 'Europe/Moscow',
    viewport: { width: opts.width ?? 1280, height: opts.height ?? 860 },
  });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  watchForErrors(page, problems);
  return { page, context };
}

export async function signIn(page: Page, base: string, email: string, password: string) {
  await page.goto(base + '/');
  await page.getByLabel(/Эл\. почта|E-mail/).fill(email);
  await page.getByLabel(/Пароль|Password/).fill(password);
  await page.getByRole('button', { name: /Войти|Sign in/ }).click();
  await page.locator('.topbar').waitFor();
}

export function watchForErrors(page: Page, problems: string[]): void {
  page.on('console', (m: ConsoleMessage) => {
    if (m.type() !== 'error') return;
    const where = m.location().url;
    if (where.endsWith('/api/auth/me') && m.text().includes('401')) return;
    problems.push(`console: ${m.text()} (${where})`);
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('requestfailed', (r) => {
    // a stream or a fetch cut when a test moves on is not a failure of the page
    if (/\/api\/events|net::ERR_ABORTED/.test(`${r.url()} ${r.failure()?.errorText}`)) return;
    problems.push(`requestfailed: ${r.url()} ${r.failure()?.errorText}`);
  });
}

/** A test file's describe body runs only with Chromium; on CI its absence fails. */
export function requireChromium(): boolean {
  if (haveChromium) return true;
  if (process.env.CI)
    it('needs Chromium on CI', () => {
      throw new Error(`Chromium not found at ${CHROMIUM}; CI must install it`);
    });
  else it.skip('needs Chromium (not installed)', () => undefined);
  return false;
}
