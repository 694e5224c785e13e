import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * The whole UI booted in Node on a small DOM shim (src/web/dom-shim.mjs) against a scripted
 * API: sign-in screen, queue, conversation, reply with CSRF + Idempotency-Key, assign-to-me,
 * analysis correction. No browser here; it proves the modules link, the main paths run and
 * hostile customer text stays text. A real-browser check is described in docs (playwright-core).
 */
const url = (p: string) => JSON.stringify(pathToFileURL(join(__dirname, p)).href);
const XSS = '<img src=x onerror=alert(1)>';

function run(script: string): any {
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
    encoding: 'utf8',
    env: { ...process.env, NODE_OPTIONS: '' },
    timeout: 20_000,
  });
  return JSON.parse(out.trim().split('\n').pop()!);
}

const CONV = '11111111-2222-4333-8444-555555555555';
const FIXTURES = `
  const now = Date.now();
  const conv = {
    id: '${CONV}', platform: 'vk', sourceName: 'Acme', status: 'open', assigneeId: null,
    intent: 'complaint', sentimentLabel: 'negative', contact: { displayName: ${JSON.stringify(XSS)}, username: 'irina' },
    slaStartedAt: new Date(now - 4 * 3600e3).toISOString(), dueAt: new Date(now - 3600e3).toISOString(),
    slaBreachedAt: new Date(now - 3600e3).toISOString(), lastMessageAt: new Date(now - 4 * 3600e3).toISOString(),
    lastText: ${JSON.stringify(XSS + '\nвторая строка')}, lastDirection: 'inbound', firstMessageAt: new Date(now - 4 * 3600e3).toISOString(),
  };
  const details = {
    conversation: conv,
    items: [{ id: '42', direction: 'inbound', text: ${JSON.stringify(XSS)}, authorName: 'Ирина', createdAt: conv.firstMessageAt,
              intent: 'complaint', sentimentLabel: 'negative', previousTexts: [] }],
    replies: [{ id: 'r1', status: 'failed', text: 'Здравствуйте!', authorName: 'Анна', createdAt: new Date(now - 3000e3).toISOString(), lastError: 'flood control' }],
    notes: [{ id: 'n1', text: 'клиент VIP', authorName: 'Анна', createdAt: new Date(now - 3500e3).toISOString() }],
    otherConversations: [{ id: '99999999-2222-4333-8444-555555555555', platform: 'telegram', status: 'resolved', lastText: 'старый вопрос' }],
  };
  const me = { user: { id: 'u1', name: 'Анна', email: 'anna@acme.test', role: 'agent', locale: 'ru' }, csrfToken: 'csrf-123' };
`;

