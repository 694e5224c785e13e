import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { del, patch, post } from '../api/client';
import { useLabels } from '../api/queries';
import { useLabel } from '../ui/badges';
import { errorText } from '../ui/errors';
import { useToast } from '../ui/toasts';
import { tagKeys, useTagRules, useTags } from './api';
import { TagDot } from './TagChips';

/** Admins keep the tag list (name, colour) and the auto-tag rules applied at ingest. */
export function TagsAdmin() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const toast = useToast();
  const label = useLabel();
  const tags = useTags();
  const rules = useTagRules();
  const labels = useLabels();
  const [name, setName] = useState('');
  const [color, setColor] = useState('#2459b8');
  const [rule, setRule] = useState({ tagId: '', phrase: '', intent: '', sentiment: '' });
  const refresh = () => void qc.invalidateQueries({ queryKey: tagKeys.tags });

  async function run(fn: () => Promise<unknown>, done?: string) {
    try {
      await fn();
      if (done) toast(done);
      return true;
    } catch (err) {
      toast(errorText(err), 'error');
      return false;
    } finally {
      refresh();
    }
  }

  async function create(e: FormEvent) {
    e.preventDefault();
    if (await run(() => post('/api/tags', { name, color }), t('tags.created'))) setName('');
  }

  async function addRule(e: FormEvent) {
    e.preventDefault();
    const body = {
      tagId: rule.tagId,
      phrase: rule.phrase.trim() || null,
      intent: rule.intent || null,
      sentiment: rule.sentiment || null,
    };
    if (await run(() => post('/api/tags/rules', body), t('tags.ruleAdded')))
      setRule({ ...rule, phrase: '', intent: '', sentiment: '' });
  }

  const nameOf = new Map((tags.data ?? []).map((x) => [x.id, x]));
  return (
    <section aria-labelledby="tags-title">
      <h2 id="tags-title">{t('tags.admin')}</h2>
      <form className="form-row" onSubmit={(e) => void create(e)}>
        <label>
          {t('tags.name')}
          <input value={name} required maxLength={60} onChange={(e) => setName(e.target.value)} />
        </label>
        <label>
          {t('tags.color')}
          <input type="color" value={color} onChange={(e) => setColor(e.target.value)} />
        </label>
        <button type="submit" className="btn btn-primary">
          {t('tags.create')}
        </button>
      </form>
      <ul className="plain-list">
        {(tags.data ?? []).map((x) => (
          <li key={x.id}>
            <TagDot color={x.color} /> {x.name}{' '}
            <input
              type="color"
              aria-label={`${t('tags.color')}: ${x.name}`}
              value={x.color}
              onChange={(e) => void run(() => patch(`/api/tags/${x.id}`, { color: e.target.value }))}
            />{' '}
            <button
              type="button"
              className="btn btn-ghost btn-small"
              onClick={() =>
                window.confirm(t('tags.confirmDelete', { name: x.name })) &&
                void run(() => del(`/api/tags/${x.id}`))
              }
            >
              {t('tags.delete')}
            </button>
          </li>
        ))}
      </ul>

      <h3>{t('tags.rules')}</h3>
      <p className="muted small">{t('tags.rulesHint')}</p>
      <form className="form-row" onSubmit={(e) => void addRule(e)}>
        <label>
          {t('tags.label')}
          <select required value={rule.tagId} onChange={(e) => setRule({ ...rule, tagId: e.target.value })}>
            <option value="" />
            {(tags.data ?? []).map((x) => (
              <option key={x.id} value={x.id}>
                {x.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('tags.phrase')}
          <input
            value={rule.phrase}
            maxLength={200}
            onChange={(e) => setRule({ ...rule, phrase: e.target.value })}
          />
        </label>
        <label>
          {t('tags.intent')}
          <select value={rule.intent} onChange={(e) => setRule({ ...rule, intent: e.target.value })}>
            <option value="">{t('tags.any')}</option>
            {(labels.data?.intents ?? []).map((i) => (
              <option key={i} value={i}>
                {label('intent', i)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('tags.sentiment')}
          <select value={rule.sentiment} onChange={(e) => setRule({ ...rule, sentiment: e.target.value })}>
            <option value="">{t('tags.any')}</option>
            {(labels.data?.sentiments ?? []).map((i) => (
              <option key={i} value={i}>
                {label('sentiment', i)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="btn">
          {t('tags.addRule')}
        </button>
      </form>
      {rules.data?.length ? (
        <ul className="plain-list">
          {rules.data.map((r) => (
            <li key={r.id}>
              <TagDot color={nameOf.get(r.tagId)?.color ?? '#888888'} /> {nameOf.get(r.tagId)?.name ?? '—'} ←{' '}
              {[
                r.phrase && `«${r.phrase}»`,
                r.intent && label('intent', r.intent),
                r.sentiment && label('sentiment', r.sentiment),
              ]
                .filter(Boolean)
                .join(' + ')}{' '}
              <label className="small">
                <input
                  type="checkbox"
                  checked={r.enabled}
                  onChange={(e) =>
                    void run(async () => {
                      await patch(`/api/tags/rules/${r.id}`, { enabled: e.target.checked });
                      void qc.invalidateQueries({ queryKey: tagKeys.rules });
                    })
                  }
                />{' '}
                {t('tags.ruleEnabled')}
              </label>{' '}
              <button
                type="button"
                className="btn btn-ghost btn-small"
                onClick={() =>
                  void run(async () => {
                    await del(`/api/tags/rules/${r.id}`);
                    void qc.invalidateQueries({ queryKey: tagKeys.rules });
                  })
                }
              >
                {t('tags.delete')}
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted small">{t('tags.noRules')}</p>
      )}
    </section>
  );
}
