/**
 * Slack Block Kit messages for alerts (plain TypeScript): what happened, the numbers against the
 * usual, three sample items (customer text as plain_text, never mrkdwn: what a customer wrote
 * cannot format, link or mention), and a button to the filtered view in Otklik.
 */
import type { Block, KnownBlock } from '@slack/types';
import type { AlertSample, RenderableAlert } from '../alert.types';
import { otklikUrl } from '../links';
import { count, duration, formatNumber, percent, time, words } from './i18n';

export interface SlackMessage {
  text: string;
  blocks: (KnownBlock | Block)[];
}

export interface RenderContext {
  /** PUBLIC_URL (or the local address) of the web app */
  baseUrl: string;
  timeZone: string;
}

/** Slack's limits (docs.slack.dev, Block Kit reference). */
export const LIMITS = {
  blocks: 50,
  headerText: 150,
  sectionText: 3000,
  fields: 10,
  fieldText: 2000,
  contextElements: 10,
  buttonText: 75,
  url: 3000,
  fallbackText: 3000,
  sampleText: 280,
};

export function trim(s: string, max: number): string {
  const flat = s.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1).trimEnd()}…`;
}

/** mrkdwn escaping for text we put next to our own formatting (names, labels). */
export function escapeMrkdwn(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const plain = (text: string, max: number) => ({
  type: 'plain_text' as const,
  text: trim(text, max),
  emoji: true,
});
const md = (text: string) => ({ type: 'mrkdwn' as const, text });

const ICON: Record<string, string> = {
  negative_spike: '🔺',
  term_surge: '📈',
  tag_surge: '🏷️',
  high_reach: '📣',
  sla: '⏰',
  sla_escalation: '🚨',
  source_health: '⚠️',
};

export function renderAlert(a: RenderableAlert, ctx: RenderContext): SlackMessage {
  const w = words(a.language);
  const d = a.details;
  const clear = a.messageType === 'all_clear';
  const lines: { title: string; fields: string[]; note?: string } = headline(a);
  const blocks: (KnownBlock | Block)[] = [
    { type: 'header', text: plain(`${clear ? '✅' : ICON[a.kind]} ${lines.title}`, LIMITS.headerText) },
  ];
  if (lines.fields.length) {
    blocks.push({
      type: 'section',
      fields: lines.fields.slice(0, LIMITS.fields).map((f) => md(trim(f, LIMITS.fieldText))),
    });
  }
  if (lines.note) blocks.push({ type: 'section', text: md(trim(lines.note, LIMITS.sectionText)) });
  const samples = clear ? [] : a.samples.slice(0, 3);
  if (samples.length) {
    blocks.push({ type: 'divider' });
    blocks.push({ type: 'context', elements: [md(`*${w.samples}*`)] });
    for (const s of samples) blocks.push(...sampleBlocks(s, w.openOn));
  }
  const url = otklikUrl(ctx.baseUrl, d.filter, a.id);
  if (url.length <= LIMITS.url) {
    blocks.push({
      type: 'actions',
      elements: [
        {
          type: 'button',
          text: plain(w.open, LIMITS.buttonText),
          url,
          action_id: 'open_in_otklik',
          ...(clear ? {} : { style: 'primary' as const }),
        },
      ],
    });
  }
  blocks.push({
    type: 'context',
    elements: [
      md(
        escapeMrkdwn(
          [
            'Отклик',
            a.ruleName ? `${w.rule} «${trim(a.ruleName, 80)}»` : null,
            time(a.language, a.firedAt, ctx.timeZone),
          ]
            .filter(Boolean)
            .join(' · '),
        ),
      ),
    ],
  });
  const text = trim([lines.title, ...lines.fields.map(stripMrkdwn)].join(' — '), LIMITS.fallbackText);
  return { text, blocks: blocks.slice(0, LIMITS.blocks) };
}

function sampleBlocks(s: AlertSample, openWord: string): (KnownBlock | Block)[] {
  const who = [escapeMrkdwn(trim(s.author || '—', 80)), escapeMrkdwn(s.platform)];
  if (s.url && /^https:\/\//.test(s.url) && s.url.length < 500)
    who.push(`<${s.url.replace(/[|>]/g, '')}|${openWord}>`);
  return [
    { type: 'section', text: plain(`«${trim(s.text || '…', LIMITS.sampleText)}»`, LIMITS.sectionText) },
    { type: 'context', elements: [md(who.join(' · '))] },
  ];
}

const stripMrkdwn = (s: string) => s.replace(/\*/g, '');

/** The alert's one-line title (the header without its icon), as the alert list shows it. */
export function alertTitle(a: RenderableAlert): string {
  return trim(headline(a).title, LIMITS.headerText);
}

function headline(a: RenderableAlert): { title: string; fields: string[]; note?: string } {
  const L = a.language;
  const w = words(L);
  const d = a.details;
  const clear = a.messageType === 'all_clear' ? a.clear : null;
  const lasted = clear ? [`*${w.lasted}:* ${duration(L, clear.durationMinutes)}`] : [];
  const num = (n: number, digits = 0) => formatNumber(L, n, digits);
  switch (d.kind) {
    case 'negative_spike': {
      const where = escapeMrkdwn(d.scopeLabel);
      if (clear) {
        return {
          title: `${w.spikeClear}: ${d.scopeLabel}`,
          fields: [
            ...lasted,
            ...(clear.observed !== undefined && clear.expected !== undefined
              ? [`*${w.now}:* ${num(clear.observed)} (${w.usual} ${num(clear.expected, 1)})`]
              : []),
          ],
        };
      }
      const fields = [
        `*${w.negatives} (${duration(L, d.windowMinutes)}):* ${num(d.observed)} — ${w.usual} ${num(d.expected, 1)} (×${num(d.ratio, 1)})`,
        `*${w.share}:* ${d.share === null ? '—' : percent(L, d.share)}${d.baselineShare === null ? '' : ` — ${w.usual} ${percent(L, d.baselineShare)}`}`,
        `*${w.where}:* ${where}`,
        `*${w.window}:* ${w.baselineNote[d.baselineMode as keyof typeof w.baselineNote] ?? d.baselineMode}`,
      ];
      const list = (xs: { label: string; observed: number; expected: number }[]) =>
        xs
          .slice(0, 5)
          .map((p) => `${escapeMrkdwn(p.label)} ${num(p.observed)} (${w.usual} ${num(p.expected, 1)})`)
          .join('; ');
      // one incident, one message: the narrowest scope, then the wider scopes' numbers
      const notes = [
        ...(d.parts.length ? [`*${w.breakdown}:* ${list(d.parts)}`] : []),
        ...(d.wider?.length ? [`*${w.wider}:* ${list(d.wider)}`] : []),
      ];
      const note = notes.length ? notes.join('\n') : undefined;
      return { title: `${w.spike}: ${d.scopeLabel}`, fields, note };
    }
    case 'term_surge':
      if (clear) return { title: `${w.termClear}: «${d.term}»`, fields: lasted };
      return {
        title: `${w.term}: «${d.term}»`,
        fields: [
          `*${w.mentions} (${duration(L, d.windowMinutes)}):* ${num(d.count)} — ${w.usual} ${num(d.expected, 1)}`,
          `*${w.people}:* ${num(d.authors)}`,
          ...(d.related.length
            ? [`*${w.related}:* ${d.related.slice(0, 5).map(escapeMrkdwn).join(', ')}`]
            : []),
        ],
      };
    case 'tag_surge':
      if (clear) return { title: `${w.tagClear}: «${d.tag}»`, fields: lasted };
      return {
        title: `${w.tag}: «${d.tag}»`,
        fields: [
          `*${w.tagged} (${duration(L, d.windowMinutes)}):* ${num(d.count)} — ${w.usual} ${num(d.expected, 1)}`,
          `*${w.people}:* ${num(d.authors)}`,
          ...(d.related.length
            ? [`*${w.related}:* ${d.related.slice(0, 5).map(escapeMrkdwn).join(', ')}`]
            : []),
        ],
      };
    case 'high_reach':
      return {
        title: `${w.highReach}: ${d.sourceLabel}`,
        fields: [
          `*${w.comments}:* ${num(d.comments)}`,
          `*${w.reactions}:* ${num(d.reactions)}`,
          `*${w.reposts}:* ${num(d.reposts)}`,
          ...(d.views ? [`*${w.views}:* ${num(d.views)}`] : []),
        ],
      };
    case 'sla':
      return {
        title: `${w.sla}: ${[
          d.breached
            ? count(L, d.breached, ['просрочено', 'просрочены', 'просрочено'], ['breached', 'breached'])
            : null,
          d.dueSoon
            ? count(
                L,
                d.dueSoon,
                ['скоро истекает', 'скоро истекают', 'скоро истекают'],
                ['due soon', 'due soon'],
              )
            : null,
        ]
          .filter(Boolean)
          .join(', ')}`,
        fields: [`*${w.breached}:* ${num(d.breached)}`, `*${w.dueSoon}:* ${num(d.dueSoon)}`],
      };
    case 'sla_escalation':
      return {
        title: `${w.escalation}: ${count(L, d.unanswered, ['обращение', 'обращения', 'обращений'], ['conversation', 'conversations'])}`,
        fields: [`*${w.unanswered}:* ${duration(L, d.escalateAfterMinutes)}+`],
      };
    case 'source_health': {
      if (clear) return { title: `${w.sourceClear}: ${d.sourceLabel}`, fields: lasted };
      if (d.problem === 'needs_attention') {
        return {
          title: `${w.needsAttention}: ${d.sourceLabel}`,
          fields: d.reason ? [`*${w.reason}:* ${escapeMrkdwn(trim(d.reason, 300))}`] : [],
        };
      }
      return {
        title: `${w.silent}: ${d.sourceLabel}`,
        fields: [`*${w.silentFor}:* ${duration(L, d.silentMinutes ?? 0)}`],
      };
    }
  }
}
