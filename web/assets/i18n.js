/** Russian first, English second. Strings only: the views put them in text nodes. */

const ru = {
  'app.title': 'Отклик',
  'login.title': 'Вход в Отклик',
  'login.email': 'Эл. почта',
  'login.password': 'Пароль',
  'login.submit': 'Войти',
  'login.busy': 'Входим…',
  'login.invalid': 'Неверная почта или пароль',
  'login.locked':
    'Слишком много неудачных попыток. Учётная запись временно заблокирована — попробуйте через {wait}.',
  'login.rateLimited': 'Слишком много попыток с этого адреса — попробуйте через {wait}.',
  'login.forbidden': 'Вход с другого сайта запрещён',
  'login.failed': 'Не удалось войти: {message}',
  'login.demoHint': 'Демо-режим: данные администратора — в выводе сервера при первом запуске.',
  'top.logout': 'Выйти',
  'top.lang': 'EN',
  'top.langTitle': 'Switch to English',
  'filter.mine': 'Мои',
  'filter.unassigned': 'Без исполнителя',
  'filter.all': 'Все',
  'status.open': 'Открытые',
  'status.pending': 'Ждут клиента',
  'status.snoozed': 'Отложенные',
  'status.resolved': 'Решённые',
  'statusOne.open': 'Открыт',
  'statusOne.pending': 'Ждёт клиента',
  'statusOne.snoozed': 'Отложен',
  'statusOne.resolved': 'Решён',
  'queue.empty': 'Здесь пусто. Новые обращения появятся автоматически.',
  'queue.loadMore': 'Показать ещё',
  'queue.updated': 'Обновлено {time}',
  'queue.offline': 'Нет связи с сервером — повторим через несколько секунд',
  'queue.noText': '(без текста)',
  'queue.you': 'вы',
  'queue.ourReply': 'Мы: ',
  'queue.taken': 'занят',
  'queue.until': 'до {time}',
  'queue.count': '{n} в очереди',
  'urgency.none': 'без срока',
  'urgency.left': 'осталось {d}',
  'urgency.overdue': 'просрочено на {d}',
  'urgency.breachedTitle': 'Срок ответа нарушен',
  'urgency.warnTitle': 'Осталось меньше 20 % времени на ответ',
  'dur.lt1m': '<1 мин',
  'dur.m': '{m} мин',
  'dur.hm': '{h} ч {m} мин',
  'dur.dh': '{d} д {h} ч',
  'conv.pick': 'Выберите обращение слева. Самые срочные — сверху.',
  'conv.loading': 'Загрузка…',
  'conv.notFound': 'Обращение не найдено',
  'conv.assignMe': 'Взять себе',
  'conv.release': 'Снять с себя',
  'conv.takeOver': 'Забрать себе',
  'conv.assignedToYou': 'Назначено вам',
  'conv.assignedOther': 'Ведёт {name}',
  'conv.anotherAgent': 'другой сотрудник',
  'conv.unassigned': 'Без исполнителя',
  'conv.conflict': 'Это обращение уже взял другой сотрудник',
  'conv.status': 'Статус',
  'conv.snoozeFor': 'Отложить на',
  'conv.snooze1h': '1 час',
  'conv.snooze4h': '4 часа',
  'conv.snooze1d': 'до завтра',
  'conv.other': 'Другие обращения клиента',
  'conv.otherNone': 'Других обращений нет',
  'conv.details': 'Сведения',
  'conv.source': 'Источник',
  'conv.firstMessage': 'Первое сообщение',
  'conv.firstResponse': 'Первый ответ',
  'conv.firstResponseIn': 'через {d}',
  'conv.due': 'Ответить до',
  'conv.readOnly': 'Режим просмотра: отвечать могут агенты и администраторы.',
  'item.edited': 'изменено',
  'item.previous': 'Предыдущие версии ({n})',
  'item.archived': 'в архиве',
  'item.correct': 'Исправить анализ',
  'item.corrected': 'Исправлено — спасибо, это улучшит модель',
  'item.ourMessage': 'Наше сообщение',
  'reply.by': 'Ответ: {name}',
  'reply.error': 'Ошибка: {message}',
  'replyReason.unsupported': 'на это сообщение нельзя ответить из Отклика — ответьте на самой площадке',
  'replyReason.rejected': 'площадка не приняла ответ (например, клиент закрыл личные сообщения)',
  'replyReason.auth_revoked':
    'площадка не приняла ключ доступа: администратору нужно подключить источник заново',
  'replyReason.configuration': 'источнику не хватает прав или настроек для ответа: нужен администратор',
  'replyReason.gave_up': 'площадка не отвечала, попытки закончились',
  'reply.resend': 'Отправить ещё раз',
  'reply.markDelivered': 'Отметить доставленным',
  'reply.unknownHint': 'Неизвестно, дошло ли сообщение. Проверьте на площадке, прежде чем отправлять снова.',
  'delivery.queued': 'в очереди',
  'delivery.sending': 'отправляется',
  'delivery.delivered': 'доставлено',
  'delivery.failed': 'не доставлено',
  'delivery.unknown': 'статус неизвестен',
  'note.label': 'Внутренняя заметка · клиент её не видит',
  'note.by': 'Заметка: {name}',
  'compose.reply': 'Ответ клиенту',
  'compose.note': 'Заметка для команды',
  'compose.replyPlaceholder': 'Ответ от имени компании… (Ctrl+Enter — отправить)',
  'compose.notePlaceholder': 'Видна только команде… (Ctrl+Enter — сохранить)',
  'compose.send': 'Отправить',
  'compose.sending': 'Отправляем…',
  'compose.addNote': 'Добавить заметку',
  'compose.template': 'Шаблон…',
  'compose.noTemplates': 'Шаблонов нет',
  'compose.after': 'После ответа',
  'compose.afterPending': 'ждать клиента',
  'compose.afterResolved': 'решено',
  'compose.afterOpen': 'оставить открытым',
  'compose.queued': 'Ответ поставлен в очередь на отправку',
  'compose.noteSaved': 'Заметка сохранена',
  'compose.hint': 'Ctrl+Enter — отправить',
  'platform.vk': 'ВКонтакте',
  'platform.telegram': 'Telegram',
  'platform.webhook': 'Вебхук',
  'intent.complaint': 'жалоба',
  'intent.sales_question': 'покупка',
  'intent.support_question': 'поддержка',
  'intent.praise': 'похвала',
  'intent.spam': 'спам',
  'intent.other': 'другое',
  'intent.label': 'Намерение',
  'sentiment.negative': 'негатив',
  'sentiment.neutral': 'нейтрально',
  'sentiment.positive': 'позитив',
  'sentiment.label': 'Тональность',
  'error.generic': 'Что-то пошло не так: {message}',
  'error.forbidden': 'Недостаточно прав для этого действия',
  'error.session': 'Сессия закончилась — войдите снова',
  'keys.hint': 'j/k — следующее/предыдущее, r — ответить',
};

