import { useTranslation } from 'react-i18next';
import { formatTime } from '../lib/time';
import { useLabel } from '../ui/badges';
import type { LinkFilter } from './link-filter';

/** What a link narrowed the queue to (an alert's button), in words, with a way back. */
export function LinkFilterBar({ filter, onClear }: { filter: LinkFilter; onClear(): void }) {
  const { t } = useTranslation();
  const label = useLabel();
  const parts = [
    filter.sentiment ? label('sentiment', filter.sentiment) : null,
    filter.platform ? label('platform', filter.platform) : null,
    filter.sourceId ? t('queue.linkSource') : null,
    filter.tagId ? t('queue.linkTag') : null,
    filter.sla ? t(`queue.linkSla.${filter.sla}`) : null,
    filter.intent ? label('intent', filter.intent) : null,
    filter.from || filter.to
      ? `${filter.from ? formatTime(filter.from) : '…'} – ${filter.to ? formatTime(filter.to) : '…'}`
      : null,
    filter.status === 'all' ? t('queue.linkAll') : null,
  ].filter(Boolean);
  return (
    <div className="link-filter-bar" role="status">
      <span>{t('queue.linkFilter')}:</span>
      {parts.map((p, i) => (
        <span key={i} className="badge">
          {p}
        </span>
      ))}
      <button type="button" className="btn btn-small" onClick={onClear}>
        {t('queue.linkClear')}
      </button>
    </div>
  );
}
