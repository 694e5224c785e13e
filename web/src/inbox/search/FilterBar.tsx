import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { get, type Schemas } from '../../api/client';
import { useLabels, useSources } from '../../api/queries';
import { useLabel } from '../../ui/badges';
import {
  activeCount,
  dayToIso,
  isoToDay,
  LANGUAGES,
  PLATFORMS,
  SENTIMENTS,
  SLA_STATES,
  type FilterKey,
  type Filters,
} from './queue-filters';

/**
 * The queue's filter bar: platform, source, sentiment, intent, SLA state, language, tag and a
 * date range, each a plain select or date input; every change goes to the URL.
 */
export function FilterBar({ filters, onChange }: { filters: Filters; onChange(f: Filters): void }) {
  const { t } = useTranslation();
  // closed, the bar is one line and asks nothing of the server
  const [open, setOpen] = useState(activeCount(filters) > 0);
  return (
    <details
      className="filter-bar"
      open={open}
      onToggle={(e) => setOpen((e.currentTarget as HTMLDetailsElement).open)}
    >
      <summary>
        {t('search.filters')}
        {activeCount(filters) > 0 ? <span className="badge">{activeCount(filters)}</span> : null}
      </summary>
      {open ? <FilterFields filters={filters} onChange={onChange} /> : null}
    </details>
  );
}

function FilterFields({ filters, onChange }: { filters: Filters; onChange(f: Filters): void }) {
  const { t } = useTranslation();
  const label = useLabel();
  const labels = useLabels();
  const sources = useSources();
  const tags = useQuery({
    queryKey: ['tags'],
    queryFn: () => get<Schemas['TagView'][]>('/api/tags'),
    staleTime: 60_000,
  });
  const set = (k: FilterKey, v: string) => onChange({ ...filters, [k]: v || undefined });
  const select = (k: FilterKey, title: string, options: { value: string; text: string }[]) => (
    <label className="filter">
      <span className="filter-label">{title}</span>
      <select name={k} value={filters[k] ?? ''} onChange={(e) => set(k, e.target.value)}>
        <option value="">{t('search.any')}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.text}
          </option>
        ))}
      </select>
    </label>
  );
  const intents = (labels.data as { intents?: string[] } | undefined)?.intents ?? [
    'complaint',
    'sales_question',
    'support_question',
    'praise',
    'spam',
    'other',
  ];
  return (
    <div className="filter-grid">
      {select(
        'platform',
        t('search.platform'),
        PLATFORMS.map((p) => ({ value: p, text: label('platform', p) })),
      )}
      {select(
        'sourceId',
        t('search.source'),
        (sources.data ?? []).map((s) => ({ value: s.id, text: s.name })),
      )}
      {select(
        'sentiment',
        t('search.sentiment'),
        SENTIMENTS.map((s) => ({ value: s, text: t(`search.sentiments.${s}`) })),
      )}
      {select(
        'intent',
        t('search.intent'),
        intents.map((i) => ({ value: i, text: label('intent', i) })),
      )}
      {select(
        'sla',
        t('search.sla'),
        SLA_STATES.map((s) => ({ value: s, text: t(`search.slaStates.${s}`) })),
      )}
      {select(
        'language',
        t('search.language'),
        LANGUAGES.map((l) => ({ value: l, text: t(`search.languages.${l}`) })),
      )}
      {select(
        'tagId',
        t('search.tag'),
        (tags.data ?? []).map((g) => ({ value: g.id, text: g.name })),
      )}
      <label className="filter">
        <span className="filter-label">{t('search.from')}</span>
        <input
          type="date"
          name="from"
          value={isoToDay(filters.from)}
          onChange={(e) => set('from', dayToIso(e.target.value) ?? '')}
        />
      </label>
      <label className="filter">
        <span className="filter-label">{t('search.to')}</span>
        <input
          type="date"
          name="to"
          value={isoToDay(filters.to, true)}
          onChange={(e) => set('to', dayToIso(e.target.value, true) ?? '')}
        />
      </label>
      {activeCount(filters) > 0 ? (
        <button type="button" className="btn btn-ghost btn-small" onClick={() => onChange({ q: filters.q })}>
          {t('search.clear')}
        </button>
      ) : null}
    </div>
  );
}
