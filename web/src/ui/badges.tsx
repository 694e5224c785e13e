import { useTranslation } from 'react-i18next';
import type { ReplyStatus } from '../api/client';

const PLATFORM_SHORT: Record<string, string> = { vk: 'VK', telegram: 'TG', youtube: 'YT', webhook: 'WH' };

/** A label for a server value, or the value itself when this UI has no words for it yet. */
export function useLabel() {
  const { t, i18n } = useTranslation();
  return (group: string, value: string | null | undefined): string => {
    if (!value) return '';
    const key = `${group}.${value}`;
    return i18n.exists(key) ? t(key) : value;
  };
}

export function PlatformChip({ platform }: { platform: string }) {
  const label = useLabel();
  const p = /^[a-z]+$/.test(platform) ? platform : 'other';
  return (
    <span
      className={`platform platform-${p}`}
      title={label('platform', platform)}
      aria-label={label('platform', platform)}
    >
      {PLATFORM_SHORT[platform] ?? platform.slice(0, 2).toUpperCase()}
    </span>
  );
}

export function IntentBadge({ intent }: { intent: string | null | undefined }) {
  const label = useLabel();
  if (!intent) return null;
  return <span className={`badge intent-${intent}`}>{label('intent', intent)}</span>;
}

export function SentimentBadge({ sentiment }: { sentiment: string | null | undefined }) {
  const label = useLabel();
  if (!sentiment) return null;
  return <span className={`badge sentiment-${sentiment}`}>{label('sentiment', sentiment)}</span>;
}

export function DeliveryChip({ status }: { status: ReplyStatus }) {
  const label = useLabel();
  return <span className={`delivery delivery-chip-${status}`}>{label('delivery', status)}</span>;
}
