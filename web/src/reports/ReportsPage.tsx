import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Route, Routes, useSearchParams } from 'react-router';
import { get, type Schemas } from '../api/client';
import { userTimeZone } from '../lib/time';
import { BrandTab } from './BrandTab';
import { CareTab } from './CareTab';
import { ForecastTab } from './ForecastTab';
import { ItemsPage } from './ItemsPage';
import './reports.css';
import {
  addDays,
  GRANULARITIES,
  readState,
  TABS,
  writeState,
  type Granularity,
  type ReportState,
} from './state';
import { TopicsTab } from './TopicsTab';

export interface TabProps {
  state: ReportState;
  /** the zone the report is cut in (the URL's, else the company's) */
  zone: string;
}

/** /reports and /reports/items: a chunk of their own (ECharts loads with the first chart). */
export default function ReportsRoutes() {
  return (
    <main className="page reports-page">
      <Routes>
        <Route path="items" element={<ItemsPage />} />
        <Route path="*" element={<ReportsPage />} />
      </Routes>
    </main>
  );
}

function ReportsPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const settings = useQuery({
    queryKey: ['reports', 'settings'],
    queryFn: () => get<Schemas['CompanySettingsView']>('/api/reports/settings'),
    staleTime: 300_000,
  });
  const company = settings.data?.timeZone ?? 'Europe/Moscow';
  const state = useMemo(() => readState(params, company), [params, company]);
  const set = (patch: Partial<ReportState>) => setParams(writeState({ ...state, ...patch }));
  const zone = state.tz || company;
  const zones = useMemo(
    () => [...new Set(['Europe/Moscow', 'UTC', userTimeZone(), 'Asia/Yekaterinburg', 'Asia/Novosibirsk'])],
    [],
  );

  return (
    <>
      <h1>{t('reports.title')}</h1>
      <form className="report-controls" onSubmit={(e) => e.preventDefault()}>
        <label>
          <span>{t('reports.from')}</span>
          <input
            type="date"
            value={state.from}
            max={state.to}
            onChange={(e) => e.target.value && set({ from: e.target.value })}
          />
        </label>
        <label>
          <span>{t('reports.to')}</span>
          <input
            type="date"
            value={state.to}
            min={state.from}
            onChange={(e) => e.target.value && set({ to: e.target.value })}
          />
        </label>
        <label>
          <span>{t('reports.tz')}</span>
          <select value={state.tz} onChange={(e) => set({ tz: e.target.value })}>
            <option value="">{t('reports.tzCompany', { zone: company })}</option>
            {zones.map((z) => (
              <option key={z} value={z}>
                {z}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>{t('reports.granularity')}</span>
          <select
            value={state.granularity}
            onChange={(e) => set({ granularity: e.target.value as Granularity })}
          >
            {GRANULARITIES.map((g) => (
              <option key={g} value={g}>
                {t(`reports.g.${g}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={state.compare === 'previous'}
            onChange={(e) => set({ compare: e.target.checked ? 'previous' : 'none' })}
          />
          <span>{t('reports.compare')}</span>
        </label>
        <span className="report-quick">
          {[7, 30, 90].map((n) => (
            <button
              key={n}
              type="button"
              className="btn btn-small"
              onClick={() => set({ from: addDays(state.to, -(n - 1)) })}
            >
              {n}d
            </button>
          ))}
        </span>
      </form>
      <div className="tabs report-tabs" role="tablist" aria-label={t('reports.title')}>
        {TABS.map((tab) => (
          <button
            key={tab}
            type="button"
            role="tab"
            aria-selected={state.tab === tab}
            className={state.tab === tab ? 'tab active' : 'tab'}
            onClick={() => set({ tab })}
          >
            {t(`reports.tabs.${tab}`)}
          </button>
        ))}
      </div>
      <p className="muted report-hint">{t('reports.drillHint')}</p>
      <div role="tabpanel">
        {settings.isPending ? null : state.tab === 'brand' ? (
          <BrandTab state={state} zone={zone} />
        ) : state.tab === 'topics' ? (
          <TopicsTab state={state} zone={zone} />
        ) : state.tab === 'care' ? (
          <CareTab state={state} zone={zone} />
        ) : (
          <ForecastTab state={state} zone={zone} />
        )}
      </div>
    </>
  );
}
