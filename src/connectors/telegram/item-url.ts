/**
 * A Telegram message's address (`<chat>:<message>` external ids): t.me/<username>/<id> when the
 * chat has a public username, t.me/c/<id>/<id> for supergroups and channels without one (works
 * for their members), else null (private chats have none).
 */
export function telegramItemUrl(externalId: string, chatUsername?: string | null): string | null {
  const m = /^(-?\d+):(\d+)$/.exec(externalId);
  if (!m) return null;
  const [, chat, message] = m;
  if (chatUsername && /^[A-Za-z0-9_]{4,32}$/.test(chatUsername))
    return `https://t.me/${chatUsername}/${message}`;
  if (chat.startsWith('-100')) return `https://t.me/c/${chat.slice(4)}/${message}`;
  return null;
}
