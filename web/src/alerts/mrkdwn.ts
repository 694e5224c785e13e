/**
 * Slack's mrkdwn, parsed into a small tree the Block Kit preview renders as React text nodes
 * (pure; never HTML). What a receiver shows: *bold*, _italic_, ~strike~, `code`, links
 * `<url|label>` and `<url>`, mentions `<@U…>` / `<!here>`, and the three entities Slack escapes
 * (&amp; &lt; &gt;). A link is a link only when it is http(s); anything else stays text.
 */
export type MdNode =
  | { t: 'text'; text: string }
  | { t: 'b' | 'i' | 's'; children: MdNode[] }
  | { t: 'code'; text: string }
  | { t: 'link'; url: string; label: string }
  | { t: 'mention'; text: string };

export function decodeEntities(s: string): string {
  return s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/** An address a preview may link to: http(s) only, never javascript:, data: or the like. */
export function safeUrl(raw: string): string | null {
  try {
    const u = new URL(raw);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.toString() : null;
  } catch {
    return null;
  }
}

export function parseMrkdwn(src: string): MdNode[] {
  const out: MdNode[] = [];
  // Angle brackets first: Slack escapes a literal < as &lt;, so a raw <…> is always a control sequence.
  const re = /<([^<>\n]+)>/g;
  let last = 0;
  for (let m = re.exec(src); m; m = re.exec(src)) {
    if (m.index > last) out.push(...inline(src.slice(last, m.index)));
    out.push(control(m[1] ?? ''));
    last = m.index + m[0].length;
  }
  if (last < src.length) out.push(...inline(src.slice(last)));
  return out;
}

function control(body: string): MdNode {
  const [target, label] = splitOnce(body, '|');
  if (target.startsWith('@') || target.startsWith('#') || target.startsWith('!'))
    return { t: 'mention', text: decodeEntities(label ?? target) };
  const url = safeUrl(decodeEntities(target));
  const text = decodeEntities(label ?? target);
  return url ? { t: 'link', url, label: text } : { t: 'text', text: `<${decodeEntities(body)}>` };
}

function splitOnce(s: string, sep: string): [string, string | undefined] {
  const i = s.indexOf(sep);
  return i < 0 ? [s, undefined] : [s.slice(0, i), s.slice(i + 1)];
}

const MARKS: Record<string, 'b' | 'i' | 's'> = { '*': 'b', _: 'i', '~': 's' };
// A mark opens after a boundary and closes before one, with no line break inside (as Slack does).
const SPAN = /(^|[\s(«"'])(`([^`\n]+)`|\*([^*\n]+)\*|_([^_\n]+)_|~([^~\n]+)~)(?=$|[\s.,;:!?)»"'—-])/;

function inline(raw: string): MdNode[] {
  const out: MdNode[] = [];
  let rest = raw;
  while (rest) {
    const m = SPAN.exec(rest);
    if (!m) {
      push(out, decodeEntities(rest));
      break;
    }
    const start = m.index + (m[1] ?? '').length;
    push(out, decodeEntities(rest.slice(0, start)));
    const whole = m[2] ?? '';
    if (m[3] !== undefined) out.push({ t: 'code', text: decodeEntities(m[3]) });
    else {
      const inner = m[4] ?? m[5] ?? m[6] ?? '';
      out.push({ t: MARKS[whole[0] ?? '*'] ?? 'b', children: inline(inner) });
    }
    rest = rest.slice(start + whole.length);
  }
  return out;
}

function push(out: MdNode[], text: string) {
  if (!text) return;
  const prev = out[out.length - 1];
  if (prev?.t === 'text') prev.text += text;
  else out.push({ t: 'text', text });
}
