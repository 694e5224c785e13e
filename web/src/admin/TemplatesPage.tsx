import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { patch, post, type Template } from '../api/client';
import { keys, useLabels, useTemplates } from '../api/queries';
import { useLabel } from '../ui/badges';
import { errorText } from '../ui/errors';
import { useToast } from '../ui/toasts';

/** Reply templates the composer offers ({name} is filled with the customer's first name). */
export function TemplatesPage() {
  const { t } = useTranslation();
  const templates = useTemplates();
  const label = useLabel();
  const [editing, setEditing] = useState<Template | 'new' | null>(null);
  return (
    <>
      <h1>{t('templates.title')}</h1>
      <div className="button-row">
        <button type="button" className="btn btn-primary" onClick={() => setEditing('new')}>
          {t('templates.add')}
        </button>
      </div>
      {editing ? (
        <TemplateForm tpl={editing === 'new' ? null : editing} onDone={() => setEditing(null)} />
      ) : null}
      {templates.error ? <p className="form-error">{errorText(templates.error)}</p> : null}
      <ul className="template-list">
        {(templates.data ?? []).map((x) => (
          <li key={x.id} className="card">
            <div className="source-title">
              <h3>{x.name}</h3>
              {x.shortcut ? <code>/{x.shortcut}</code> : null}
              <span className="badge">{x.locale.toUpperCase()}</span>
              {x.intent ? (
                <span className={`badge intent-${x.intent}`}>{label('intent', x.intent)}</span>
              ) : null}
              <span className="grow" />
              <button type="button" className="btn btn-small" onClick={() => setEditing(x)}>
                {t('admin.edit')}
              </button>
            </div>
            <p className="msg-text">{x.body}</p>
          </li>
        ))}
      </ul>
    </>
  );
}

function TemplateForm({ tpl, onDone }: { tpl: Template | null; onDone(): void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const toast = useToast();
  const labels = useLabels();
  const label = useLabel();
  const [error, setError] = useState<string>();
  async function submit(ev: FormEvent<HTMLFormElement>) {
    ev.preventDefault();
    const f = new FormData(ev.currentTarget);
    const v = (k: string) => String(f.get(k) ?? '').trim();
    const body = {
      name: v('name'),
      shortcut: v('shortcut') || null,
      locale: v('locale'),
      intent: v('intent') || null,
      body: String(f.get('body') ?? ''),
    };
    try {
      if (tpl) await patch(`/api/templates/${tpl.id}`, body);
      else await post('/api/templates', body);
      toast(t('admin.saved'));
      await qc.invalidateQueries({ queryKey: keys.templates });
      onDone();
    } catch (err) {
      setError(errorText(err));
    }
  }
  return (
    <form
      className="card form"
      onSubmit={(e) => void submit(e)}
      aria-label={tpl ? tpl.name : t('templates.add')}
    >
      <div className="field-row">
        <label>
          <span>{t('templates.name')}</span>
          <input name="name" required maxLength={200} defaultValue={tpl?.name ?? ''} />
        </label>
        <label>
          <span>{t('templates.shortcut')}</span>
          <input
            name="shortcut"
            maxLength={40}
            pattern="[\p{L}\p{N}_\-]{1,40}"
            defaultValue={tpl?.shortcut ?? ''}
          />
        </label>
        <label>
          <span>{t('templates.locale')}</span>
          <select name="locale" defaultValue={tpl?.locale ?? 'ru'}>
            <option value="ru">{t('lang.ru')}</option>
            <option value="en">{t('lang.en')}</option>
          </select>
        </label>
        <label>
          <span>{t('templates.intent')}</span>
          <select name="intent" defaultValue={tpl?.intent ?? ''}>
            <option value="">{t('intent.any')}</option>
            {(labels.data?.intents ?? []).map((i) => (
              <option key={i} value={i}>
                {label('intent', i)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <label>
        <span>{t('templates.body')}</span>
        <textarea name="body" rows={5} required maxLength={4000} defaultValue={tpl?.body ?? ''} />
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
