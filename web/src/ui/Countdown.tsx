import { useTranslation } from 'react-i18next';
import { urgency, urgencyShort, urgencyText, type Deadline } from '../inbox/urgency';
import { useNow } from './now';

/** A live countdown to the answer-by time: ticks locally once a second. */
export function Countdown({ c, long = false }: { c: Deadline; long?: boolean }) {
  const now = useNow();
  const { t } = useTranslation();
  const u = urgency(c, now);
  const text = long ? urgencyText(u) : urgencyShort(u);
  const title =
    u.level === 'breached' ? t('urgency.breached') : u.level === 'warn' ? t('urgency.warn') : undefined;
  return (
    <span className={`countdown urgency-${u.level}`} title={title} data-due={c.dueAt ?? ''}>
      {text}
    </span>
  );
}
