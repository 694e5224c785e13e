import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { Schemas } from '../api/client';
import { Chart } from './Chart';
import { itemsLink } from './drill';
import { SENTIMENT_COLOURS, SERIES_COLOURS } from './palette';
import type { TabProps } from './ReportsPage';
import { ExportLinks, num, Section, useReport } from './shared';
import { apiRange, safeGranularity } from './state';

type Terms = Schemas['TermsReportView'];
type Tags = Schemas['TagsReportView'];

/** "Why did sentiment drop": rising terms in negative items and in praise, and tag trends. */
export function TopicsTab({ state, zone }: TabProps) {
  const { t } = useTranslation();
  return (
    <>
      <TermsSection state={state} zone={zone} polarity="negative" title={t('reports.risingNegative')} />
      <TermsSection state={state} zone={zone} polarity="positive" title={t('reports.risingPositive')} />
      <TagsSection state={state} zone={zone} />
    </>
  );
}

function TermsSection({
  state,
  zone,
  polarity,
  title,
}: TabProps & { polarity: 'negative' | 'positive'; title: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const params = { ...apiRange(state, { granularity: null, compare: false }), polarity, limit: '20' };
  const r = useReport<Terms>('/api/reports/terms', params);
  const terms = useMemo(() => r.data?.terms ?? [], [r.data]);
  const option = useMemo(
    () => ({
      aria: { enabled: true },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { top: 0 },
      grid: { left: 140, right: 16, top: 32, bottom: 24 },
      xAxis: { type: 'value' },
      yAxis: { type: 'category', inverse: true, data: terms.slice(0, 12).map((x) => x.label) },
      series: [
        {
          name: t('reports.count'),
          type: 'bar',
          itemStyle: { color: SENTIMENT_COLOURS[polarity] },
          data: terms.slice(0, 12).map((x) => x.current),
        },
        {
          name: t('reports.expected'),
          type: 'bar',
          itemStyle: { color: '#8C8C8C' },
          data: terms.slice(0, 12).map((x) => x.expected),
        },
      ],
    }),
    [terms, polarity, t],
  );
  return (
    <Section
      title={title}
      state={r}
      actions={<ExportLinks path="/api/reports/terms" params={params} name={title} />}
    >
      {terms.length === 0 ? (
        <p className="muted">{t('reports.empty')}</p>
      ) : (
        <div className="report-split">
          <Chart
            title={title}
            fileName={`terms-${polarity}`}
            option={option}
            onPick={(p) => {
              const x = terms[p.dataIndex];
              if (x) navigate(itemsLink(x.filter, zone));
            }}
          />
          <table className="table report-table">
            <thead>
              <tr>
                <th scope="col">{t('reports.term')}</th>
                <th scope="col">{t('reports.count')}</th>
                <th scope="col">{t('reports.before')}</th>
                <th scope="col">{t('reports.expected')}</th>
              </tr>
            </thead>
            <tbody>
              {terms.map((x) => (
                <tr key={x.term}>
                  <td>
                    <Link to={itemsLink(x.filter, zone)} className="term-link">
                      {x.label}
                    </Link>
                  </td>
                  <td>{num(x.current)}</td>
                  <td>{num(x.previous)}</td>
                  <td>{num(x.expected)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Section>
  );
}

function TagsSection({ state, zone }: TabProps) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const params = apiRange(state, { granularity: safeGranularity(state) });
  const r = useReport<Tags>('/api/reports/tags', params);
  const tags = useMemo(() => r.data?.tags ?? [], [r.data]);
  const option = useMemo(
    () => ({
      aria: { enabled: true },
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 48, right: 16, top: 36, bottom: 28 },
      xAxis: { type: 'category', data: tags[0]?.points.map((p) => p.label) ?? [] },
      yAxis: { type: 'value' },
      series: tags.map((tag, i) => ({
        name: tag.name,
        type: 'line',
        itemStyle: { color: SERIES_COLOURS[i % SERIES_COLOURS.length] },
        data: tag.points.map((p) => p.conversations),
      })),
    }),
    [tags],
  );
  return (
    <Section
      title={t('reports.tagsTitle')}
      state={r}
      actions={<ExportLinks path="/api/reports/tags" params={params} name={t('reports.tagsTitle')} />}
    >
      {tags.length === 0 ? (
        <p className="muted">{t('reports.noTags')}</p>
      ) : (
        <>
          <Chart
            title={t('reports.tagsTitle')}
            fileName="tags"
            option={option}
            onPick={(p) => {
              const point = tags[p.seriesIndex]?.points[p.dataIndex];
              if (point) navigate(itemsLink(point.filter, zone));
            }}
          />
          <table className="table report-table">
            <tbody>
              {tags.map((tag) => (
                <tr key={tag.tagId}>
                  <td>
                    <Link to={itemsLink({ from: params.from, to: params.to, tagId: tag.tagId }, zone)}>
                      {tag.name}
                    </Link>
                  </td>
                  <td>{num(tag.total.current)}</td>
                  <td className="muted">{num(tag.total.previous)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </Section>
  );
}
