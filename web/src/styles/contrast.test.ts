import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * WCAG AA: every text colour the stylesheet pairs with a background reaches 4.5:1 (small text).
 * The pairs are read from app.css itself, so a changed colour is checked as it is.
 */
const css = readFileSync(join(__dirname, 'app.css'), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
const vars = Object.fromEntries(
  [...css.matchAll(/--([\w-]+):\s*(#[0-9a-f]{3,6})/gi)].map((m) => [m[1]!, m[2]!]),
);

/** color / background declared for a selector (the first rule that lists it). */
function decl(selector: string, prop: 'color' | 'background'): string | undefined {
  for (const m of css.matchAll(/([^{}]+)\{([^}]*)\}/g)) {
    const selectors = m[1]!.split(',').map((s) => s.trim());
    if (!selectors.includes(selector)) continue;
    const v = new RegExp(`(?:^|;|\\s)${prop}:\\s*([^;]+)`).exec(m[2]!)?.[1]?.trim();
    if (v) return resolve(v);
  }
  return undefined;
}
function resolve(v: string): string {
  const m = /^var\(--([\w-]+)\)$/.exec(v);
  return m ? vars[m[1]!]! : v;
}

function luminance(hex: string): number {
  const h = hex.replace('#', '');
  const full = h.length === 3 ? [...h].map((c) => c + c).join('') : h;
  const [r, g, b] = [0, 2, 4]
    .map((i) => parseInt(full.slice(i, i + 2), 16) / 255)
    .map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}
function contrast(a: string, b: string): number {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
  return (x! + 0.05) / (y! + 0.05);
}

const panel = vars.panel!;
const bg = vars.bg!;
type Pair = [string, string | undefined, string | undefined];
/** A class's own text colour on its own background. */
const own = (cls: string): Pair => [cls, decl(cls, 'color'), decl(cls, 'background')];
const classes = (prefix: string, names: string[]) => names.map((n) => own(`${prefix}${n}`));
/** [what, text colour, background] */
const PAIRS: Pair[] = [
  ['body text', vars.text, bg],
  ['muted on panel', vars.muted, panel],
  ['muted on page', vars.muted, bg],
  ['links and accent', vars.accent, panel],
  ['preview', decl('.preview', 'color'), panel],
  own('.badge'),
  ...classes('.intent-', ['complaint', 'sales_question', 'support_question', 'praise', 'spam']),
  ...classes('.sentiment-', ['negative', 'neutral', 'positive']),
  ...['vk', 'telegram', 'youtube', 'webhook'].map((p): Pair => [
    `platform ${p}`,
    decl('.platform', 'color'),
    decl(`.platform-${p}`, 'background'),
  ]),
  ['urgency ok', decl('.urgency-ok', 'color'), panel],
  own('.urgency-warn'),
  own('.urgency-breached'),
  ...classes('.delivery-chip-', ['queued', 'delivered', 'failed', 'unknown']),
  ...classes('.health-', ['healthy', 'throttled', 'needs_attention', 'disabled']),
  own('.assignee-me'),
  own('.assignee-other'),
  own('.tab.active'),
  own('.btn-primary'),
  ['note label', decl('.note-label', 'color'), vars.note],
  own('.form-error'),
  own('.toast'),
  ['error toast', decl('.toast', 'color'), decl('.toast-error', 'background')],
  own('.source-throttled'),
  ['why tooltip', decl('.why-tip', 'color'), decl('.why-tip', 'background')],
  ['live', decl('.live-on', 'color'), panel],
  ['offline', decl('.live-off', 'color'), panel],
];

describe('colour contrast (WCAG AA, 4.5:1)', () => {
  it.each(PAIRS)('%s', (_what, fg, back) => {
    expect(fg).toMatch(/^#[0-9a-f]{3,6}$/i);
    expect(back).toMatch(/^#[0-9a-f]{3,6}$/i);
    expect(contrast(fg!, back!)).toBeGreaterThanOrEqual(4.5);
  });
});
