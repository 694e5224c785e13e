import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { Schemas } from '../api/client';
import { formatFull } from '../lib/time';
import { Chart } from './Chart';
import { inboxLink, itemsLink } from './drill';
import { OKABE_ITO } from './palette';
import type { TabProps } from './ReportsPage';
import { ExportLinks, num, pct, secs, Section, Stat, useReport } from './shared';
import { apiRange, safeGranularity } from './state';

type Sla = Schemas['SlaReportView'];
type SlaRow = Schemas['SlaRowView'];
type Frt = Schemas['FrtReportView'];
type Backlog = Schemas['BacklogReportView'];
type Breaches = Schemas['BreachesReportView'];
type Agents = Schemas['AgentsReportView'];

/** Care leads' view: SLA compliance, first-response times, backlog, breaches and agents. */
export function CareTab({ state, zone }: TabProps) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const params = apiRange(state, { granularity: safeGranularity(state) });
  const noCompare = { ...apiRange(state, { granularity: safeGranularity(state), compare: false }) };
  const sla = useReport<Sla>('/api/reports/care/sla', params);
  const frt = useReport<Frt>('/api/reports/care/first-response', params);
  const backlog = useReport<Backlog>('/api/reports/care/backlog', noCompare);
  const breaches = useReport<Breaches>('/api/reports/care/breaches', noCompare);
  const agents = useReport<Agents>('/api/reports/care/agents', params);

  const trendOption = useMemo(() => {
    const f = frt.data;
    if (!f) return null;
    return {
      aria: { enabled: true },
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 56, right: 56, top: 36, bottom: 28 },
      xAxis: { type: 'category', data: f.trend.map((p) => p.label) },
      yAxis: [
        { type: 'value', name: t('reports.compliance'), min: 0, max: 1 },
        { type: 'value', name: 'min' },
      ],
      series: [
        {
          name: t('reports.compliance'),
          type: 'line',
          itemStyle: { color: OKABE_ITO.green },
          data: f.trend.map((p) => p.compliance),
        },
        {
          name: t('reports.median'),
          type: 'line',
          yAxisIndex: 1,
          itemStyle: { color: OKABE_ITO.blue },
          data: f.trend.map((p) => (p.medianSeconds === null ? null : Math.round(p.medianSeconds / 6) / 10)),
        },
        {
          name: t('reports.p90'),
          type: 'line',
          yAxisIndex: 1,
          lineStyle: { type: 'dashed' },
          itemStyle: { color: OKABE_ITO.orange },
          data: f.trend.map((p) => (p.p90Seconds === null ? null : Math.round(p.p90Seconds / 6) / 10)),
        },
      ],
    };
  }, [frt.data, t]);

  const histOption = useMemo(() => {
    const f = frt.data;
    if (!f) return null;
    const label = (b: Schemas['FrtBucketView']) =>
      b.toSeconds === null ? `≥ ${secs(b.fromSeconds)}` : `< ${secs(b.toSeconds)}`;
    return {
      aria: { enabled: true },
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 48, right: 16, top: 36, bottom: 56 },
      xAxis: { type: 'category', data: f.histogram.map(label), axisLabel: { rotate: 40 } },
      yAxis: { type: 'value' },
      series: [
        {
          name: t('reports.current'),
          type: 'bar',
          itemStyle: { color: OKABE_ITO.blue },
          data: f.histogram.map((b) => b.count),
        },
        ...(f.previousRange
          ? [
              {
                name: t('reports.previous'),
                type: 'bar',
                itemStyle: { color: OKABE_ITO.sky },
                data: f.histogram.map((b) => b.previousCount),
              },
            ]
          : []),
      ],
    };
  }, [frt.data, t]);

  const backlogOption = useMemo(() => {
    const b = backlog.data;
    if (!b) return null;
    return {
      aria: { enabled: true },
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 48, right: 16, top: 36, bottom: 28 },
      xAxis: { type: 'category', data: b.points.map((p) => p.label) },
      yAxis: { type: 'value' },
      series: [
        {
          name: t('reports.openConv'),
          type: 'line',
          itemStyle: { color: OKABE_ITO.blue },
          data: b.points.map((p) => p.openMax),
        },
        {
          name: t('reports.unassigned'),
          type: 'line',
          lineStyle: { type: 'dotted' },
          itemStyle: { color: OKABE_ITO.orange },
          data: b.points.map((p) => p.unassignedLast),
        },
        {
          name: t('reports.overdue'),
          type: 'line',
          lineStyle: { type: 'dashed' },
          itemStyle: { color: OKABE_ITO.vermillion },
          data: b.points.map((p) => p.overdueMax),
        },
      ],
    };
  }, [backlog.data, t]);

  const loadOption = useMemo(() => {
    const a = agents.data?.agents.filter((x) => x.agentId);
    if (!a?.length) return null;
    return {
      aria: { enabled: true },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { top: 0 },
      grid: { left: 120, right: 16, top: 32, bottom: 24 },
      yAxis: { type: 'category', inverse: true, data: a.map((x) => x.name) },
      xAxis: { type: 'value' },
      series: [
        {
          name: t('reports.load'),
          type: 'bar',
          itemStyle: { color: OKABE_ITO.blue },
          data: a.map((x) => x.loadAvg),
        },
        {
          name: t('reports.capacity'),
          type: 'bar',
          itemStyle: { color: OKABE_ITO.grey },
          data: a.map((x) => x.capacity),
        },
      ],
    };
  }, [agents.data, t]);

  const slaTable = (rows: SlaRow[], by: 'intent' | 'source') => (
    <table className="table report-table">
      <thead>
        <tr>
          <th scope="col">{by === 'intent' ? t('reports.intent') : t('reports.source')}</th>
          <th scope="col">{t('reports.cycles')}</th>
          <th scope="col">{t('reports.compliance')}</th>
          <th scope="col">{t('reports.previous')}</th>
          <th scope="col">{t('reports.breached')}</th>
          <th scope="col">{t('reports.median')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={`${r.intent}-${r.sourceId}`}>
            <td>
              <Link to={itemsLink(r.filter, zone)}>
                {by === 'intent' ? t(`intent.${r.intent}`, { defaultValue: r.intent }) : r.sourceName}
              </Link>
            </td>
            <td>{num(r.cycles)}</td>
            <td>{pct(r.compliance, 1)}</td>
            <td className="muted">{pct(r.previousCompliance, 1)}</td>
            <td>{num(r.breached)}</td>
            <td>{secs(r.medianSeconds)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );

  return (
    <>
      <Section
        title={t('reports.slaTitle')}
        state={sla}
        actions={<ExportLinks path="/api/reports/care/sla" params={params} name={t('reports.slaTitle')} />}
      >
        {sla.data ? (
          <>
            <div className="report-stats">
              <Stat
                label={t('reports.compliance')}
                value={sla.data.compliance}
                change="points"
                format={(v) => pct(v, 1)}
              />
              <Stat label={t('reports.met')} value={sla.data.met} />
              <Stat label={t('reports.breached')} value={sla.data.breached} />
            </div>
            <div className="report-split">
              <div>
                <h3>{t('reports.byIntent')}</h3>
                {slaTable(sla.data.byIntent, 'intent')}
              </div>
              <div>
                <h3>{t('reports.bySource')}</h3>
                {slaTable(sla.data.bySource, 'source')}
              </div>
            </div>
          </>
        ) : null}
      </Section>
      <Section
        title={t('reports.frtTitle')}
        state={frt}
        actions={
          <ExportLinks path="/api/reports/care/first-response" params={params} name={t('reports.frtTitle')} />
        }
      >
        {frt.data && trendOption && histOption ? (
          <>
            <div className="report-stats">
              <Stat label={t('reports.median')} value={frt.data.medianSeconds} format={secs} />
              <Stat label={t('reports.p90')} value={frt.data.p90Seconds} format={secs} />
              <Stat label={t('reports.handled')} value={frt.data.responded} />
            </div>
            <div className="report-split">
              <Chart
                title={t('reports.frtTitle')}
                fileName="first-response-trend"
                option={trendOption}
                onPick={(p) => {
                  const point = frt.data.trend[p.dataIndex];
                  if (point) navigate(itemsLink(point.filter, zone));
                }}
              />
              <Chart
                title={t('reports.frtHistogram')}
                fileName="first-response-histogram"
                option={histOption}
              />
            </div>
          </>
        ) : null}
      </Section>
      <Section
        title={t('reports.backlogTitle')}
        state={backlog}
        actions={
          <ExportLinks path="/api/reports/care/backlog" params={noCompare} name={t('reports.backlogTitle')} />
        }
      >
        {backlogOption ? (
          <Chart
            title={t('reports.backlogTitle')}
            fileName="backlog"
            option={backlogOption}
            onPick={() => navigate('/inbox?status=open')}
          />
        ) : null}
      </Section>
      <Section
        title={t('reports.breachesTitle')}
        state={breaches}
        actions={
          <ExportLinks
            path="/api/reports/care/breaches"
            params={noCompare}
            name={t('reports.breachesTitle')}
          />
        }
      >
        {breaches.data?.breaches.length ? (
          <div className="table-wrap">
            <table className="table report-table">
              <thead>
                <tr>
                  <th scope="col">{t('reports.started')}</th>
                  <th scope="col">{t('reports.due')}</th>
                  <th scope="col">{t('reports.answered')}</th>
                  <th scope="col">{t('reports.late')}</th>
                  <th scope="col">{t('reports.intent')}</th>
                  <th scope="col">{t('reports.source')}</th>
                  <th scope="col">{t('reports.agent')}</th>
                </tr>
              </thead>
              <tbody>
                {breaches.data.breaches.map((b) => (
                  <tr key={`${b.conversationId}-${b.startedAt}`}>
                    <td>
                      <Link to={inboxLink(b.conversationId)}>{formatFull(b.startedAt)}</Link>
                    </td>
                    <td>{formatFull(b.dueAt)}</td>
                    <td>{b.respondedAt ? formatFull(b.respondedAt) : '—'}</td>
                    <td>{secs(b.lateSeconds)}</td>
                    <td>{t(`intent.${b.intent}`, { defaultValue: b.intent })}</td>
                    <td>{b.sourceName}</td>
                    <td>{b.agentName ?? '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p className="muted">{t('reports.empty')}</p>
        )}
      </Section>
      <Section
        title={t('reports.agentsTitle')}
        state={agents}
        actions={
          <ExportLinks path="/api/reports/care/agents" params={params} name={t('reports.agentsTitle')} />
        }
      >
        {agents.data ? (
          <>
            {loadOption ? (
              <Chart
                title={`${t('reports.load')} / ${t('reports.capacity')}`}
                fileName="agent-load"
                option={loadOption}
              />
            ) : null}
            <div className="table-wrap">
              <table className="table report-table">
                <thead>
                  <tr>
                    <th scope="col">{t('reports.agent')}</th>
                    <th scope="col">{t('reports.handled')}</th>
                    <th scope="col">{t('reports.compliance')}</th>
                    <th scope="col">{t('reports.median')}</th>
                    <th scope="col">{t('reports.p90')}</th>
                    <th scope="col">{t('reports.load')}</th>
                    <th scope="col">{t('reports.capacity')}</th>
                    <th scope="col">{t('reports.utilisation')}</th>
                  </tr>
                </thead>
                <tbody>
                  {agents.data.agents.map((a) => (
                    <tr key={a.agentId ?? 'nobody'}>
                      <td>
                        <Link to={itemsLink(a.filter, zone)}>{a.agentId ? a.name : t('reports.nobody')}</Link>
                      </td>
                      <td>{num(a.handled.current)}</td>
                      <td>{pct(a.compliance, 1)}</td>
                      <td>{secs(a.medianSeconds)}</td>
                      <td>{secs(a.p90Seconds)}</td>
                      <td>
                        {a.loadAvg ?? '—'} / {a.loadMax ?? '—'}
                      </td>
                      <td>{a.capacity ?? '—'}</td>
                      <td className={a.utilisation !== null && a.utilisation > 1 ? 'over' : undefined}>
                        {pct(a.utilisation)}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        ) : null}
      </Section>
    </>
  );
}
