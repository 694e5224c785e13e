import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * The UI is plain ES modules for the browser, which Jest's CommonJS runtime cannot import.
 * Each case runs the real file in a child `node` (ESM) with a minimal DOM shim that records
 * every element created and fails loudly if anything touches innerHTML-like properties.
 */
const asset = (name: string) => pathToFileURL(join(__dirname, '../../web/assets', name)).href;

const DOM_SHIM = `
const created = [];
const htmlWrites = [];
class Text { constructor(data) { this.nodeType = 3; this.data = data; this.parentNode = null; } }
class El {
  constructor(tag) { this.nodeType = 1; this.tagName = tag; this.attributes = {}; this.childNodes = []; this.listeners = {}; this.parentNode = null; }
  setAttribute(k, v) { this.attributes[k] = String(v); }
  addEventListener(ev, fn) { (this.listeners[ev] ??= []).push(fn); }
  appendChild(c) { c.parentNode = this; this.childNodes.push(c); return c; }
  removeChild(c) { this.childNodes = this.childNodes.filter((x) => x !== c); return c; }
  get firstChild() { return this.childNodes[0] ?? null; }
  get ownerDocument() { return globalThis.document; }
  set textContent(v) { this.childNodes = [new Text(String(v))]; }
  get textContent() { return this.childNodes.map((c) => c.nodeType === 3 ? c.data : c.textContent).join(''); }
}
for (const p of ['innerHTML', 'outerHTML']) {
  Object.defineProperty(El.prototype, p, { set(v) { htmlWrites.push([p, v]); }, get() { htmlWrites.push(['read ' + p]); return ''; } });
}
El.prototype.insertAdjacentHTML = function (...a) { htmlWrites.push(['insertAdjacentHTML', ...a]); };
globalThis.document = {
  createElement(tag) { created.push(tag); return new El(tag); },
  createTextNode(data) { return new Text(data); },
};
const esc = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
globalThis.serialize = (n) => n.nodeType === 3 ? esc(n.data)
  : '<' + n.tagName + Object.entries(n.attributes).map(([k, v]) => ' ' + k + '="' + esc(v) + '"').join('') + '>'
    + n.childNodes.map(serialize).join('') + '</' + n.tagName + '>';
globalThis.shim = { created, htmlWrites };
globalThis.throws = (fn) => { try { fn(); return null; } catch (e) { return e.message; } };
`;

function runEsm(body: string): any {
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', `${DOM_SHIM}\n${body}`], {
    encoding: 'utf8',
    env: { ...process.env, NODE_OPTIONS: '' },
  });
  return JSON.parse(out.trim().split('\n').pop()!);
}

const XSS = '<img src=x onerror=alert(1)>';

