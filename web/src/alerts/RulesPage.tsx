import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { del, get, patch, post } from '../api/client';
import { useSources } from '../api/queries';
import { userTimeZone } from '../lib/time';
import { errorText } from '../ui/errors';
import { useToast } from '../ui/toasts';
import { alertKeys, useRuleDefaults, useRules, type AlertRule, type TestResult } from './api';

export const RULE_KINDS = [
  'negative_spike',
  'term_surge',
  'tag_surge',
  'high_reach',
  'sla',
  'source_health',
] as const;
type Kind = (typeof RULE_KINDS)[number];

type Field =
  | { key: string; type: 'int' | 'number'; min: number; max: number; step?: number }
  | { key: string; type: 'select'; options: string[]; group: string }
  | { key: string; type: 'multi'; options: string[]; group: string }
  | { key: string; type: 'bool' }
  | { key: string; type: 'lines' }
  | { key: string; type: 'tags' };

const SENSITIVITY: Field = {
  key: 'sensitivity',
  type: 'select',
  options: ['low', 'medium', 'high'],
  group: 'sensitivity',
};
/** Each kind's thresholds as form fields (the server checks them again: rule-params.ts). */
export const FIELDS: Record<Kind, Field[]> = {
  negative_spike: [
    { key: 'windowMinutes', type: 'int', min: 10, max: 1440 },
    { key: 'minNegatives', type: 'int', min: 1, max: 10000 },
    { key: 'minRatio', type: 'number', min: 1, max: 100, step: 0.1 },
    { key: 'minShareLift', type: 'number', min: 0, max: 10, step: 0.1 },
    SENSITIVITY,
    { key: 'clearRatio', type: 'number', min: 1, max: 100, step: 0.1 },
    { key: 'baselineWeeks', type: 'int', min: 1, max: 12 },
    { key: 'scopes', type: 'multi', options: ['overall', 'platform', 'source'], group: 'scope' },
  ],
  term_surge: [
    { key: 'windowMinutes', type: 'int', min: 10, max: 1440 },
    { key: 'minCount', type: 'int', min: 2, max: 10000 },
    { key: 'minAuthors', type: 'int', min: 1, max: 10000 },
    { key: 'minRatio', type: 'number', min: 1, max: 100, step: 0.1 },
    SENSITIVITY,
    { key: 'clearRatio', type: 'number', min: 1, max: 100, step: 0.1 },
    { key: 'maxAlertsPerRun', type: 'int', min: 1, max: 10 },
    { key: 'discover', type: 'bool' },
    { key: 'watch', type: 'lines' },
  ],
  tag_surge: [
    { key: 'windowMinutes', type: 'int', min: 10, max: 1440 },
    { key: 'minCount', type: 'int', min: 2, max: 10000 },
    { key: 'minAuthors', type: 'int', min: 1, max: 10000 },
    { key: 'minRatio', type: 'number', min: 1, max: 100, step: 0.1 },
    SENSITIVITY,
    { key: 'clearRatio', type: 'number', min: 1, max: 100, step: 0.1 },
    { key: 'maxAlertsPerRun', type: 'int', min: 1, max: 10 },
    { key: 'tags', type: 'tags' },
  ],
  high_reach: [
    { key: 'minReach', type: 'int', min: 1, max: 10_000_000 },
    { key: 'lookbackHours', type: 'int', min: 1, max: 168 },
  ],
  sla: [
    { key: 'windowMinutes', type: 'int', min: 1, max: 1440 },
    { key: 'events', type: 'multi', options: ['warning_50', 'warning_80', 'breach'], group: 'event' },
    { key: 'escalateAfterMinutes', type: 'int', min: 0, max: 10080 },
  ],
  source_health: [{ key: 'silentMinutes', type: 'int', min: 10, max: 43200 }],
};

