import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Schemas } from '../api/client';
import { Chart } from './Chart';
import { OKABE_ITO } from './palette';
import type { TabProps } from './ReportsPage';
import { ExportLinks, num, pct, Section, useReport } from './shared';

type Forecast = Schemas['ForecastReportView'];

/** The coming week: expected messages needing an answer per hour, agents needed against the team. */
export function ForecastTab({ state }: TabProps) {
  const { t } = useTranslation();
  const params: Record<string, string> = state.tz ? { tz: state.tz } : {};
  const r = useReport<Forecast>('/api/reports/forecast', params);
  const f = r.data;
  const option = useMemo(() => {
    if (!f) return null;
    return {
      aria: { enabled: true },
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 48, right: 48, top: 36, bottom: 28 },
      xAxis: { type: 'category', data: f.hours.map((h) => h.label.slice(5, 16).replace('T', ' ')) },
      yAxis: [
        { type: 'value', name: t('reports.expectedItems') },
        { type: 'value', name: t('reports.agentsNeeded'), minInterval: 1 },
      ],
      series: [
        {
          name: t('reports.expectedItems'),
          type: 'bar',
          itemStyle: { color: OKABE_ITO.sky },
          data: f.hours.map((h) => h.expected),
        },
        {
          name: t('reports.agentsNeeded'),
          type: 'line',
          step: 'middle',
          yAxisIndex: 1,
          symbol: 'none',
          itemStyle: { color: OKABE_ITO.vermillion },
          data: f.hours.map((h) => h.agentsNeeded),
          markLine: {
            symbol: 'none',
            lineStyle: { type: 'dashed', color: OKABE_ITO.black },
            label: { formatter: t('reports.teamAgents') + ': {c}' },
            data: [{ yAxis: f.team.agents }],
          },
        },
      ],
    };
  }, [f, t]);
  return (
    <Section
      title={t('reports.forecastTitle')}
      state={r}
      actions={<ExportLinks path="/api/reports/forecast" params={params} name={t('reports.forecastTitle')} />}
    >
      {f && option ? (
        <>
          <p>
            <strong>{t('reports.forecastWeek', { week: f.week })}</strong> · {t('reports.expectedItems')}:{' '}
            {num(f.total)} · {t('reports.peak', { n: f.peakAgents })} · {t('reports.teamAgents')}:{' '}
            {f.team.agents}
          </p>
          <p className="muted">
            {t('reports.assumptions', {
              sla: f.assumptions.slaMinutes,
              target: pct(f.assumptions.target),
              handle: f.assumptions.handleMinutes,
            })}
            {f.backtest
              ? ` · ${t('reports.backtest', { week: f.backtest.week, mape: pct(f.backtest.mape, 1), wape: pct(f.backtest.wape, 1) })}`
              : ''}
          </p>
          <Chart title={t('reports.forecastTitle')} fileName={`forecast-${f.week}`} option={option} tall />
        </>
      ) : null}
    </Section>
  );
}
