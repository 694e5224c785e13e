import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Schemas } from '../api/client';
import { currentLanguage, intlLocale } from '../i18n';
import { useLabel } from '../ui/badges';
import { signalText } from './signals';

export type WhyFeature = Schemas['WhyFeatureView'];

/**
 * A sentiment or intent badge that says why: on hover, keyboard focus or a tap, the features that
 * decided the label (words of the post as written, or the model's named signals) with their
 * weights, as text. The explanation is the badge's accessible description (aria-describedby), so a
 * screen reader reads it on focus; Escape hides it.
 */
export function WhyBadge({
  kind,
  value,
  why,
}: {
  kind: 'sentiment' | 'intent';
  value: string | null | undefined;
  why: WhyFeature[] | null | undefined;
}) {
  const { t } = useTranslation();
  const label = useLabel();
  const id = useId();
  const [open, setOpen] = useState(false);
  if (!value) return null;
  const shown = label(kind, value);
  const features = why ?? [];
  const weight = new Intl.NumberFormat(intlLocale(), {
    signDisplay: 'always',
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  });
  const lang = currentLanguage();
  return (
    <span className="why" onMouseEnter={() => setOpen(true)} onMouseLeave={() => setOpen(false)}>
      <button
        type="button"
        className={`badge why-badge ${kind}-${value}`}
        aria-describedby={`${id}-tip`}
        aria-expanded={open}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onClick={() => setOpen((v) => !v)}
        onKeyDown={(e) => {
          if (e.key === 'Escape' && open) {
            e.preventDefault(); // hides the reasons only; the inbox's Escape would close the conversation
            setOpen(false);
          }
        }}
      >
        {shown}
      </button>
      <span role="tooltip" id={`${id}-tip`} className="why-tip" hidden={!open}>
        <span className="why-title">{t(`review.why.${kind}`, { label: shown })}:</span>{' '}
        {features.length ? (
          <span className="why-list">
            {features.map((f) => `${signalText(f.feature, lang)} ${weight.format(f.weight)}`).join('; ')}
          </span>
        ) : (
          <span className="why-none">{t('review.why.none')}</span>
        )}
      </span>
    </span>
  );
}
