/** A channel's comment thread is keyed by the channel post itself (`<channel>:<post>`). */
export function telegramPostOf(threadExternalId: string): string | null {
  return /^-?\d+:\d+$/.test(threadExternalId) ? threadExternalId : null;
}
