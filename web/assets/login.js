import { ApiError, post, setCsrfToken } from './api.js';
import { h, mount } from './h.js';
import { t } from './i18n.js';
import { formatDuration } from './urgency.js';
import { langToggle } from './widgets.js';

/** What to tell the person for each way sign-in can fail. */
export function loginErrorText(err) {
  if (!(err instanceof ApiError)) return t('queue.offline');
  const wait = formatDuration((err.retryAfter ?? 60) * 1000);
  switch (err.status) {
    case 400:
    case 401:
      return t('login.invalid');
    case 423:
      return t('login.locked', { wait });
    case 429:
      return t('login.rateLimited', { wait });
    case 403:
      return t('login.forbidden');
    default:
      return t('login.failed', { message: err.message });
  }
}

/** The sign-in screen; calls onSignedIn({ user, csrfToken }) when the server accepts. */
export function showLogin(root, { onSignedIn, notice } = {}) {
  const error = h('p', { class: 'form-error', role: 'alert', hidden: !notice }, notice ?? '');
  const email = h('input', {
    type: 'email',
    name: 'email',
    autocomplete: 'username',
    required: true,
    autofocus: true,
    maxlength: '320',
  });
  const password = h('input', {
    type: 'password',
    name: 'password',
    autocomplete: 'current-password',
    required: true,
    maxlength: '1024',
  });
  const submit = h('button', { type: 'submit', class: 'btn btn-primary btn-wide' }, t('login.submit'));

  const onSubmit = async (ev) => {
    ev.preventDefault();
    error.hidden = true;
    submit.disabled = true;
    submit.textContent = t('login.busy');
    try {
      const res = await post(
        '/api/auth/login',
        { email: email.value.trim(), password: password.value },
        { quiet401: true },
      );
      setCsrfToken(res.csrfToken);
      onSignedIn(res);
    } catch (err) {
      error.textContent = loginErrorText(err);
      error.hidden = false;
      password.value = '';
      password.focus();
    } finally {
      submit.disabled = false;
      submit.textContent = t('login.submit');
    }
  };

  const toggle = langToggle(() =>
    showLogin(root, { onSignedIn, notice: error.hidden ? undefined : error.textContent }),
  );

  mount(
    root,
    h(
      'div',
      { class: 'login-page' },
      h(
        'form',
        { class: 'login-card', onsubmit: onSubmit, novalidate: false },
        h('div', { class: 'login-head' }, h('span', { class: 'logo' }, t('app.title')), toggle),
        h('h1', null, t('login.title')),
        h('label', null, h('span', null, t('login.email')), email),
        h('label', null, h('span', null, t('login.password')), password),
        error,
        submit,
        h('p', { class: 'muted small' }, t('login.demoHint')),
      ),
    ),
  );
  email.focus();
}
