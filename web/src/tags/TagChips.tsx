import { useTranslation } from 'react-i18next';

interface ChipTag {
  id: string;
  name: string;
  color: string;
  ruleId?: string | null;
}

const HEX = /^#[0-9a-fA-F]{6}$/;

/** A tag's colour as an SVG fill: a presentation attribute, allowed by the strict CSP. */
export function TagDot({ color }: { color: string }) {
  return (
    <svg width="8" height="8" viewBox="0 0 8 8" aria-hidden="true" focusable="false">
      <circle cx="4" cy="4" r="4" fill={HEX.test(color) ? color : '#888888'} />
    </svg>
  );
}

/** Tags as chips, each with its colour; `onRemove` adds a remove button to each. */
export function TagChips({ tags, onRemove }: { tags: readonly ChipTag[]; onRemove?(id: string): void }) {
  const { t } = useTranslation();
  if (tags.length === 0) return null;
  return (
    <span className="tag-chips">
      {tags.map((x) => (
        <span key={x.id} className="tag-chip" data-tag={x.name} title={x.ruleId ? t('tags.auto') : undefined}>
          <TagDot color={x.color} />
          {x.name}
          {onRemove ? (
            <button
              type="button"
              aria-label={t('tags.remove', { name: x.name })}
              onClick={() => onRemove(x.id)}
            >
              ×
            </button>
          ) : null}
        </span>
      ))}
    </span>
  );
}
