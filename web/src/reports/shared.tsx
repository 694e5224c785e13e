import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { get, query } from '../api/client';
import { formatDuration } from '../lib/time';
import { errorText } from '../ui/errors';
import { exportLink } from './drill';

/** GET a report; the key is its path and parameters (the URL state), so each view caches apart. */
export function useReport<T>(path: string, params: Record<string, string | undefined>, enabled = true) {
  return useQuery({
    queryKey: ['reports', path, params],
    queryFn: ({ signal }) => get<T>(path + query(params), { signal }),
    enabled,
    staleTime: 60_000,
  });
}

export function pct(v: number | null | undefined, digits = 0): string {
  return v === null || v === undefined ? '—' : `${(v * 100).toFixed(digits)} %`;
}

export function secs(v: number | null | undefined): string {
  return v === null || v === undefined ? '—' : formatDuration(v * 1000);
}

export function num(v: number | null | undefined): string {
  return v === null || v === undefined ? '—' : new Intl.NumberFormat().format(v);
}

export interface Change {
  current: number | null;
  previous: number | null;
  change: number | null;
  changeRatio: number | null;
}

/** A headline figure with its change against the previous period. */
export function Stat({
  label,
  value,
  change,
  format = num,
}: {
  label: string;
  value: Change;
  change?: 'ratio' | 'points';
  format?: (v: number | null) => string;
}) {
  const { t } = useTranslation();
  let delta = '';
  if (value.previous !== null && value.change !== null) {
    if (change === 'points') delta = `${value.change >= 0 ? '+' : ''}${(value.change * 100).toFixed(1)} п.п.`;
    else if (value.changeRatio !== null)
      delta = `${value.changeRatio >= 0 ? '+' : ''}${(value.changeRatio * 100).toFixed(0)} %`;
  }
  return (
    <div className="report-stat">
      <span className="report-stat-label">{label}</span>
      <strong>{format(value.current)}</strong>
      {value.previous !== null ? (
        <span className="muted" title={t('reports.previous')}>
          {format(value.previous)} {delta ? `(${delta})` : ''}
        </span>
      ) : null}
    </div>
  );
}

/** CSV and XLSX of a report's table (the server writes them). */
export function ExportLinks({
  path,
  params,
  name,
}: {
  path: string;
  params: Record<string, string | undefined>;
  name: string;
}) {
  const { t } = useTranslation();
  return (
    <span className="report-export" role="group" aria-label={t('reports.exportOf', { name })}>
      <a className="btn btn-small" href={exportLink(path, params, 'csv')} download>
        {t('reports.csv')}
      </a>
      <a className="btn btn-small" href={exportLink(path, params, 'xlsx')} download>
        {t('reports.xlsx')}
      </a>
    </span>
  );
}

/** A section: title, export, then loading / error / content. */
export function Section({
  title,
  actions,
  state,
  children,
}: {
  title: string;
  actions?: ReactNode;
  state: { isPending: boolean; error: unknown };
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <section className="report-section card">
      <header className="report-section-head">
        <h2>{title}</h2>
        {actions}
      </header>
      {state.error ? (
        <p className="form-error">{errorText(state.error)}</p>
      ) : state.isPending ? (
        <p className="muted">{t('reports.loading')}</p>
      ) : (
        children
      )}
    </section>
  );
}
