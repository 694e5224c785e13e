import { useTranslation } from 'react-i18next';
import { useSession } from '../app/session';
import { usePresence } from './presence';

const initials = (name: string) =>
  name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => w[0]!.toUpperCase())
    .join('') || '?';

/** Colleagues viewing (or typing in) a conversation: one avatar each, typing highlighted. */
export function PresenceAvatars({
  conversationId,
  withText,
}: {
  conversationId: string;
  withText?: boolean;
}) {
  const { t } = useTranslation();
  const { me } = useSession();
  const others = usePresence(conversationId, me.id);
  if (others.length === 0) return null;
  const typing = others.find((p) => p.state === 'typing');
  return (
    <span className="presence" data-testid="presence">
      {others.map((p) => {
        const label = t(p.state === 'typing' ? 'share.typing' : 'share.viewing', {
          name: p.name || t('share.someone'),
        });
        return (
          <span
            key={p.userId}
            className={`presence-avatar presence-${p.state}`}
            title={label}
            aria-label={label}
          >
            {initials(p.name)}
          </span>
        );
      })}
      {withText && typing ? (
        <span className="presence-text small muted" role="status">
          {t('share.typing', { name: typing.name || t('share.someone') })}
        </span>
      ) : null}
    </span>
  );
}
