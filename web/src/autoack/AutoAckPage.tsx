import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { get, patch, post, type Schemas } from '../api/client';
import { useLabels, useSources } from '../api/queries';
import { useLabel } from '../ui/badges';
import { errorText } from '../ui/errors';
import { useToast } from '../ui/toasts';

type Rule = Schemas['AutoAckRuleView'];
const KEY = ['auto-ack-rules'] as const;

/** Auto-acknowledgement rules per source and intent (admins). */
export function AutoAckPage() {
  const { t } = useTranslation();
  const label = useLabel();
  const sources = useSources();
  const rules = useQuery({
    queryKey: KEY,
    queryFn: ({ signal }) => get<Rule[]>('/api/auto-ack/rules', { signal }),
  });
  const [editing, setEditing] = useState<Rule | 'new' | null>(null);
  const sourceName = (id: string | null) =>
    id ? (sources.data?.find((s) => s.id === id)?.name ?? id) : t('autoAck.allSources');
  return (
    <>
      <h1>{t('autoAck.title')}</h1>
      <p className="muted">{t('autoAck.intro')}</p>
      <div className="button-row">
        <button type="button" className="btn btn-primary" onClick={() => setEditing('new')}>
          {t('autoAck.add')}
        </button>
      </div>
      {editing ? (
        <RuleForm rule={editing === 'new' ? null : editing} onDone={() => setEditing(null)} />
      ) : null}
      {rules.error ? <p className="form-error">{errorText(rules.error)}</p> : null}
      {rules.data?.length === 0 ? <p className="muted">{t('autoAck.none')}</p> : null}
      <ul className="template-list">
        {(rules.data ?? []).map((r) => (
          <li key={r.id} className="card auto-ack-rule">
            <div className="source-title">
              <h3>{sourceName(r.sourceId)}</h3>
              <span className="badge">{r.intent ? label('intent', r.intent) : t('autoAck.allIntents')}</span>
              <span className="badge">{r.enabled ? t('autoAck.on') : t('autoAck.off')}</span>
              <span className="grow" />
              <button type="button" className="btn btn-small" onClick={() => setEditing(r)}>
                {t('autoAck.edit')}
              </button>
            </div>
            <p className="muted small">
              {[
                r.outsideHours ? t('autoAck.outsideHours') : null,
                r.waitOverMinutes ? `${t('autoAck.waitOver')}: ${r.waitOverMinutes}` : null,
                r.publicComments ? t('autoAck.publicComments') : null,
              ]
                .filter(Boolean)
                .join(' · ')}
            </p>
            <p className="msg-text">{r.templateRu}</p>
            <p className="msg-text muted">{r.templateEn}</p>
          </li>
        ))}
      </ul>
    </>
  );
}

function RuleForm({ rule, onDone }: { rule: Rule | null; onDone(): void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const toast = useToast();
  const labels = useLabels();
  const label = useLabel();
  const sources = useSources();
  const [error, setError] = useState<string>();
  async function submit(ev: FormEvent<HTMLFormElement>) {
    ev.preventDefault();
    const f = new FormData(ev.currentTarget);
    const v = (k: string) => String(f.get(k) ?? '').trim();
    const body = {
      sourceId: v('sourceId') || null,
      intent: v('intent') || null,
      enabled: f.get('enabled') === 'on',
      outsideHours: f.get('outsideHours') === 'on',
      publicComments: f.get('publicComments') === 'on',
      waitOverMinutes: v('waitOverMinutes') ? Number(v('waitOverMinutes')) : null,
      templateRu: v('templateRu'),
      templateEn: v('templateEn'),
    };
    try {
      if (rule) await patch(`/api/auto-ack/rules/${rule.id}`, body);
      else await post('/api/auto-ack/rules', body);
      toast(t('autoAck.saved'));
      await qc.invalidateQueries({ queryKey: KEY });
      onDone();
    } catch (err) {
      setError(errorText(err));
    }
  }
  return (
    <form className="card form" onSubmit={(e) => void submit(e)} aria-label={t('autoAck.add')}>
      <div className="field-row">
        <label>
          <span>{t('autoAck.source')}</span>
          <select name="sourceId" defaultValue={rule?.sourceId ?? ''}>
            <option value="">{t('autoAck.allSources')}</option>
            {(sources.data ?? []).map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>{t('autoAck.intent')}</span>
          <select name="intent" defaultValue={rule?.intent ?? ''}>
            <option value="">{t('autoAck.allIntents')}</option>
            {(labels.data?.intents ?? []).map((i) => (
              <option key={i} value={i}>
                {label('intent', i)}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>{t('autoAck.waitOver')}</span>
          <input
            name="waitOverMinutes"
            type="number"
            min={1}
            max={10080}
            defaultValue={rule?.waitOverMinutes ?? ''}
          />
        </label>
      </div>
      <label className="checkbox">
        <input name="enabled" type="checkbox" defaultChecked={rule?.enabled ?? true} />
        {t('autoAck.enabled')}
      </label>
      <label className="checkbox">
        <input name="outsideHours" type="checkbox" defaultChecked={rule?.outsideHours ?? true} />
        {t('autoAck.outsideHours')}
      </label>
      <label className="checkbox">
        <input name="publicComments" type="checkbox" defaultChecked={rule?.publicComments ?? false} />
        {t('autoAck.publicComments')}
      </label>
      <label>
        <span>{t('autoAck.templateRu')}</span>
        <textarea
          name="templateRu"
          rows={2}
          required
          maxLength={1000}
          defaultValue={rule?.templateRu ?? t('autoAck.defaultRu')}
        />
      </label>
      <label>
        <span>{t('autoAck.templateEn')}</span>
        <textarea
          name="templateEn"
          rows={2}
          required
          maxLength={1000}
          defaultValue={rule?.templateEn ?? t('autoAck.defaultEn')}
        />
      </label>
      <p className="muted small">{t('autoAck.templateHint')}</p>
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="button-row">
        <button type="submit" className="btn btn-primary">
          {t('autoAck.save')}
        </button>
        <button type="button" className="btn" onClick={onDone}>
          {t('autoAck.cancel')}
        </button>
      </div>
    </form>
  );
}