/** Admin: alert rules with their thresholds, channel, quiet hours and language; a test message. */
export function RulesPage() {
  const { t } = useTranslation();
  const rules = useRules();
  const [editing, setEditing] = useState<AlertRule | 'new' | null>(null);
  return (
    <>
      <h1>{t('alerts.rules')}</h1>
      <div className="button-row">
        <button type="button" className="btn btn-primary" onClick={() => setEditing('new')}>
          {t('alerts.addRule')}
        </button>
      </div>
      {editing ? (
        <RuleForm
          key={editing === 'new' ? 'new' : editing.id}
          rule={editing === 'new' ? null : editing}
          onDone={() => setEditing(null)}
        />
      ) : null}
      {rules.error ? <p className="form-error">{errorText(rules.error)}</p> : null}
      <table className="table rules-table">
        <thead>
          <tr>
            <th scope="col">{t('alerts.ruleName')}</th>
            <th scope="col">{t('alerts.ruleKind')}</th>
            <th scope="col">{t('alerts.webhook')}</th>
            <th scope="col">{t('alerts.quiet')}</th>
            <th scope="col">{t('alerts.enabled')}</th>
            <th scope="col">
              <span className="sr-only">{t('alerts.edit')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {(rules.data ?? []).map((r) => (
            <tr key={r.id} data-rule={r.id}>
              <td>{r.name}</td>
              <td>{t(`alerts.kind.${r.kind}`, { defaultValue: r.kind })}</td>
              <td className="small">{webhookWords(r, t)}</td>
              <td>{r.quietHours ? `${r.quietHours.from}–${r.quietHours.to}` : '—'}</td>
              <td>{r.enabled ? t('alerts.enabled') : t('alerts.disabled')}</td>
              <td>
                <button
                  type="button"
                  className="btn btn-small"
                  onClick={() => setEditing(r)}
                  aria-label={`${t('alerts.edit')}: ${r.name}`}
                >
                  {t('alerts.edit')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {rules.data?.length === 0 ? <p className="muted">{t('alerts.noRules')}</p> : null}
    </>
  );
}

function webhookWords(r: AlertRule, t: (k: string) => string): string {
  if (r.webhook.configured) return t('alerts.webhookSet');
  if (r.webhook.usesDefault) return t('alerts.webhookDefault');
  return t('alerts.webhookNone');
}

type Params = Record<string, unknown>;

function RuleForm({ rule, onDone }: { rule: AlertRule | null; onDone(): void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const toast = useToast();
  const sources = useSources();
  const defaults = useRuleDefaults();
  const [kind, setKind] = useState<Kind>((rule?.kind as Kind) ?? 'negative_spike');
  const [params, setParams] = useState<Params | null>(rule ? { ...rule.params } : null);
  const [quiet, setQuiet] = useState(!!rule?.quietHours);
  const [webhook, setWebhook] = useState('');
  const [lead, setLead] = useState('');
  const [error, setError] = useState<string>();
  const [testing, setTesting] = useState(false);
  const [tested, setTested] = useState<{ ok: boolean; text: string }>();
  const shown: Params = params ?? defaults.data?.[kind] ?? {};
  const setParam = (key: string, value: unknown) => setParams({ ...shown, [key]: value });

  async function submit(ev: FormEvent<HTMLFormElement>) {
    ev.preventDefault();
    const f = new FormData(ev.currentTarget);
    const v = (k: string) => String(f.get(k) ?? '').trim();
    const body: Record<string, unknown> = {
      name: v('name'),
      enabled: !!f.get('enabled'),
      sourceId: v('sourceId') || null,
      params: shown,
      language: v('language'),
      timeZone: v('timeZone'),
      quietHours: quiet ? { from: v('quietFrom'), to: v('quietTo') } : null,
      cooldownMinutes: Number(v('cooldown') || 0),
    };
    if (!rule) body.kind = kind;
    if (webhook.trim()) body.webhookUrl = webhook.trim();
    else if (f.get('clearWebhook')) body.webhookUrl = null;
    if (kind === 'sla') {
      if (lead.trim()) body.leadWebhookUrl = lead.trim();
      else if (f.get('clearLead')) body.leadWebhookUrl = null;
    }
    try {
      if (rule) await patch(`/api/alert-rules/${rule.id}`, body);
      else await post('/api/alert-rules', body);
      toast(t('alerts.saved'));
      // the form closes on the fresh list, not on the one it was opened from
      await qc.invalidateQueries({ queryKey: alertKeys.rules });
      onDone();
    } catch (err) {
      setError(errorText(err));
    }
  }

  async function test(channel: 'main' | 'lead') {
    if (!rule) return;
    setTesting(true);
    setTested(undefined);
    const typed = (channel === 'main' ? webhook : lead).trim();
    try {
      const r = await post<TestResult>(`/api/alert-rules/${rule.id}/test`, {
        channel,
        ...(typed ? { webhookUrl: typed } : {}),
      });
      setTested(
        r.delivered
          ? { ok: true, text: t('alerts.testOk') }
          : {
              ok: false,
              text: t('alerts.testFail', {
                why: [r.outcome, r.httpStatus, r.error].filter(Boolean).join(' · '),
              }),
            },
      );
    } catch (err) {
      setTested({ ok: false, text: t('alerts.testFail', { why: errorText(err) }) });
    } finally {
      setTesting(false);
    }
  }

  async function remove() {
    if (!rule || !window.confirm(t('alerts.deleteConfirm', { name: rule.name }))) return;
    try {
      await del(`/api/alert-rules/${rule.id}`);
      await qc.invalidateQueries({ queryKey: alertKeys.rules });
      onDone();
    } catch (err) {
      setError(errorText(err));
    }
  }

  return (
    <form
      className="card form rule-form"
      onSubmit={(e) => void submit(e)}
      aria-label={rule ? rule.name : t('alerts.addRule')}
    >
      <div className="field-row">
        <label>
          <span>{t('alerts.ruleName')}</span>
          <input name="name" required maxLength={200} defaultValue={rule?.name ?? ''} />
        </label>
        <label>
          <span>{t('alerts.ruleKind')}</span>
          <select
            name="kind"
            value={kind}
            disabled={!!rule}
            onChange={(e) => {
              setKind(e.target.value as Kind);
              setParams(null);
            }}
          >
            {RULE_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`alerts.kind.${k}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>{t('alerts.source')}</span>
          <select name="sourceId" defaultValue={rule?.sourceId ?? ''}>
            <option value="">{t('alerts.allSources')}</option>
            {(sources.data ?? []).map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
      </div>
      <label className="checkbox">
        <input type="checkbox" name="enabled" defaultChecked={rule?.enabled ?? true} />
        <span>{t('alerts.enabled')}</span>
      </label>
      <fieldset>
        <legend>{t('alerts.thresholds')}</legend>
        <div className="field-row">
          {(FIELDS[kind] ?? []).map((field) => (
            <ParamField key={field.key} field={field} value={shown[field.key]} onChange={setParam} />
          ))}
        </div>
      </fieldset>
      <div className="field-row">
        <label>
          <span>{t('alerts.language')}</span>
          <select name="language" defaultValue={rule?.language ?? 'ru'}>
            <option value="ru">Русский</option>
            <option value="en">English</option>
          </select>
        </label>
        <label>
          <span>{t('alerts.timeZone')}</span>
          <input name="timeZone" required defaultValue={rule?.timeZone ?? userTimeZone()} />
        </label>
        <label>
          <span>{t('alerts.cooldown')}</span>
          <input
            name="cooldown"
            type="number"
            min={0}
            max={10080}
            defaultValue={rule?.cooldownMinutes ?? 60}
          />
        </label>
      </div>
      <fieldset>
        <legend>{t('alerts.quiet')}</legend>
        <label className="checkbox">
          <input type="checkbox" checked={quiet} onChange={(e) => setQuiet(e.target.checked)} />
          <span>{t('alerts.quietOn')}</span>
        </label>
        {quiet ? (
          <div className="field-row">
            <label>
              <span>{t('alerts.quietFrom')}</span>
              <input name="quietFrom" type="time" required defaultValue={rule?.quietHours?.from ?? '22:00'} />
            </label>
            <label>
              <span>{t('alerts.quietTo')}</span>
              <input name="quietTo" type="time" required defaultValue={rule?.quietHours?.to ?? '08:00'} />
            </label>
          </div>
        ) : null}
      </fieldset>
      <fieldset>
        <legend>{t('alerts.webhook')}</legend>
        <p className="muted small" data-webhook-state>
          {rule ? webhookWords(rule, t) : t('alerts.webhookNone')}
        </p>
        <label>
          <span>{t('alerts.webhook')}</span>
          <input
            name="webhookUrl"
            type="password"
            autoComplete="off"
            spellCheck={false}
            placeholder="https://hooks.slack.com/services/…"
            value={webhook}
            onChange={(e) => setWebhook(e.target.value)}
          />
        </label>
        <p className="muted small">{t('alerts.webhookHelp')}</p>
        {rule?.webhook.configured ? (
          <label className="checkbox">
            <input type="checkbox" name="clearWebhook" />
            <span>{t('alerts.webhookClear')}</span>
          </label>
        ) : null}
        {kind === 'sla' ? (
          <>
            <label>
              <span>{t('alerts.leadWebhook')}</span>
              <input
                name="leadWebhookUrl"
                type="password"
                autoComplete="off"
                spellCheck={false}
                value={lead}
                onChange={(e) => setLead(e.target.value)}
              />
            </label>
            <p className="muted small">
              {rule?.leadWebhook.configured ? t('alerts.webhookSet') : t('alerts.leadWebhookNone')}
            </p>
            {rule?.leadWebhook.configured ? (
              <label className="checkbox">
                <input type="checkbox" name="clearLead" />
                <span>{t('alerts.webhookClear')}</span>
              </label>
            ) : null}
          </>
        ) : null}
        {rule ? (
          <div className="button-row">
            <button type="button" className="btn" disabled={testing} onClick={() => void test('main')}>
              {t('alerts.test')}
            </button>
            {kind === 'sla' ? (
              <button type="button" className="btn" disabled={testing} onClick={() => void test('lead')}>
                {t('alerts.testLead')}
              </button>
            ) : null}
          </div>
        ) : null}
        {rule ? <p className="muted small">{t('alerts.testHint')}</p> : null}
        {tested ? (
          <p role="status" className={tested.ok ? 'test-ok' : 'form-error'}>
            {tested.text}
          </p>
        ) : null}
      </fieldset>
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="button-row">
        <button type="submit" className="btn btn-primary">
          {t('alerts.save')}
        </button>
        <button type="button" className="btn" onClick={onDone}>
          {t('alerts.cancel')}
        </button>
        <span className="grow" />
        {rule ? (
          <button type="button" className="btn btn-ghost" onClick={() => void remove()}>
            {t('alerts.delete')}
          </button>
        ) : null}
      </div>
    </form>
  );
}

function ParamField({
  field,
  value,
  onChange,
}: {
  field: Field;
  value: unknown;
  onChange(key: string, value: unknown): void;
}) {
  const { t } = useTranslation();
  const title = t(`alerts.param.${field.key}`);
  switch (field.type) {
    case 'int':
    case 'number':
      return (
        <label>
          <span>{title}</span>
          <input
            type="number"
            name={`param.${field.key}`}
            min={field.min}
            max={field.max}
            step={field.type === 'int' ? 1 : (field.step ?? 'any')}
            required
            value={typeof value === 'number' ? value : ''}
            onChange={(e) => onChange(field.key, e.target.value === '' ? '' : Number(e.target.value))}
          />
        </label>
      );
    case 'select':
      return (
        <label>
          <span>{title}</span>
          <select
            name={`param.${field.key}`}
            value={String(value ?? '')}
            onChange={(e) => onChange(field.key, e.target.value)}
          >
            {field.options.map((o) => (
              <option key={o} value={o}>
                {t(`alerts.${field.group}.${o}`)}
              </option>
            ))}
          </select>
        </label>
      );
    case 'multi': {
      const list = Array.isArray(value) ? (value as string[]) : [];
      return (
        <fieldset className="param-multi">
          <legend>{title}</legend>
          {field.options.map((o) => (
            <label key={o} className="checkbox">
              <input
                type="checkbox"
                checked={list.includes(o)}
                onChange={(e) =>
                  onChange(
                    field.key,
                    e.target.checked
                      ? field.options.filter((x) => x === o || list.includes(x))
                      : list.filter((x) => x !== o),
                  )
                }
              />
              <span>{t(`alerts.${field.group}.${o}`)}</span>
            </label>
          ))}
        </fieldset>
      );
    }
    case 'bool':
      return (
        <label className="checkbox">
          <input type="checkbox" checked={!!value} onChange={(e) => onChange(field.key, e.target.checked)} />
          <span>{title}</span>
        </label>
      );
    case 'tags':
      return <TagsField title={title} value={value} onChange={(v) => onChange(field.key, v)} />;
    case 'lines':
      return <LinesField title={title} value={value} onChange={(v) => onChange(field.key, v)} />;
  }
}

/** One phrase per line; the text is kept as typed, the list sent is its non-empty lines. */
function LinesField({
  title,
  value,
  onChange,
}: {
  title: string;
  value: unknown;
  onChange(v: string[]): void;
}) {
  const [text, setText] = useState(() => (Array.isArray(value) ? (value as string[]).join('\n') : ''));
  return (
    <label className="param-lines">
      <span>{title}</span>
      <textarea
        rows={4}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          onChange(
            e.target.value
              .split('\n')
              .map((s) => s.trim())
              .filter(Boolean),
          );
        }}
      />
    </label>
  );
}

/** Which tags a tag-surge rule watches (none ticked: every tag). */
function TagsField({
  title,
  value,
  onChange,
}: {
  title: string;
  value: unknown;
  onChange(v: string[]): void;
}) {
  const tags = useQuery({
    queryKey: ['tags'],
    queryFn: () => get<{ id: string; name: string }[]>('/api/tags'),
  });
  const list = Array.isArray(value) ? (value as string[]) : [];
  return (
    <fieldset className="param-multi param-lines">
      <legend>{title}</legend>
      {(tags.data ?? []).map((tag) => (
        <label key={tag.id} className="checkbox">
          <input
            type="checkbox"
            checked={list.includes(tag.id)}
            onChange={(e) =>
              onChange(e.target.checked ? [...list, tag.id] : list.filter((x) => x !== tag.id))
            }
          />
          <span>{tag.name}</span>
        </label>
      ))}
    </fieldset>
  );
}