describe('h(): customer text is always text, never markup', () => {
  it('renders an <img onerror> payload as one text node, creating no <img> and never touching innerHTML', () => {
    const r = runEsm(`
      const { h, mount } = await import(${JSON.stringify(asset('h.js'))});
      const xss = ${JSON.stringify(XSS)};
      const p = h('p', { class: 'msg-text', title: xss }, xss);
      const box = h('div', null);
      mount(box, 'before ', xss, [' & ', xss]);
      console.log(JSON.stringify({
        html: serialize(p), children: p.childNodes.map((c) => [c.nodeType, c.data]),
        box: serialize(box), created: shim.created, htmlWrites: shim.htmlWrites,
      }));
    `);
    expect(r.children).toEqual([[3, XSS]]);
    expect(r.html).toBe(
      '<p class="msg-text" title="&lt;img src=x onerror=alert(1)&gt;">&lt;img src=x onerror=alert(1)&gt;</p>',
    );
    expect(r.box).toBe(
      '<div>before &lt;img src=x onerror=alert(1)&gt; &amp; &lt;img src=x onerror=alert(1)&gt;</div>',
    );
    expect(r.created).toEqual(['p', 'div']);
    expect(r.htmlWrites).toEqual([]);
  });

  it('describe() is pure: strings become {text} leaves, nested elements stay descriptions', () => {
    const r = runEsm(`
      const { describe } = await import(${JSON.stringify(asset('h.js'))});
      const d = describe('li', { 'data-id': '7', hidden: false, disabled: true }, ${JSON.stringify(XSS)}, null, 3, [describe('b', null, 'x')]);
      console.log(JSON.stringify({ d, created: shim.created }));
    `);
    expect(r.created).toEqual([]);
    expect(r.d.children[0]).toEqual({ text: XSS });
    expect(r.d.children[1]).toEqual({ text: '3' });
    expect(r.d.children[2]).toMatchObject({ tag: 'b', children: [{ text: 'x' }] });
    expect(r.d.attrs).toEqual([['data-id', '7']]);
    expect(r.d.props).toEqual([['disabled', true]]);
  });

  it('refuses HTML sinks, code in attributes, dangerous tags and javascript: URLs', () => {
    const r = runEsm(`
      const { h, describe } = await import(${JSON.stringify(asset('h.js'))});
      const fn = () => {};
      console.log(JSON.stringify({
        innerHTML: throws(() => h('div', { innerHTML: '<b>x</b>' })),
        outerHTML: throws(() => h('div', { outerHTML: '<b>x</b>' })),
        onerrorString: throws(() => h('img', { onerror: 'alert(1)' })),
        script: throws(() => h('script', null, 'alert(1)')),
        iframe: throws(() => h('iframe', { src: '/x' })),
        tagInjection: throws(() => h('img src=x onerror=alert(1)')),
        attrInjection: throws(() => h('a', { 'x onmouseover': 'y' })),
        jsUrl: throws(() => h('a', { href: 'javascript:alert(1)' })),
        jsUrlObfuscated: throws(() => h('a', { href: ' JaVa\\tScRiPt:alert(1)' })),
        dataUrl: throws(() => h('a', { href: 'data:text/html,<script>alert(1)</script>' })),
        style: throws(() => h('div', { style: 'background:url(javascript:x)' })),
        relativeOk: describe('a', { href: '#/c/1' }).attrs,
        httpsOk: describe('a', { href: 'https://vk.com/wall-1_2' }).attrs,
        listener: describe('button', { onclick: fn }).listeners.map(([e, f]) => [e, f === fn]),
        htmlWrites: shim.htmlWrites,
      }));
    `);
    for (const k of [
      'innerHTML',
      'outerHTML',
      'onerrorString',
      'script',
      'iframe',
      'tagInjection',
      'attrInjection',
      'jsUrl',
      'jsUrlObfuscated',
      'dataUrl',
      'style',
    ]) {
      expect([k, typeof r[k]]).toEqual([k, 'string']);
    }
    expect(r.relativeOk).toEqual([['href', '#/c/1']]);
    expect(r.httpsOk).toEqual([['href', 'https://vk.com/wall-1_2']]);
    expect(r.listener).toEqual([['click', true]]);
    expect(r.htmlWrites).toEqual([]);
  });
});

