/**
 * Clues that two contacts are one person, for a person to confirm (never merged automatically):
 * the same phone number or e-mail written in messages, or the same full name on two platforms.
 * Plain TypeScript.
 */

export interface Identifiers {
  /** Russian mobile and city numbers as their last ten digits (+7 916 123-45-67 → 9161234567) */
  phones: string[];
  /** lower case */
  emails: string[];
}

const EMAIL = /[a-z0-9._%+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}/gi;
// 10-11 digits with the usual separators; not part of a longer digit run
const PHONE = /(?<![\d])(?:\+?[78][\s\-–()]*)?\(?\d{3}\)?[\s\-–]*\d{3}[\s\-–]*\d{2}[\s\-–]*\d{2}(?![\d])/g;

export function extractIdentifiers(text: string): Identifiers {
  const emails = new Set<string>();
  const phones = new Set<string>();
  for (const m of text.matchAll(EMAIL)) emails.add(m[0].toLowerCase().replace(/\.+$/, ''));
  for (const m of text.matchAll(PHONE)) {
    const digits = m[0].replace(/\D/g, '');
    const ten =
      digits.length === 11 && /^[78]/.test(digits) ? digits.slice(1) : digits.length === 10 ? digits : null;
    // a Russian number starts with 3, 4, 8 or 9 after the country code (not a contract or card number)
    if (ten && /^[3489]/.test(ten) && !/^(\d)\1{9}$/.test(ten)) phones.add(ten);
  }
  return { phones: [...phones], emails: [...emails] };
}

/** Could this text hold a phone number or an e-mail? (a cheap look before the expressions) */
export const mayHoldIdentifiers = (text: string) => text.includes('@') || /\d{3}/.test(text);

/**
 * A message's identifiers as stored clues (`contact_clues.clue`): `p:` and the ten digits of a
 * phone number, `e:` and an e-mail. Ingest stores them per contact; the customer panel matches them.
 */
export function contactClues(text: string): string[] {
  if (!mayHoldIdentifiers(text)) return [];
  const { phones, emails } = extractIdentifiers(text);
  return [...phones.map((p) => `p:${p}`), ...emails.map((e) => `e:${e}`)];
}

/** Stored clues back to identifiers. */
export function cluesToIdentifiers(clues: readonly string[]): Identifiers {
  return {
    phones: clues.filter((c) => c.startsWith('p:')).map((c) => c.slice(2)),
    emails: clues.filter((c) => c.startsWith('e:')).map((c) => c.slice(2)),
  };
}

export function mergeIdentifiers(list: readonly Identifiers[]): Identifiers {
  return {
    phones: [...new Set(list.flatMap((i) => i.phones))],
    emails: [...new Set(list.flatMap((i) => i.emails))],
  };
}

/**
 * The key two display names must share to suggest one person: a full name (two words or more of
 * letters), case, ё and spacing aside. A first name alone ("Алексей") proves nothing. The same
 * expression keys `contacts_name_idx`.
 */
export function nameKey(displayName: string | null | undefined): string | null {
  const key = (displayName ?? '').trim().toLowerCase().replace(/ё/g, 'е');
  const words = key.split(/\s+/).filter((w) => /^[\p{L}][\p{L}'-]+$/u.test(w));
  return words.length >= 2 && words.length === key.split(/\s+/).length ? key : null;
}

export type MatchReason = 'phone' | 'email' | 'name';

export interface MatchCandidate {
  contactId: string;
  customerId: string;
  /** what the other customer wrote (their texts) or their name, per reason */
  identifiers?: Identifiers;
  reason?: 'name';
}

export interface Suggestion {
  contactId: string;
  customerId: string;
  reasons: Array<{ reason: MatchReason; value: string }>;
}

/**
 * Which candidates share a clue with the customer, each once with every clue it shares (phone
 * and e-mail first: stronger than a name), the strongest first. Candidates of the customer
 * itself or dismissed ones are left out.
 */
export function suggestSamePerson(
  mine: Identifiers,
  customerId: string,
  candidates: readonly MatchCandidate[],
  dismissed: ReadonlySet<string> = new Set(),
  myName: string | null = null,
): Suggestion[] {
  const byContact = new Map<string, Suggestion>();
  const add = (c: MatchCandidate, reason: MatchReason, value: string) => {
    if (c.customerId === customerId || dismissed.has(c.contactId)) return;
    let s = byContact.get(c.contactId);
    if (!s)
      byContact.set(c.contactId, (s = { contactId: c.contactId, customerId: c.customerId, reasons: [] }));
    if (!s.reasons.some((r) => r.reason === reason && r.value === value)) s.reasons.push({ reason, value });
  };
  const phones = new Set(mine.phones);
  const emails = new Set(mine.emails);
  for (const c of candidates) {
    for (const p of c.identifiers?.phones ?? []) if (phones.has(p)) add(c, 'phone', p);
    for (const e of c.identifiers?.emails ?? []) if (emails.has(e)) add(c, 'email', e);
    if (c.reason === 'name' && myName) add(c, 'name', myName);
  }
  const strength = (s: Suggestion) => s.reasons.reduce((n, r) => n + (r.reason === 'name' ? 1 : 3), 0);
  return [...byContact.values()].sort(
    (a, b) => strength(b) - strength(a) || a.contactId.localeCompare(b.contactId),
  );
}