const en = {
  'app.title': 'Otklik',
  'login.title': 'Sign in to Otklik',
  'login.email': 'E-mail',
  'login.password': 'Password',
  'login.submit': 'Sign in',
  'login.busy': 'Signing in…',
  'login.invalid': 'Wrong e-mail or password',
  'login.locked': 'Too many failed sign-ins. The account is locked for now — try again in {wait}.',
  'login.rateLimited': 'Too many attempts from this address — try again in {wait}.',
  'login.forbidden': 'Sign-in from another site is not allowed',
  'login.failed': 'Could not sign in: {message}',
  'login.demoHint': 'Demo mode: the admin credentials are printed by the server on first start.',
  'top.logout': 'Sign out',
  'top.lang': 'RU',
  'top.langTitle': 'Переключить на русский',
  'filter.mine': 'Mine',
  'filter.unassigned': 'Unassigned',
  'filter.all': 'All',
  'status.open': 'Open',
  'status.pending': 'Pending',
  'status.snoozed': 'Snoozed',
  'status.resolved': 'Resolved',
  'statusOne.open': 'Open',
  'statusOne.pending': 'Waiting on customer',
  'statusOne.snoozed': 'Snoozed',
  'statusOne.resolved': 'Resolved',
  'queue.empty': 'Nothing here. New conversations appear automatically.',
  'queue.loadMore': 'Load more',
  'queue.updated': 'Updated {time}',
  'queue.offline': 'Cannot reach the server — retrying in a few seconds',
  'queue.noText': '(no text)',
  'queue.you': 'you',
  'queue.ourReply': 'Us: ',
  'queue.taken': 'taken',
  'queue.until': 'until {time}',
  'queue.count': '{n} in queue',
  'urgency.none': 'no deadline',
  'urgency.left': '{d} left',
  'urgency.overdue': 'overdue by {d}',
  'urgency.breachedTitle': 'Response deadline breached',
  'urgency.warnTitle': 'Less than 20 % of the response time left',
  'dur.lt1m': '<1m',
  'dur.m': '{m}m',
  'dur.hm': '{h}h {m}m',
  'dur.dh': '{d}d {h}h',
  'conv.pick': 'Pick a conversation on the left. The most urgent are on top.',
  'conv.loading': 'Loading…',
  'conv.notFound': 'Conversation not found',
  'conv.assignMe': 'Assign to me',
  'conv.release': 'Unassign me',
  'conv.takeOver': 'Take over',
  'conv.assignedToYou': 'Assigned to you',
  'conv.assignedOther': 'Handled by {name}',
  'conv.anotherAgent': 'another agent',
  'conv.unassigned': 'Unassigned',
  'conv.conflict': 'Another agent has already taken this conversation',
  'conv.status': 'Status',
  'conv.snoozeFor': 'Snooze for',
  'conv.snooze1h': '1 hour',
  'conv.snooze4h': '4 hours',
  'conv.snooze1d': 'until tomorrow',
  'conv.other': "Customer's other conversations",
  'conv.otherNone': 'No other conversations',
  'conv.details': 'Details',
  'conv.source': 'Source',
  'conv.firstMessage': 'First message',
  'conv.firstResponse': 'First response',
  'conv.firstResponseIn': 'after {d}',
  'conv.due': 'Answer by',
  'conv.readOnly': 'Read-only: agents and admins can reply.',
  'item.edited': 'edited',
  'item.previous': 'Previous versions ({n})',
  'item.archived': 'archived',
  'item.correct': 'Correct the analysis',
  'item.corrected': 'Corrected — thanks, this improves the model',
  'item.ourMessage': 'Our message',
  'reply.by': 'Reply: {name}',
  'reply.error': 'Error: {message}',
  'replyReason.unsupported': 'this cannot be answered from Otklik; answer it on the platform itself',
  'replyReason.rejected': 'the platform refused the reply (for example, the customer closed their messages)',
  'replyReason.auth_revoked': 'the platform refused the token: an admin must reconnect the source',
  'replyReason.configuration':
    'the source lacks a permission or setting needed to reply: an admin must check it',
  'replyReason.gave_up': 'the platform did not answer; no attempts left',
  'reply.resend': 'Send again',
  'reply.markDelivered': 'Mark as delivered',
  'reply.unknownHint': 'We do not know whether it arrived. Check the platform before sending again.',
  'delivery.queued': 'queued',
  'delivery.sending': 'sending',
  'delivery.delivered': 'delivered',
  'delivery.failed': 'failed',
  'delivery.unknown': 'unknown',
  'note.label': 'Internal note · the customer never sees it',
  'note.by': 'Note: {name}',
  'compose.reply': 'Reply to customer',
  'compose.note': 'Note for the team',
  'compose.replyPlaceholder': 'Reply as the company… (Ctrl+Enter to send)',
  'compose.notePlaceholder': 'Only the team sees this… (Ctrl+Enter to save)',
  'compose.send': 'Send',
  'compose.sending': 'Sending…',
  'compose.addNote': 'Add note',
  'compose.template': 'Template…',
  'compose.noTemplates': 'No templates',
  'compose.after': 'After replying',
  'compose.afterPending': 'wait for customer',
  'compose.afterResolved': 'resolved',
  'compose.afterOpen': 'keep open',
  'compose.queued': 'Reply queued for delivery',
  'compose.noteSaved': 'Note saved',
  'compose.hint': 'Ctrl+Enter to send',
  'platform.vk': 'VK',
  'platform.telegram': 'Telegram',
  'platform.webhook': 'Webhook',
  'intent.complaint': 'complaint',
  'intent.sales_question': 'sales',
  'intent.support_question': 'support',
  'intent.praise': 'praise',
  'intent.spam': 'spam',
  'intent.other': 'other',
  'intent.label': 'Intent',
  'sentiment.negative': 'negative',
  'sentiment.neutral': 'neutral',
  'sentiment.positive': 'positive',
  'sentiment.label': 'Sentiment',
  'error.generic': 'Something went wrong: {message}',
  'error.forbidden': 'You are not allowed to do this',
  'error.session': 'Your session has ended — sign in again',
  'keys.hint': 'j/k — next/previous, r — reply',
};