describe('inbox UI in a DOM shim', () => {
  it('signed out: shows the sign-in form; a wrong password shows the error; success opens the inbox', () => {
    const r = run(`
      const { installFetch, tick, shim } = await import(${url('dom-shim.mjs')});
      ${FIXTURES}
      let signedIn = false;
      installFetch({
        'GET /api/auth/me': () => (signedIn ? [200, me] : [401, { message: 'Sign in first' }]),
        'POST /api/auth/login': (req) => req.body.password === 'right' ? ((signedIn = true), [200, me]) : [401, { message: 'Wrong e-mail or password' }],
        'GET /api/conversations': { conversations: [], nextCursor: null },
        'GET /api/templates': [],
      });
      await import(${url('../../web/assets/app.js')});
      await tick();
      const form = shim.app.querySelector('form');
      const [email, password] = form.querySelectorAll('input');
      email.value = 'anna@acme.test'; password.value = 'wrong';
      form.dispatch('submit'); await tick();
      const error = shim.app.querySelector('.form-error');
      const errorText = error.hidden ? null : error.textContent;
      password.value = 'right';
      form.dispatch('submit'); await tick();
      console.log(JSON.stringify({
        errorText, login: shim.requests.filter((q) => q.path === '/api/auth/login').map((q) => q.body),
        topbar: shim.app.querySelector('.topbar')?.textContent, empty: shim.app.querySelector('.queue-empty')?.textContent,
      }));
      process.exit(0);
    `);
    expect(r.errorText).toBe('Неверная почта или пароль');
    expect(r.login).toEqual([
      { email: 'anna@acme.test', password: 'wrong' },
      { email: 'anna@acme.test', password: 'right' },
    ]);
    expect(r.topbar).toContain('Анна');
    expect(r.empty).toContain('пусто');
  });

  it('signed in: queue row is red and shows hostile text as text; the conversation opens; writes carry the CSRF token', () => {
    const r = run(`
      const { installFetch, tick, shim } = await import(${url('dom-shim.mjs')});
      ${FIXTURES}
      installFetch({
        'GET /api/auth/me': me,
        'GET /api/conversations': { conversations: [conv], nextCursor: null },
        'GET /api/conversations/${CONV}': details,
        'GET /api/templates': [{ id: 't1', name: 'Извинение', shortcut: 'sorry', locale: 'ru', intent: 'complaint', body: '{name}, приносим извинения.' }],
        'POST /api/conversations/${CONV}/replies': [202, { id: 'r2', status: 'queued' }],
        'PATCH /api/conversations/${CONV}': (req) => [200, { ...conv, ...req.body }],
        'PATCH /api/items/42/analysis': [200, { itemId: '42' }],
        'POST /api/replies/r1/resend': [200, { id: 'r1', status: 'queued' }],
      });
      await import(${url('../../web/assets/app.js')});
      await tick();
      const row = shim.app.querySelector('.queue-row');
      const rowInfo = { urgency: row.getAttribute('data-urgency'), author: row.querySelector('.author').textContent,
        preview: row.querySelector('.preview').textContent, countdown: row.querySelector('.countdown').textContent };
      row.click(); await tick();
      const view = shim.app.querySelector('.conversation');
      const itemText = view.querySelector('.msg-in .msg-text').textContent;
      const noteLabel = view.querySelector('.note .note-label').textContent;
      const failed = view.querySelector('.msg.delivery-failed').textContent;

      // template + reply, Ctrl+Enter
      const picker = view.querySelector('.template-picker');
      const textarea = view.querySelector('.compose-text');
      picker.value = 't1'; picker.onchange();
      const filled = textarea.value;
      textarea.dispatch('keydown', { key: 'Enter', ctrlKey: true }); await tick();

      // assign to me, resend the failed reply, correct the analysis
      const assign = view.querySelectorAll('button').find((b) => b.textContent === 'Взять себе');
      assign.click(); await tick();
      view.querySelectorAll('button').find((b) => b.textContent === 'Отправить ещё раз').click(); await tick();
      const form = view.querySelector('.correct-form');
      const [sentiment] = form.querySelectorAll('select');
      sentiment.value = 'neutral';
      form.querySelector('button').click(); await tick();

      const writes = shim.requests.filter((q) => q.method !== 'GET');
      console.log(JSON.stringify({
        rowInfo, itemText, noteLabel, failed, filled, hash: location.hash,
        writes: writes.map((q) => ({ m: q.method, p: q.path, csrf: q.headers['X-CSRF-Token'], key: q.headers['Idempotency-Key'] ?? null, body: q.body })),
        imgCreated: shim.created.includes('img'), htmlWrites: shim.htmlWrites,
      }));
      process.exit(0);
    `);
    expect(r.rowInfo.urgency).toBe('breached');
    expect(r.rowInfo.author).toBe(XSS);
    expect(r.rowInfo.preview).toBe(XSS);
    expect(r.rowInfo.countdown).toBe('−1 ч 00 мин');
    expect(r.hash).toBe(`#/c/${CONV}`);
    expect(r.itemText).toBe(XSS);
    expect(r.noteLabel).toContain('клиент её не видит');
    expect(r.failed).toContain('flood control');
    expect(r.filled).toBe(`${XSS.split(/\s+/)[0]}, приносим извинения.`);
    expect(r.imgCreated).toBe(false);
    expect(r.htmlWrites).toEqual([]);

    const [reply, assign, resend, correct] = r.writes;
    expect(reply).toMatchObject({
      m: 'POST',
      p: `/api/conversations/${CONV}/replies`,
      csrf: 'csrf-123',
      body: { text: r.filled, statusAfter: 'pending' },
    });
    expect(reply.key).toMatch(/^[\w-]{8,100}$/);
    expect(assign).toEqual({
      m: 'PATCH',
      p: `/api/conversations/${CONV}`,
      csrf: 'csrf-123',
      key: null,
      body: { assigneeId: 'u1' },
    });
    expect(resend).toMatchObject({ m: 'POST', p: '/api/replies/r1/resend', csrf: 'csrf-123' });
    expect(correct).toMatchObject({
      m: 'PATCH',
      p: '/api/items/42/analysis',
      csrf: 'csrf-123',
      body: { sentiment: 'neutral' },
    });
    expect(r.writes).toHaveLength(4);
  });
});
