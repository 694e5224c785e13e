/**
 * A structural check of Block Kit messages against Slack's published limits (plain TypeScript).
 * Incoming webhooks answer `invalid_blocks` to a bad payload, so the tests check every message we
 * build (and what the local receiver standing in for Slack got) with this.
 */
import { LIMITS } from './block-kit';

export function blockKitProblems(message: unknown): string[] {
  const out: string[] = [];
  const m = message as { text?: unknown; blocks?: unknown };
  if (!m || typeof m !== 'object') return ['message is not an object'];
  if (typeof m.text !== 'string' || !m.text) out.push('text (the notification fallback) is missing');
  if (!Array.isArray(m.blocks)) return [...out, 'blocks is not an array'];
  if (m.blocks.length > LIMITS.blocks) out.push(`more than ${LIMITS.blocks} blocks`);
  const actionIds = new Set<string>();
  m.blocks.forEach((b: any, i: number) => {
    const at = `blocks[${i}]`;
    if (b.block_id !== undefined && (typeof b.block_id !== 'string' || b.block_id.length > 255))
      out.push(`${at}.block_id`);
    switch (b?.type) {
      case 'header':
        checkText(b.text, `${at}.text`, LIMITS.headerText, out, ['plain_text']);
        break;
      case 'section':
        if (!b.text && !b.fields) out.push(`${at}: a section needs text or fields`);
        if (b.text) checkText(b.text, `${at}.text`, LIMITS.sectionText, out);
        if (b.fields) {
          if (!Array.isArray(b.fields) || b.fields.length > LIMITS.fields)
            out.push(`${at}.fields: 1–10 items`);
          else
            b.fields.forEach((f: any, j: number) =>
              checkText(f, `${at}.fields[${j}]`, LIMITS.fieldText, out),
            );
        }
        break;
      case 'context':
        if (!Array.isArray(b.elements) || !b.elements.length || b.elements.length > LIMITS.contextElements)
          out.push(`${at}.elements: 1–10 items`);
        else
          b.elements.forEach((e: any, j: number) =>
            checkText(e, `${at}.elements[${j}]`, LIMITS.sectionText, out),
          );
        break;
      case 'actions':
        if (!Array.isArray(b.elements) || !b.elements.length || b.elements.length > 25)
          out.push(`${at}.elements: 1–25 items`);
        else
          b.elements.forEach((e: any, j: number) => {
            const p = `${at}.elements[${j}]`;
            if (e.type !== 'button') return out.push(`${p}: only buttons are used`);
            checkText(e.text, `${p}.text`, LIMITS.buttonText, out, ['plain_text']);
            if (typeof e.url !== 'string' || !/^https?:\/\//.test(e.url) || e.url.length > LIMITS.url)
              out.push(`${p}.url`);
            if (typeof e.action_id !== 'string' || e.action_id.length > 255 || actionIds.has(e.action_id))
              out.push(`${p}.action_id`);
            actionIds.add(e.action_id);
            if (e.style !== undefined && !['primary', 'danger'].includes(e.style)) out.push(`${p}.style`);
          });
        break;
      case 'divider':
        break;
      default:
        out.push(`${at}: unexpected block type ${String(b?.type)}`);
    }
  });
  return out;
}

function checkText(t: any, at: string, max: number, out: string[], types = ['plain_text', 'mrkdwn']) {
  if (!t || typeof t !== 'object' || !types.includes(t.type))
    return out.push(`${at}: must be ${types.join(' or ')}`);
  if (typeof t.text !== 'string' || t.text.length === 0) return out.push(`${at}: empty text`);
  if (t.text.length > max) out.push(`${at}: longer than ${max}`);
}