export const DICTIONARY = { ru, en };
export const LANGUAGES = ['ru', 'en'];
const STORAGE_KEY = 'otklik.lang'; // a UI preference only; no tokens are ever stored

let current = initialLanguage();

function initialLanguage() {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved && LANGUAGES.includes(saved)) return saved;
  } catch {
    /* storage disabled */
  }
  const nav = typeof navigator !== 'undefined' ? (navigator.languages ?? [navigator.language]) : [];
  for (const l of nav) {
    const code = String(l ?? '')
      .slice(0, 2)
      .toLowerCase();
    if (code === 'ru' || code === 'uk' || code === 'be' || code === 'kk') return 'ru';
    if (code === 'en') return 'en';
  }
  return 'ru';
}

export function lang() {
  return current;
}

/** The user's saved choice wins; else the profile locale from the server (first sign-in). */
export function adoptProfileLocale(locale) {
  try {
    if (localStorage.getItem(STORAGE_KEY)) return;
  } catch {
    /* ignore */
  }
  if (LANGUAGES.includes(locale)) current = locale;
}

export function setLang(l) {
  if (!LANGUAGES.includes(l)) return;
  current = l;
  try {
    localStorage.setItem(STORAGE_KEY, l);
  } catch {
    /* ignore */
  }
  if (typeof document !== 'undefined') document.documentElement.lang = l;
}

/** t('urgency.left', { d: '5 мин' }); a missing key falls back to Russian, then to the key. */
export function t(key, vars) {
  const s = DICTIONARY[current][key] ?? DICTIONARY.ru[key] ?? key;
  if (!vars) return s;
  return s.replace(/\{(\w+)\}/g, (m, name) => (name in vars ? String(vars[name]) : m));
}

/** A label for an enum value with a fallback to the raw value (new labels show up readable). */
export function label(group, value) {
  if (value === null || value === undefined || value === '') return '';
  const key = `${group}.${value}`;
  const s = DICTIONARY[current][key] ?? DICTIONARY.ru[key];
  return s ?? String(value);
}