describe('inbox UI logic', () => {
  it('urgency: red once the deadline passed, amber under 20 % of the window, none without a deadline', () => {
    const r = runEsm(`
      const { urgency, urgencyShort } = await import(${JSON.stringify(asset('urgency.js'))});
      const now = Date.parse('2025-01-01T12:00:00Z');
      const start = '2025-01-01T10:00:00Z'; // a 3 h window ending 13:00
      const at = (due, extra = {}) => urgency({ status: 'open', slaStartedAt: start, dueAt: due, ...extra }, now);
      console.log(JSON.stringify({
        ok: at('2025-01-01T13:00:00Z'),
        warn: at('2025-01-01T12:30:00Z'),            // 30 min of 150 min left = 20 % → not under
        warnUnder: at('2025-01-01T12:29:00Z'),       // 29 of 149 min < 20 %
        breached: at('2025-01-01T11:59:00Z'),
        none: urgency({ status: 'open', dueAt: null }, now),
        recordedBreach: urgency({ status: 'open', dueAt: null, slaBreachedAt: '2025-01-01T11:00:00Z' }, now),
        shortOverdue: urgencyShort(at('2025-01-01T11:48:00Z')),
        shortLeft: urgencyShort(at('2025-01-01T14:05:00Z')),
      }));
    `);
    expect(r.ok.level).toBe('ok');
    expect(r.warn.level).toBe('ok');
    expect(r.warnUnder.level).toBe('warn');
    expect(r.breached).toEqual({ level: 'breached', remainingMs: -60_000 });
    expect(r.none.level).toBe('none');
    expect(r.recordedBreach.level).toBe('breached');
    expect(r.shortOverdue).toBe('−12 мин');
    expect(r.shortLeft).toBe('2 ч 05 мин');
  });

  it('timeline: a delivered reply and its echoed outbound item show once; notes and items interleave by time', () => {
    const r = runEsm(`
      const { buildTimeline } = await import(${JSON.stringify(asset('timeline.js'))});
      const e = buildTimeline({
        items: [
          { id: '1', direction: 'inbound', externalId: 'm1', createdAt: '2025-01-01T10:00:00Z' },
          { id: '2', direction: 'outbound', externalId: 'm2', createdAt: '2025-01-01T10:05:01Z' },
          { id: '3', direction: 'outbound', externalId: 'm3', createdAt: '2025-01-01T10:07:00Z' },
        ],
        replies: [{ id: 'r1', status: 'delivered', platformMessageId: 'm2', createdAt: '2025-01-01T10:05:00Z' }],
        notes: [{ id: 'n1', createdAt: '2025-01-01T10:02:00Z' }],
      });
      console.log(JSON.stringify(e.map((x) => x.kind + ':' + x.data.id)));
    `);
    expect(r).toEqual(['item:1', 'note:n1', 'reply:r1', 'outbound:3']);
  });

  it('a failed reply says why in the reader’s language, keeping the platform’s words', () => {
    const r = runEsm(`
      const { replyReason } = await import(${JSON.stringify(asset('timeline.js'))});
      const { setLang } = await import(${JSON.stringify(asset('i18n.js'))});
      const photo = 'unsupported: Replies to photo_comment items are not supported on VK yet';
      const ru = [replyReason(photo), replyReason('gave up after 8 attempts; last temporary: 502'), replyReason('flood control')];
      document.documentElement = {};
      setLang('en');
      console.log(JSON.stringify({ ru, en: replyReason(photo) }));
    `);
    expect(r.ru[0]).toBe(
      'на это сообщение нельзя ответить из Отклика — ответьте на самой площадке ' +
        '(unsupported: Replies to photo_comment items are not supported on VK yet)',
    );
    expect(r.ru[1]).toMatch(/^площадка не отвечала, попытки закончились \(gave up after 8/);
    expect(r.ru[2]).toBe('flood control');
    expect(r.en).toMatch(
      /^this cannot be answered from Otklik; answer it on the platform itself \(unsupported:/,
    );
  });

  it('queue: filters map to the API query, the preview is the first non-empty line', () => {
    const r = runEsm(`
      const { queueUrl, previewOf } = await import(${JSON.stringify(asset('inbox.js'))});
      console.log(JSON.stringify({
        mine: queueUrl({ status: 'open', assignee: 'mine' }),
        unassigned: queueUrl({ status: 'snoozed', assignee: 'unassigned' }, 500),
        all: queueUrl({ status: 'resolved', assignee: 'all' }),
        preview: previewOf({ lastText: '\\n  Здравствуйте!\\nвторая строка', lastDirection: 'inbound' }),
        ours: previewOf({ lastText: 'Спасибо', lastDirection: 'outbound' }),
      }));
    `);
    expect(r.mine).toBe('/api/conversations?status=open&limit=50&assignee=me');
    expect(r.unassigned).toBe('/api/conversations?status=snoozed&limit=200&assignee=unassigned');
    expect(r.all).toBe('/api/conversations?status=resolved&limit=50');
    expect(r.preview).toBe('Здравствуйте!');
    expect(r.ours).toBe('Мы: Спасибо');
  });

  it('sign-in errors: wrong password, locked account and rate limit each get their own message', () => {
    const r = runEsm(`
      const { ApiError } = await import(${JSON.stringify(asset('api.js'))});
      const { loginErrorText } = await import(${JSON.stringify(asset('login.js'))});
      console.log(JSON.stringify({
        invalid: loginErrorText(new ApiError(401, 'Wrong e-mail or password')),
        locked: loginErrorText(new ApiError(423, 'Too many', {}, 900)),
        limited: loginErrorText(new ApiError(429, 'Too many', {}, 60)),
        offline: loginErrorText(new TypeError('fetch failed')),
      }));
    `);
    expect(r.invalid).toBe('Неверная почта или пароль');
    expect(r.locked).toContain('заблокирована');
    expect(r.locked).toContain('15 мин');
    expect(r.limited).toContain('1 мин');
    expect(r.offline).toContain('Нет связи');
  });
});
