import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { Schemas } from '../api/client';
import { Chart } from './Chart';
import { downloadCsv } from './csv';
import { itemsLink } from './drill';
import { heatmapData, hourOfWeekMatrix } from './heatmap';
import { HEAT_RAMP, OKABE_ITO, SENTIMENT_COLOURS, SERIES_COLOURS } from './palette';
import type { TabProps } from './ReportsPage';
import { ExportLinks, num, pct, Section, Stat, useReport } from './shared';
import { addDays, apiRange, daysBetween, safeGranularity } from './state';

type Sentiment = Schemas['SentimentReportView'];
type Intents = Schemas['IntentReportView'];
const SENTIMENTS = ['negative', 'neutral', 'positive'] as const;
const INTENTS = [
  'complaint',
  'support_question',
  'sales_question',
  'praise',
  'spam',
  'other',
  'unknown',
] as const;

/** Marketing's view: volume and sentiment with the previous period, intent mix, hour-of-week load. */
export function BrandTab({ state, zone }: TabProps) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const params = apiRange(state, { granularity: safeGranularity(state) });
  const sentiment = useReport<Sentiment>('/api/reports/sentiment', params);
  const intents = useReport<Intents>('/api/reports/intents', params);
  // the heatmap reads hours over at most the last 90 days of the range
  const heatFrom = daysBetween(state.from, state.to) > 90 ? addDays(state.to, -89) : state.from;
  const heatParams = {
    ...apiRange({ ...state, from: heatFrom }, { granularity: 'hour', compare: false }),
    compare: 'none',
  };
  const hours = useReport<Sentiment>('/api/reports/sentiment', heatParams);

  const s = sentiment.data?.series[0];
  const sentimentOption = useMemo(() => {
    if (!s) return null;
    const labels = s.points.map((p) => p.label);
    return {
      aria: { enabled: true },
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 48, right: 48, top: 36, bottom: 28 },
      xAxis: { type: 'category', data: labels },
      yAxis: [
        { type: 'value', name: t('reports.volume') },
        { type: 'value', name: t('reports.netSentiment'), min: -1, max: 1 },
      ],
      series: [
        ...SENTIMENTS.map((k) => ({
          name: t(`sentiment.${k}`),
          type: 'bar',
          stack: 'now',
          itemStyle: { color: SENTIMENT_COLOURS[k] },
          data: s.points.map((p) => p[k]),
        })),
        ...(s.previous.length
          ? [
              {
                name: `${t('reports.volume')}: ${t('reports.previous')}`,
                type: 'line',
                lineStyle: { type: 'dashed', color: OKABE_ITO.black },
                itemStyle: { color: OKABE_ITO.black },
                symbol: 'none',
                data: s.previous.map((p) => p.items),
              },
            ]
          : []),
        {
          name: t('reports.netSentiment'),
          type: 'line',
          yAxisIndex: 1,
          itemStyle: { color: OKABE_ITO.blue },
          data: s.points.map((p) => p.netSentiment),
        },
      ],
    };
  }, [s, t]);

  const ip = intents.data;
  const intentOption = useMemo(() => {
    if (!ip) return null;
    return {
      aria: { enabled: true },
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 48, right: 16, top: 36, bottom: 28 },
      xAxis: { type: 'category', data: ip.points.map((p) => p.label) },
      yAxis: { type: 'value' },
      series: INTENTS.map((k, i) => ({
        name: t(`intent.${k}`, { defaultValue: k }),
        type: 'bar',
        stack: 'intents',
        itemStyle: { color: SERIES_COLOURS[i % SERIES_COLOURS.length] },
        data: ip.points.map((p) => p.counts[k]),
      })),
    };
  }, [ip, t]);

  const matrix = useMemo(
    () => (hours.data ? hourOfWeekMatrix(hours.data.series[0]?.points ?? []) : null),
    [hours.data],
  );
  const days = t('reports.weekdays', { returnObjects: true }) as string[];
  const heatOption = useMemo(() => {
    if (!matrix) return null;
    const max = Math.max(1, ...matrix.flat());
    return {
      aria: { enabled: true },
      tooltip: { position: 'top' },
      grid: { left: 48, right: 16, top: 8, bottom: 64 },
      xAxis: {
        type: 'category',
        data: Array.from({ length: 24 }, (_, h) => String(h)),
        splitArea: { show: true },
      },
      yAxis: { type: 'category', data: days, inverse: true, splitArea: { show: true } },
      visualMap: {
        min: 0,
        max,
        calculable: true,
        orient: 'horizontal',
        left: 'center',
        bottom: 0,
        inRange: { color: HEAT_RAMP },
      },
      series: [{ name: t('reports.volume'), type: 'heatmap', data: heatmapData(matrix) }],
    };
  }, [matrix, days, t]);

  return (
    <>
      <Section
        title={t('reports.sentimentTitle')}
        state={sentiment}
        actions={
          <ExportLinks path="/api/reports/sentiment" params={params} name={t('reports.sentimentTitle')} />
        }
      >
        {s ? (
          <>
            <div className="report-stats">
              <Stat label={t('reports.volume')} value={s.totals.items} />
              <Stat
                label={t('reports.netSentiment')}
                value={s.totals.netSentiment}
                change="points"
                format={(v) => (v === null ? '—' : v.toFixed(2))}
              />
              <Stat
                label={t('reports.shareNegative')}
                value={s.totals.shareNegative}
                change="points"
                format={(v) => pct(v, 1)}
              />
            </div>
            {sentimentOption ? (
              <Chart
                title={t('reports.sentimentTitle')}
                fileName="sentiment"
                option={sentimentOption}
                onPick={(p) => {
                  const point = s.points[p.dataIndex];
                  if (!point) return;
                  const sentimentOf = p.seriesIndex < 3 ? SENTIMENTS[p.seriesIndex] : undefined;
                  navigate(itemsLink({ ...point.filter, sentiment: sentimentOf }, zone));
                }}
              />
            ) : null}
          </>
        ) : (
          <p className="muted">{t('reports.empty')}</p>
        )}
      </Section>
      <Section
        title={t('reports.intentTitle')}
        state={intents}
        actions={<ExportLinks path="/api/reports/intents" params={params} name={t('reports.intentTitle')} />}
      >
        {ip && intentOption ? (
          <>
            <Chart
              title={t('reports.intentTitle')}
              fileName="intents"
              option={intentOption}
              onPick={(p) => {
                const point = ip.points[p.dataIndex];
                if (point) navigate(itemsLink({ ...point.filter, intent: INTENTS[p.seriesIndex] }, zone));
              }}
            />
            <table className="table report-table">
              <thead>
                <tr>
                  <th scope="col">{t('reports.intent')}</th>
                  <th scope="col">{t('reports.current')}</th>
                  <th scope="col">{t('reports.previous')}</th>
                  <th scope="col">%</th>
                </tr>
              </thead>
              <tbody>
                {ip.totals.map((row) => (
                  <tr key={row.intent}>
                    <td>
                      <Link to={itemsLink(row.filter, zone)}>
                        {t(`intent.${row.intent}`, { defaultValue: row.intent })}
                      </Link>
                    </td>
                    <td>{num(row.count.current)}</td>
                    <td>{num(row.count.previous)}</td>
                    <td>{pct(row.share.current, 1)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        ) : null}
      </Section>
      <Section
        title={t('reports.heatmapTitle')}
        state={hours}
        actions={
          matrix ? (
            <button
              type="button"
              className="btn btn-small"
              onClick={() =>
                downloadCsv(
                  'hour-of-week',
                  ['day', ...Array.from({ length: 24 }, (_, h) => String(h))],
                  matrix.map((row, d) => [days[d], ...row]),
                )
              }
            >
              {t('reports.csv')}
            </button>
          ) : null
        }
      >
        {heatOption ? (
          <Chart title={t('reports.heatmapTitle')} fileName="hour-of-week" option={heatOption} tall />
        ) : null}
      </Section>
    </>
  );
}
