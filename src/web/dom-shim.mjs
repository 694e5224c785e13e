/* eslint-disable @typescript-eslint/no-this-alias -- DOM walks start at the node itself */
/**
 * Just enough DOM to run the inbox UI's modules under plain Node (for src/web/*.spec.ts): no
 * HTML parser at all, so nothing can be "rendered as markup"; any innerHTML-like access is
 * recorded in shim.htmlWrites for the tests to assert on. Not a browser: layout is absent.
 */
const created = [];
const htmlWrites = [];
const requests = [];

class Node {
  constructor() {
    this.parentNode = null;
    this.childNodes = [];
  }
  get firstChild() {
    return this.childNodes[0] ?? null;
  }
  get ownerDocument() {
    return globalThis.document;
  }
  appendChild(c) {
    c.parentNode?.removeChild(c);
    c.parentNode = this;
    this.childNodes.push(c);
    return c;
  }
  removeChild(c) {
    this.childNodes = this.childNodes.filter((x) => x !== c);
    c.parentNode = null;
    return c;
  }
  remove() {
    this.parentNode?.removeChild(this);
  }
  contains(n) {
    for (let x = n; x; x = x.parentNode) if (x === this) return true;
    return false;
  }
}

class Text extends Node {
  constructor(data) {
    super();
    this.nodeType = 3;
    this.data = String(data);
  }
  get textContent() {
    return this.data;
  }
}

function matchesSimple(el, s) {
  const parts = s.match(/^([a-z0-9-]*)((?:\.[\w-]+)*)((?:\[[^\]]+\])*)$/i);
  if (!parts) throw new Error(`dom-shim: unsupported selector ${s}`);
  const [, tag, classes, attrs] = parts;
  if (tag && el.tagName !== tag.toLowerCase()) return false;
  for (const c of classes.split('.').filter(Boolean)) if (!el.classList.contains(c)) return false;
  for (const m of attrs.matchAll(/\[([\w-]+)(?:="([^"]*)")?\]/g)) {
    const v = el.getAttribute(m[1]);
    if (v === null || (m[2] !== undefined && v !== m[2])) return false;
  }
  return true;
}

/** Simple selectors, lists ("a, b") and the descendant combinator ("a b"). */
function matches(el, sel) {
  return sel.split(',').some((one) => {
    const chain = one.trim().split(/\s+/);
    const last = chain.pop();
    if (!matchesSimple(el, last)) return false;
    if (!chain.length) return true;
    for (let a = el.parentNode; a && a.nodeType === 1; a = a.parentNode)
      if (matches(a, chain.join(' '))) return true;
    return false;
  });
}

class Element extends Node {
  constructor(tag) {
    super();
    this.nodeType = 1;
    this.tagName = tag;
    this.attrs = new Map();
    this.listeners = {};
    this.scrollTop = 0;
    this.scrollHeight = 0;
    this.clientHeight = 0;
    this.selectionStart = 0;
    this.selectionEnd = 0;
    const self = this;
    this.classList = {
      contains: (c) => (self.getAttribute('class') ?? '').split(/\s+/).includes(c),
      add: (c) => self.classList.toggle(c, true),
      remove: (c) => self.classList.toggle(c, false),
      toggle(c, on) {
        const set = new Set((self.getAttribute('class') ?? '').split(/\s+/).filter(Boolean));
        const want = on === undefined ? !set.has(c) : on;
        if (want) set.add(c);
        else set.delete(c);
        self.setAttribute('class', [...set].join(' '));
        return want;
      },
    };
    const kebab = (k) => 'data-' + k.replace(/[A-Z]/g, (m) => '-' + m.toLowerCase());
    this.dataset = new Proxy(
      {},
      {
        get: (_, k) => self.getAttribute(kebab(String(k))) ?? undefined,
        set: (_, k, v) => (self.setAttribute(kebab(String(k)), v), true),
      },
    );
    created.push(tag);
  }
  setAttribute(k, v) {
    this.attrs.set(k, String(v));
    if (k === 'value' && this.tagName !== 'option') this._value = String(v);
  }
  getAttribute(k) {
    return this.attrs.has(k) ? this.attrs.get(k) : null;
  }
  removeAttribute(k) {
    this.attrs.delete(k);
  }
  get className() {
    return this.getAttribute('class') ?? '';
  }
  set className(v) {
    this.setAttribute('class', v);
  }
  get hidden() {
    return this.attrs.has('hidden');
  }
  set hidden(v) {
    if (v) this.setAttribute('hidden', '');
    else this.removeAttribute('hidden');
  }
  get value() {
    if (this.tagName === 'select') {
      const opts = this.querySelectorAll('option');
      return (opts.find((o) => o.selected) ?? opts[0])?.value ?? '';
    }
    if (this.tagName === 'option') return this._value ?? this.getAttribute('value') ?? this.textContent;
    return this._value ?? '';
  }
  set value(v) {
    if (this.tagName === 'select') {
      for (const o of this.querySelectorAll('option')) o.selected = o.value === String(v);
    } else this._value = String(v);
  }
  get textContent() {
    return this.childNodes.map((c) => c.textContent).join('');
  }
  set textContent(v) {
    for (const c of [...this.childNodes]) this.removeChild(c);
    if (v !== '') this.appendChild(new Text(v));
  }
  get innerHTML() {
    htmlWrites.push(['read innerHTML']);
    return '';
  }
  set innerHTML(v) {
    htmlWrites.push(['innerHTML', v]);
  }
  set outerHTML(v) {
    htmlWrites.push(['outerHTML', v]);
  }
  insertAdjacentHTML(...a) {
    htmlWrites.push(['insertAdjacentHTML', ...a]);
  }
  addEventListener(ev, fn) {
    (this.listeners[ev] ??= []).push(fn);
  }
  removeEventListener(ev, fn) {
    this.listeners[ev] = (this.listeners[ev] ?? []).filter((f) => f !== fn);
  }
  /** Fires listeners here and on the ancestors (bubbling), like a user action. */
  dispatch(type, init = {}) {
    const ev = {
      type,
      target: this,
      defaultPrevented: false,
      preventDefault() {
        this.defaultPrevented = true;
      },
      ...init,
    };
    for (let n = this; n; n = n.parentNode) for (const fn of n.listeners?.[type] ?? []) fn.call(n, ev);
    return ev;
  }
  click() {
    return this.dispatch('click');
  }
  focus() {
    globalThis.document.activeElement = this;
  }
  closest(sel) {
    for (let n = this; n && n.nodeType === 1; n = n.parentNode) if (matches(n, sel)) return n;
    return null;
  }
  querySelectorAll(sel) {
    const out = [];
    const walk = (n) => {
      for (const c of n.childNodes) {
        if (c.nodeType !== 1) continue;
        if (matches(c, sel)) out.push(c);
        walk(c);
      }
    };
    walk(this);
    return out;
  }
  querySelector(sel) {
    return this.querySelectorAll(sel)[0] ?? null;
  }
}

