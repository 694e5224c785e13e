import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { get, patch, post, type Schemas, type SlaPolicy } from '../api/client';
import { keys, useLabels, useSources } from '../api/queries';
import { formatDuration, userTimeZone } from '../lib/time';
import { useLabel } from '../ui/badges';
import { errorText } from '../ui/errors';
import { useToast } from '../ui/toasts';

const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
type Day = (typeof DAYS)[number];
interface Interval {
  from: string;
  to: string;
}
interface CalendarSpec {
  timeZone: string;
  week: Partial<Record<Day, Interval[]>>;
  holidays?: string[];
  productionCalendar?: string;
}

/** SLA policies: first-response targets by source and intent, each with a business calendar. */
export function SlaPage() {
  const { t } = useTranslation();
  const policies = useQuery({ queryKey: keys.sla, queryFn: () => get<SlaPolicy[]>('/api/sla-policies') });
  const [editing, setEditing] = useState<SlaPolicy | 'new' | null>(null);
  const sources = useSources();
  const label = useLabel();
  const sourceName = (id: string | null) =>
    id ? (sources.data?.find((s) => s.id === id)?.name ?? id) : t('sla.allSources');
  return (
    <>
      <h1>{t('sla.title')}</h1>
      <div className="button-row">
        <button type="button" className="btn btn-primary" onClick={() => setEditing('new')}>
          {t('sla.add')}
        </button>
      </div>
      {editing ? (
        <PolicyForm policy={editing === 'new' ? null : editing} onDone={() => setEditing(null)} />
      ) : null}
      {policies.error ? <p className="form-error">{errorText(policies.error)}</p> : null}
      <table className="table">
        <thead>
          <tr>
            <th scope="col">{t('sla.name')}</th>
            <th scope="col">{t('sla.source')}</th>
            <th scope="col">{t('sla.intent')}</th>
            <th scope="col">{t('sla.target')}</th>
            <th scope="col">{t('sla.calendar')}</th>
            <th scope="col">{t('sla.enabled')}</th>
            <th scope="col">
              <span className="sr-only">{t('admin.edit')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {(policies.data ?? []).map((p) => (
            <tr key={p.id}>
              <td>{p.name}</td>
              <td>{sourceName(p.sourceId)}</td>
              <td>{p.intent ? label('intent', p.intent) : t('sla.allIntents')}</td>
              <td>{formatDuration(p.firstResponseMinutes * 60_000)}</td>
              <td>{describeCalendar(p.calendar as CalendarSpec | null, t)}</td>
              <td>{p.enabled ? t('admin.yes') : t('admin.no')}</td>
              <td>
                <button type="button" className="btn btn-small" onClick={() => setEditing(p)}>
                  {t('admin.edit')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

function describeCalendar(c: CalendarSpec | null, t: (k: string) => string): string {
  if (!c) return t('sla.allDay');
  const days = DAYS.filter((d) => (c.week[d]?.length ?? 0) > 0)
    .map((d) => `${t(`sla.day.${d}`)} ${c.week[d]!.map((i) => `${i.from}–${i.to}`).join(', ')}`)
    .join('; ');
  return `${days} (${c.timeZone})${c.productionCalendar ? ' + RU' : ''}`;
}

function PolicyForm({ policy, onDone }: { policy: SlaPolicy | null; onDone(): void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const toast = useToast();
  const labels = useLabels();
  const sources = useSources();
  const label = useLabel();
  const cal = policy?.calendar as CalendarSpec | null | undefined;
  const [business, setBusiness] = useState(!!cal);
  const [week, setWeek] = useState<Partial<Record<Day, Interval[]>>>(
    cal?.week ?? Object.fromEntries(DAYS.slice(0, 5).map((d) => [d, [{ from: '09:00', to: '18:00' }]])),
  );
  const [error, setError] = useState<string>();
  const minutes = policy?.firstResponseMinutes ?? 60;

  async function submit(ev: FormEvent<HTMLFormElement>) {
    ev.preventDefault();
    const f = new FormData(ev.currentTarget);
    const v = (k: string) => String(f.get(k) ?? '').trim();
    const holidays = v('holidays')
      .split(/[\s,;]+/)
      .filter(Boolean);
    const calendar: CalendarSpec | null = business
      ? {
          timeZone: v('timeZone') || userTimeZone(),
          week,
          ...(holidays.length ? { holidays } : {}),
          ...(f.get('production') ? { productionCalendar: 'RU' } : {}),
        }
      : null;
    const body = {
      name: v('name'),
      sourceId: v('sourceId') || null,
      intent: v('intent') || null,
      firstResponseMinutes: Number(v('hours') || 0) * 60 + Number(v('minutes') || 0),
      calendar,
      pauseWhilePending: !!f.get('pause'),
      enabled: !!f.get('enabled'),
    };
    try {
      if (policy) {
        const r = await patch<Schemas['SlaPolicyChangeView']>(`/api/sla-policies/${policy.id}`, body);
        toast(r.recomputedClocks ? t('sla.recomputed', { count: r.recomputedClocks }) : t('admin.saved'));
      } else {
        await post('/api/sla-policies', body);
        toast(t('admin.saved'));
      }
      await qc.invalidateQueries({ queryKey: keys.sla });
      onDone();
    } catch (err) {
      setError(errorText(err));
    }
  }

  const setDay = (d: Day, iv: Interval[] | undefined) => setWeek((w) => ({ ...w, [d]: iv }));
  return (
    <form
      className="card form"
      onSubmit={(e) => void submit(e)}
      aria-label={policy ? policy.name : t('sla.add')}
    >
      <label>
        <span>{t('sla.name')}</span>
        <input name="name" required maxLength={200} defaultValue={policy?.name ?? ''} />
      </label>
      <div className="field-row">
        <label>
          <span>{t('sla.source')}</span>
          <select name="sourceId" defaultValue={policy?.sourceId ?? ''}>
            <option value="">{t('sla.allSources')}</option>
            {(sources.data ?? []).map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>{t('sla.intent')}</span>
          <select name="intent" defaultValue={policy?.intent ?? ''}>
            <option value="">{t('sla.allIntents')}</option>
            {(labels.data?.intents ?? []).map((i) => (
              <option key={i} value={i}>
                {label('intent', i)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <fieldset className="field-row">
        <legend>{t('sla.target')}</legend>
        <label>
          <input name="hours" type="number" min={0} max={744} defaultValue={Math.floor(minutes / 60)} />
          <span>{t('sla.hours')}</span>
        </label>
        <label>
          <input name="minutes" type="number" min={0} max={59} defaultValue={minutes % 60} />
          <span>{t('sla.minutes')}</span>
        </label>
      </fieldset>
      <fieldset>
        <legend>{t('sla.calendar')}</legend>
        <label className="checkbox">
          <input type="radio" name="mode" checked={!business} onChange={() => setBusiness(false)} />
          <span>{t('sla.allDay')}</span>
        </label>
        <label className="checkbox">
          <input type="radio" name="mode" checked={business} onChange={() => setBusiness(true)} />
          <span>{t('sla.businessHours')}</span>
        </label>
        {business ? (
          <>
            <label>
              <span>{t('sla.timeZone')}</span>
              <input name="timeZone" defaultValue={cal?.timeZone ?? userTimeZone()} required />
            </label>
            <div className="week">
              {DAYS.map((d) => {
                const iv = week[d]?.[0];
                return (
                  <div key={d} className="day-row">
                    <label className="checkbox">
                      <input
                        type="checkbox"
                        checked={!!iv}
                        onChange={(e) =>
                          setDay(d, e.target.checked ? [{ from: '09:00', to: '18:00' }] : undefined)
                        }
                      />
                      <span>{t(`sla.day.${d}`)}</span>
                    </label>
                    {iv ? (
                      <>
                        <label>
                          <span className="sr-only">
                            {t(`sla.day.${d}`)} {t('sla.from')}
                          </span>
                          <input
                            type="time"
                            value={iv.from}
                            onChange={(e) => setDay(d, [{ ...iv, from: e.target.value }])}
                            required
                          />
                        </label>
                        <span aria-hidden="true">–</span>
                        <label>
                          <span className="sr-only">
                            {t(`sla.day.${d}`)} {t('sla.to')}
                          </span>
                          <input
                            type="time"
                            value={iv.to}
                            onChange={(e) => setDay(d, [{ ...iv, to: e.target.value }])}
                            required
                          />
                        </label>
                      </>
                    ) : (
                      <span className="muted small">{t('sla.dayOff')}</span>
                    )}
                  </div>
                );
              })}
            </div>
            <label className="checkbox">
              <input
                type="checkbox"
                name="production"
                defaultChecked={cal ? !!cal.productionCalendar : true}
              />
              <span>{t('sla.production')}</span>
            </label>
            <label>
              <span>{t('sla.holidays')}</span>
              <input name="holidays" defaultValue={(cal?.holidays ?? []).join(', ')} pattern="[0-9, ;\-]*" />
            </label>
          </>
        ) : null}
      </fieldset>
      <label className="checkbox">
        <input type="checkbox" name="pause" defaultChecked={policy?.pauseWhilePending ?? true} />
        <span>{t('sla.pause')}</span>
      </label>
      <label className="checkbox">
        <input type="checkbox" name="enabled" defaultChecked={policy?.enabled ?? true} />
        <span>{t('sla.enabled')}</span>
      </label>
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="button-row">
        <button type="submit" className="btn btn-primary">
          {t('admin.save')}
        </button>
        <button type="button" className="btn" onClick={onDone}>
          {t('admin.cancel')}
        </button>
      </div>
    </form>
  );
}
