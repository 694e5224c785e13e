/**
 * h(tag, attrs, ...children): the only way the UI builds DOM. It never sets innerHTML (or
 * outerHTML, or insertAdjacentHTML): every string child becomes a text node, so customer text
 * like `<img src=x onerror=alert(1)>` is shown as those characters and never parsed as markup.
 *
 * Two steps, so the safety rules can be tested without a browser:
 *   describe() — pure: checks the tag and attributes, turns strings into {text} leaves;
 *   render()   — turns a description into nodes with createElement/createTextNode only.
 */

const TAG = /^[a-z][a-z0-9-]*$/;
/** Elements that run or load code, or change how the page is read: never built from here. */
const FORBIDDEN_TAGS = new Set([
  'script',
  'iframe',
  'object',
  'embed',
  'base',
  'meta',
  'link',
  'style',
  'frame',
  'frameset',
  'template',
]);
/** Properties that would parse HTML. */
const FORBIDDEN_PROPS = new Set(['innerhtml', 'outerhtml', 'insertadjacenthtml', 'srcdoc']);
const ATTR = /^[a-z][a-z0-9-]*$/;
const URL_ATTRS = new Set(['href', 'src', 'action', 'formaction', 'xlink:href']);
/** Set as DOM properties (live state), not attributes. */
const PROPS = new Set(['value', 'checked', 'selected', 'disabled', 'indeterminate']);

/** A link or source must be relative or http(s)/mailto: never javascript:, data:, vbscript:. */
export function safeUrl(value) {
  const v = String(value).trim();
  if (/^(https?:|mailto:)/i.test(v)) return v;
  // browsers ignore control characters and whitespace inside a scheme ("java\tscript:")
  // eslint-disable-next-line no-control-regex
  if (/^[a-z][a-z0-9+.-]*:/i.test(v.replace(/[\u0000-\u001f\s]/g, ''))) return null;
  return v;
}

/** Pure: a checked description of an element. Throws on anything that could inject markup or code. */
export function describe(tag, attrs, ...children) {
  if (typeof tag !== 'string' || !TAG.test(tag) || FORBIDDEN_TAGS.has(tag)) {
    throw new Error(`h: tag not allowed: ${String(tag)}`);
  }
  const out = { tag, attrs: [], props: [], listeners: [], children: [] };
  for (const [key, value] of Object.entries(attrs ?? {})) {
    const k = key.toLowerCase();
    if (FORBIDDEN_PROPS.has(k)) throw new Error(`h: ${key} is not allowed`);
    if (value === undefined || value === null || value === false) continue;
    if (k.startsWith('on')) {
      // handlers are functions only; a string would be code compiled from data
      if (typeof value !== 'function') throw new Error(`h: ${key} must be a function`);
      out.listeners.push([k.slice(2), value]);
      continue;
    }
    if (key === 'class' || key === 'className') {
      const cls = Array.isArray(value) ? value.filter(Boolean).join(' ') : String(value);
      if (cls) out.attrs.push(['class', cls]);
      continue;
    }
    if (PROPS.has(key)) {
      out.props.push([key, value]);
      continue;
    }
    if (key === 'style')
      throw new Error('h: style is not allowed (use a class; the CSP forbids inline styles)');
    if (!ATTR.test(k) && !k.startsWith('aria-') && !k.startsWith('data-'))
      throw new Error(`h: attribute not allowed: ${key}`);
    if (URL_ATTRS.has(k)) {
      const url = safeUrl(value);
      if (url === null) throw new Error(`h: unsafe URL in ${key}`);
      out.attrs.push([k, url]);
      continue;
    }
    out.attrs.push([k, value === true ? '' : String(value)]);
  }
  appendChildren(out.children, children);
  return out;
}

function appendChildren(list, children) {
  for (const c of children) {
    if (c === null || c === undefined || c === false || c === true) continue;
    if (Array.isArray(c)) appendChildren(list, c);
    else if (typeof c === 'object' && (isNode(c) || isDescription(c))) list.push(c);
    else list.push({ text: String(c) });
  }
}

function isNode(v) {
  return typeof v.nodeType === 'number';
}
function isDescription(v) {
  return typeof v.tag === 'string' && Array.isArray(v.children);
}

/** Builds real nodes from a description: createElement, setAttribute and createTextNode only. */
export function render(desc, doc = globalThis.document) {
  if (isNode(desc)) return desc;
  if ('text' in desc) return doc.createTextNode(desc.text);
  const el = doc.createElement(desc.tag);
  for (const [k, v] of desc.attrs) el.setAttribute(k, v);
  for (const [k, v] of desc.props) el[k] = v;
  for (const [ev, fn] of desc.listeners) el.addEventListener(ev, fn);
  for (const c of desc.children) el.appendChild(render(c, doc));
  return el;
}

/** The helper the views use. */
export function h(tag, attrs, ...children) {
  return render(describe(tag, attrs, ...children));
}

/** Replaces an element's children (removing nodes one by one; no innerHTML = ''). */
export function mount(parent, ...children) {
  while (parent.firstChild) parent.removeChild(parent.firstChild);
  const list = [];
  appendChildren(list, children);
  for (const c of list) parent.appendChild(render(c, parent.ownerDocument ?? globalThis.document));
  return parent;
}

/** Replaces a node's text safely. */
export function setText(el, text) {
  el.textContent = text === null || text === undefined ? '' : String(text);
  return el;
}