const documentListeners = {};
const body = new Element('body');
const app = new Element('div');
app.setAttribute('id', 'app');
body.appendChild(app);
created.length = 0;

globalThis.document = {
  body,
  documentElement: { lang: 'ru' },
  hidden: false,
  activeElement: null,
  createElement: (tag) => new Element(tag),
  createTextNode: (data) => new Text(data),
  getElementById: (id) => body.querySelector(`[id="${id}"]`),
  querySelectorAll: (sel) => body.querySelectorAll(sel),
  addEventListener: (ev, fn) => (documentListeners[ev] ??= []).push(fn),
  removeEventListener: () => {},
};
const store = new Map();
globalThis.localStorage = {
  getItem: (k) => (store.has(k) ? store.get(k) : null),
  setItem: (k, v) => store.set(k, String(v)),
  removeItem: (k) => store.delete(k),
};
globalThis.window = { HTMLElement: Element, addEventListener: () => {}, removeEventListener: () => {} };
globalThis.location = { hash: '' };
globalThis.CSS = { escape: (s) => String(s).replace(/["\\]/g, '\\$&') };

/**
 * fetch answers from `routes`: { 'GET /api/x': body | (req) => [status, body] }; every request
 * (method, path, headers, parsed body) is kept in shim.requests.
 */
export function installFetch(routes) {
  globalThis.fetch = async (path, init = {}) => {
    const method = init.method ?? 'GET';
    const req = {
      method,
      path,
      headers: init.headers ?? {},
      body: init.body ? JSON.parse(init.body) : undefined,
    };
    requests.push(req);
    const key = `${method} ${path.split('?')[0]}`;
    const route = routes[key] ?? routes[`${method} ${path}`];
    let [status, body] = [404, { statusCode: 404, message: `no route ${key}` }];
    if (typeof route === 'function') [status, body] = route(req);
    else if (route !== undefined) [status, body] = [200, route];
    return {
      ok: status >= 200 && status < 300,
      status,
      headers: { get: () => null },
      text: async () => (body === undefined ? '' : JSON.stringify(body)),
    };
  };
}

export const tick = (ms = 20) => new Promise((r) => setTimeout(r, ms));
export const shim = { created, htmlWrites, requests, body, app, Element };

/**
 * fetch against a real server, like a browser on that origin: relative URLs, the cookie jar
 * (the HttpOnly session cookie is kept here, out of the page's reach) and an Origin header.
 */
export function installHttpFetch(base) {
  const jar = new Map();
  const realFetch = globalThis.fetch;
  globalThis.fetch = async (path, init = {}) => {
    const headers = { ...(init.headers ?? {}), origin: base };
    if (jar.size) headers.cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
    requests.push({
      method: init.method ?? 'GET',
      path,
      headers: init.headers ?? {},
      body: init.body ? JSON.parse(init.body) : undefined,
    });
    const res = await realFetch(base + path, { ...init, headers });
    for (const c of res.headers.getSetCookie()) {
      const [pair, ...attrs] = c.split(';');
      const [k, v] = pair.split('=');
      if (attrs.some((a) => /expires=Thu, 01 Jan 1970/i.test(a)) || v === '') jar.delete(k.trim());
      else jar.set(k.trim(), v);
    }
    return res;
  };
}
