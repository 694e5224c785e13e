/**
 * Reply templates «ДомНет» agents start with in demo mode (Russian and English), so the reply box
 * has canned answers to pick. Plain data; seeded only into an empty templates table.
 */
export interface DemoTemplate {
  name: string;
  shortcut: string;
  locale: 'ru' | 'en';
  intent: 'praise' | 'complaint' | 'sales_question' | 'support_question' | null;
  body: string;
}

export const DEMO_TEMPLATES: DemoTemplate[] = [
  {
    name: 'Спасибо за отзыв',
    shortcut: 'thanks',
    locale: 'ru',
    intent: 'praise',
    body: 'Спасибо за тёплые слова! Передадим их команде — нам очень приятно, что вы с ДомНет 💙',
  },
  {
    name: 'Авария: извинения и проверка линии',
    shortcut: 'outage',
    locale: 'ru',
    intent: 'complaint',
    body: 'Приносим извинения за перебои со связью. Уже проверяем вашу линию и оборудование на узле — вернёмся с ответом в течение часа. Если можно, напишите адрес подключения в личные сообщения.',
  },
  {
    name: 'Тарифы и подключение',
    shortcut: 'tariffs',
    locale: 'ru',
    intent: 'sales_question',
    body: 'Здравствуйте! Все тарифы и цены для вашего дома — на странице https://domnet.example/tariffs. Подключение бесплатное, мастер приедет в удобный для вас день.',
  },
  {
    name: 'Номер договора в личные сообщения',
    shortcut: 'contract',
    locale: 'ru',
    intent: 'support_question',
    body: 'Чтобы разобраться, напишите, пожалуйста, номер договора в личные сообщения сообщества — публично его лучше не указывать.',
  },
  {
    name: 'Исправили, проверьте',
    shortcut: 'fixed',
    locale: 'ru',
    intent: null,
    body: 'Мы всё исправили. Проверьте, пожалуйста, работает ли теперь интернет, и напишите нам, если что-то не так.',
  },
  {
    name: 'Thank you (EN)',
    shortcut: 'thanks-en',
    locale: 'en',
    intent: 'praise',
    body: 'Thank you for the kind words! We will pass them on to the team — glad to have you with DomNet 💙',
  },
  {
    name: 'Outage: apology and line check (EN)',
    shortcut: 'outage-en',
    locale: 'en',
    intent: 'complaint',
    body: 'We are sorry for the interruption. We are checking your line and the equipment at your node now and will get back to you within an hour. Please send us your address in a direct message.',
  },
  {
    name: 'Tariffs and connection (EN)',
    shortcut: 'tariffs-en',
    locale: 'en',
    intent: 'sales_question',
    body: 'Hello! All plans and prices for your building are at https://domnet.example/tariffs. Connection is free, and a technician comes on a day that suits you. For anything about your contract, please message us directly with its number.',
  },
];
