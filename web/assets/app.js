import { ApiError, get, post, setCsrfToken, whenUnauthorized } from './api.js';
import { createConversationView } from './conversation.js';
import { h, mount } from './h.js';
import { adoptProfileLocale, lang, t } from './i18n.js';
import { ASSIGNEE_FILTERS, createQueue, STATUSES } from './inbox.js';
import { showLogin } from './login.js';
import { langToggle, tickCountdowns } from './widgets.js';

/** The queue and the open conversation are re-read every 5 s (1 s right after a reply). */
const POLL_MS = 5000;
const FAST_POLL_MS = 1000;
const FILTER_KEY = 'otklik.filter'; // which tab was open: a UI preference, no data

const root = document.getElementById('app');
let session = null; // { user }
let stopInbox = () => {};

function savedFilter() {
  try {
    const f = JSON.parse(localStorage.getItem(FILTER_KEY) ?? '{}');
    return {
      status: STATUSES.includes(f.status) ? f.status : 'open',
      assignee: ASSIGNEE_FILTERS.includes(f.assignee) ? f.assignee : 'all',
    };
  } catch {
    return { status: 'open', assignee: 'all' };
  }
}

function selectedFromHash() {
  const m = /^#\/c\/([0-9a-fA-F-]{36})$/.exec(location.hash);
  return m ? m[1] : null;
}

/** Admins may list users, so the UI can name assignees; others see "another agent". */
async function loadUserNames(me) {
  const names = new Map([[me.id, me.name]]);
  if (me.role !== 'admin') return names;
  try {
    const res = await get('/api/users');
    const list = Array.isArray(res) ? res : (res?.users ?? []);
    for (const u of list) if (u?.id) names.set(u.id, u.name || u.email);
  } catch {
    /* optional */
  }
  return names;
}

async function showInbox() {
  stopInbox();
  const me = session.user;
  document.documentElement.lang = lang();
  const filter = savedFilter();
  const users = await loadUserNames(me);

  // A reply asks for 1 s polling: start it now, not after the 5 s poll already scheduled.
  let repoll = () => {};
  const conversation = createConversationView({
    me,
    users,
    onChanged: () => {
      void queue.refresh();
      repoll();
    },
    onOpen: (id) => select(id),
  });
  const queue = createQueue({
    me,
    users,
    filter,
    onFilter: (change) => {
      Object.assign(filter, change);
      try {
        localStorage.setItem(FILTER_KEY, JSON.stringify(filter));
      } catch {
        /* ignore */
      }
      queue.resetPaging();
      queue.render();
      void queue.refresh();
    },
    onSelect: (id) => select(id),
  });

  function select(id) {
    if (id && location.hash !== `#/c/${id}`) location.hash = `#/c/${id}`;
    queue.select(id);
    void conversation.open(id);
  }

  const top = h(
    'header',
    { class: 'topbar' },
    h('span', { class: 'logo' }, t('app.title')),
    h('span', { class: 'muted small keys' }, t('keys.hint')),
    h('span', { class: 'grow' }),
    h('span', { class: 'me' }, me.name || me.email),
    langToggle(() => void showInbox()),
    h(
      'button',
      {
        type: 'button',
        class: 'btn btn-ghost',
        onclick: async () => {
          try {
            await post('/api/auth/logout');
          } catch {
            /* the session may be gone already */
          }
          signedOut();
        },
      },
      t('top.logout'),
    ),
  );
  mount(root, h('div', { class: 'shell' }, top, h('div', { class: 'workspace' }, queue.el, conversation.el)));

  queue.render();
  await queue.refresh();
  const initial = selectedFromHash();
  if (initial) select(initial);

  // polling: pauses while the tab is hidden, catches up when it is shown again
  let timer = null;
  let stopped = false;
  const schedule = () => {
    if (stopped) return;
    clearTimeout(timer);
    timer = setTimeout(poll, conversation.wantsFastPoll ? FAST_POLL_MS : POLL_MS);
  };
  const poll = async () => {
    if (!document.hidden) await Promise.all([queue.refresh(), conversation.refresh()]);
    schedule();
  };
  schedule();
  repoll = schedule;
  const ticker = setInterval(() => tickCountdowns(root), 1000);
  const onVisible = () => {
    if (!document.hidden) void poll();
  };
  const onHash = () => {
    const id = selectedFromHash();
    if (id !== conversation.id) select(id);
  };
  const onKey = (ev) => {
    const target = ev.target;
    if (ev.ctrlKey || ev.metaKey || ev.altKey) return;
    if (target instanceof window.HTMLElement && target.closest('input, textarea, select')) return;
    if (ev.key === 'j' || ev.key === 'k') {
      const id = queue.neighbour(ev.key === 'j' ? 1 : -1);
      if (id) select(id);
    } else if (ev.key === 'r' && conversation.id) {
      ev.preventDefault();
      conversation.focusReply();
    }
  };
  document.addEventListener('visibilitychange', onVisible);
  window.addEventListener('hashchange', onHash);
  document.addEventListener('keydown', onKey);
  stopInbox = () => {
    stopped = true;
    clearTimeout(timer);
    clearInterval(ticker);
    document.removeEventListener('visibilitychange', onVisible);
    window.removeEventListener('hashchange', onHash);
    document.removeEventListener('keydown', onKey);
    stopInbox = () => {};
  };
}

function signedIn(res) {
  session = { user: res.user };
  setCsrfToken(res.csrfToken);
  adoptProfileLocale(res.user?.locale);
  void showInbox();
}

function signedOut(notice) {
  stopInbox();
  session = null;
  setCsrfToken(null);
  showLogin(root, { onSignedIn: signedIn, notice });
}

whenUnauthorized(() => {
  if (session) signedOut(t('error.session'));
});

async function boot() {
  document.documentElement.lang = lang();
  try {
    // the cookie is HttpOnly: asking the server is the only way to know we are signed in
    signedIn(await get('/api/auth/me', { quiet401: true }));
  } catch (err) {
    signedOut(
      err instanceof ApiError && err.status !== 401
        ? t('error.generic', { message: err.message })
        : undefined,
    );
  }
}

void boot();
