import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useSources } from '../api/queries';
import { formatFull } from '../lib/time';
import { PlatformChip } from '../ui/badges';
import { errorText, sourceErrorText } from '../ui/errors';
import { useAlerts } from './api';
import { StateChip } from './AlertsPage';

/** Each source's health, with its open source-health alert (needs attention, or silent). */
export function SourceHealth() {
  const { t } = useTranslation();
  const sources = useSources();
  const alerts = useAlerts('', 'source_health', 100);
  const open = new Map<string, { id: string; state: string; title: string }>();
  for (const a of alerts.data?.alerts ?? []) {
    const sid = (a.details as { sourceId?: string }).sourceId;
    if (a.type === 'alert' && !a.resolvedAt && sid && !open.has(sid)) open.set(sid, a);
  }
  return (
    <>
      <h1>{t('alerts.health')}</h1>
      <p className="muted">{t('alerts.healthHelp')}</p>
      {sources.error ? <p className="form-error">{errorText(sources.error)}</p> : null}
      <table className="table source-health">
        <thead>
          <tr>
            <th scope="col">{t('alerts.source')}</th>
            <th scope="col">{t('alerts.filterState')}</th>
            <th scope="col">{t('alerts.lastSync')}</th>
            <th scope="col">{t('alerts.openAlert')}</th>
          </tr>
        </thead>
        <tbody>
          {(sources.data ?? []).map((s) => {
            const a = open.get(s.id);
            return (
              <tr key={s.id} data-source={s.id} data-status={s.status}>
                <td>
                  <PlatformChip platform={s.platform} /> {s.name}
                </td>
                <td>
                  <span className={`health health-${s.status}`}>{t(`sources.health.${s.status}`)}</span>
                  {s.statusReason ? (
                    <div className="small source-error">{sourceErrorText(s.statusReason)}</div>
                  ) : null}
                </td>
                <td>{s.lastSyncedAt ? formatFull(s.lastSyncedAt) : t('alerts.never')}</td>
                <td>
                  {a ? (
                    <Link to={`/alerts/${a.id}`}>
                      <StateChip state={a.state} /> {a.title}
                    </Link>
                  ) : (
                    '—'
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {sources.data?.length === 0 ? <p className="muted">{t('alerts.noSources')}</p> : null}
    </>
  );
}
