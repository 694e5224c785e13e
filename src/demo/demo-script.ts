/**
 * The demo company: «ДомНет», a home-internet and TV provider with a VK community and a Telegram
 * channel (with a discussion group) plus a bot. Written for the demo; the people are invented.
 * Plain data: the demo runner turns each line into an emulator control call.
 */
export type DemoLine =
  | { at: 'vk_post'; key: string; text: string }
  | { at: 'vk_comment'; post: string; who: number; text: string }
  | { at: 'vk_dm'; who: number; text: string }
  | { at: 'tg_post'; key: string; text: string }
  | { at: 'tg_comment'; post: string; who: number; text: string }
  | { at: 'tg_group'; who: number; text: string }
  | { at: 'tg_dm'; who: number; text: string }
  | { at: 'yt_video'; key: string; title: string }
  | { at: 'yt_comment'; video: string; who: number; text: string; reply?: boolean };

/** VK users (id → name) and Telegram users (id → name, username). */
export const VK_PEOPLE: Record<number, [string, string]> = {
  501: ['Ирина', 'Соколова'],
  502: ['Дмитрий', 'Лебедев'],
  503: ['Ольга', 'Кузнецова'],
  504: ['Артём', 'Никитин'],
  505: ['Marina', 'Fox'],
  506: ['Сергей', 'Волков'],
  507: ['Наталья', 'Морозова'],
  508: ['Павел', 'Громов'],
  509: ['Кирилл', 'Беляев'],
  510: ['John', 'Carter'],
  511: ['Екатерина', 'Орлова'],
  512: ['Максим', 'Зайцев'],
};

export const TG_PEOPLE: Record<number, [string, string]> = {
  9001: ['Алексей', 'alex_msk'],
  9002: ['Светлана', 'sveta_k'],
  9003: ['Tom', 'tom_in_spb'],
  9004: ['Вика', 'vika_vi'],
  9005: ['Игорь', 'igor_dev'],
  9006: ['Анастасия', 'nastya_home'],
  9007: ['Promo Bot', 'best_crypto_deals'],
  9008: ['Роман', 'roman_r'],
  9009: ['Elena', 'elena_writes'],
  9010: ['Глеб', 'gleb_g'],
};

/** YouTube viewers (id → display name, without the @). */
export const YT_PEOPLE: Record<number, string> = {
  7001: 'marina.tech',
  7002: 'dmitry_reviews',
  7003: 'JakeWatchesTV',
  7004: 'ольга-дома',
  7005: 'sam.builds',
  7006: 'крипто-доход-24',
};

/** What is already there when a newcomer opens the inbox (~40 items). */
export const DEMO_SEED: DemoLine[] = [
  {
    at: 'vk_post',
    key: 'speed',
    text: 'С 1 декабря тариф «Домашний 500» без доплаты получает скорость до 1 Гбит/с. Роутер менять не нужно, если он у вас не старше 2021 года.',
  },
  { at: 'vk_comment', post: 'speed', who: 501, text: 'Вот это новость! Спасибо, давно ждала 🙌' },
  {
    at: 'vk_comment',
    post: 'speed',
    who: 502,
    text: 'А на Лесной улице это тоже будет работать? У нас до сих пор 100 Мбит максимум.',
  },
  {
    at: 'vk_comment',
    post: 'speed',
    who: 504,
    text: 'Опять обещания. У меня вечером и 50 не выжимает, сначала это почините.',
  },
  {
    at: 'vk_comment',
    post: 'speed',
    who: 510,
    text: 'Is the 1 Gbit upgrade automatic or do I need to call support?',
  },
  {
    at: 'vk_comment',
    post: 'speed',
    who: 509,
    text: 'Заработок от 5000 в день без вложений, пишите в личку!!! 💰💰💰',
  },
  {
    at: 'vk_post',
    key: 'outage',
    text: 'Плановые работы 28 ноября с 02:00 до 05:00 в Заречном районе. Возможны кратковременные перерывы связи.',
  },
  {
    at: 'vk_comment',
    post: 'outage',
    who: 506,
    text: 'Уже третий раз за месяц. Я работаю по ночам из дома, мне вообще-то неудобно.',
  },
  {
    at: 'vk_comment',
    post: 'outage',
    who: 507,
    text: 'Спасибо, что предупреждаете заранее, а не как в прошлый раз.',
  },
  { at: 'vk_comment', post: 'outage', who: 503, text: 'ТВ тоже отключится или только интернет?' },
  {
    at: 'vk_dm',
    who: 505,
    text: 'Здравствуйте! Переезжаю в новый дом на Садовой, 14. Можно перенести договор или нужно заключать новый?',
  },
  {
    at: 'vk_dm',
    who: 508,
    text: 'Третий день не работает интернет, лампочка LOS горит красным. Заявку оставлял, никто не пришёл. Договор 44-1187.',
  },
  {
    at: 'vk_dm',
    who: 511,
    text: 'Сколько стоит подключение в частный дом в Берёзовке? Интересует интернет + ТВ.',
  },
  {
    at: 'vk_dm',
    who: 512,
    text: 'Мастер Андрей сегодня приходил — всё быстро настроил и ещё объяснил, как поставить пароль на Wi‑Fi. Передайте ему спасибо!',
  },
  { at: 'vk_dm', who: 502, text: 'И ещё вопрос: можно ли оплатить сразу за год со скидкой?' },
  {
    at: 'vk_comment',
    post: 'speed',
    who: 505,
    text: 'Upgrade sounds great. Does it include a new Wi‑Fi 6 router or do I buy my own?',
  },
  { at: 'vk_comment', post: 'outage', who: 501, text: 'Ночью — это правильно, днём было бы хуже.' },
  { at: 'vk_dm', who: 504, text: 'Списали 650 рублей за «Кинозал», который я не подключал. Верните деньги.' },
  {
    at: 'tg_post',
    key: 'tv',
    text: 'В приложении «ДомНет ТВ» появилась перемотка эфира на 72 часа. Обновитесь в App Store или Google Play.',
  },
  {
    at: 'tg_comment',
    post: 'tv',
    who: 9001,
    text: 'Наконец-то! Футбол теперь можно смотреть после работы 👍',
  },
  {
    at: 'tg_comment',
    post: 'tv',
    who: 9002,
    text: 'На старом Samsung TV приложение не обновляется, пишет «несовместимо». Что делать?',
  },
  { at: 'tg_comment', post: 'tv', who: 9003, text: 'Does the rewind work on the web version too?' },
  {
    at: 'tg_comment',
    post: 'tv',
    who: 9007,
    text: '🚀 Лучшие крипто-сигналы, +300% за неделю, подписывайся t.me/best_crypto_deals',
  },
  {
    at: 'tg_post',
    key: 'promo',
    text: 'Приведи друга — получите оба месяц интернета бесплатно. Подробности в закреплённом сообщении.',
  },
  { at: 'tg_comment', post: 'promo', who: 9004, text: 'А если друг живёт в другом городе, акция действует?' },
  {
    at: 'tg_comment',
    post: 'promo',
    who: 9005,
    text: 'Привёл двоих в прошлом месяце, бонус так и не начислили.',
  },
  {
    at: 'tg_group',
    who: 9006,
    text: 'Всем привет! У кого-нибудь сегодня тормозит интернет в районе Северного? У меня пинг 300.',
  },
  { at: 'tg_group', who: 9008, text: 'У меня тоже, с утра всё еле грузится.' },
  {
    at: 'tg_group',
    who: 9009,
    text: 'Hi! Is there an English-speaking support line? My Russian is not great.',
  },
  { at: 'tg_group', who: 9010, text: 'Посоветуйте роутер под гигабит, чтобы не переплачивать.' },
  {
    at: 'tg_dm',
    who: 9002,
    text: 'Здравствуйте, подскажите, как сменить тариф на более дешёвый? В личном кабинете не нахожу.',
  },
  {
    at: 'tg_dm',
    who: 9005,
    text: 'Бонус за друзей так и не пришёл, договоры 55-2031 и 55-2040. Сколько ждать?',
  },
  {
    at: 'tg_dm',
    who: 9003,
    text: 'Hello, I would like to connect internet in a rented flat for 6 months. Is there a short-term contract?',
  },
  { at: 'tg_dm', who: 9001, text: 'Спасибо за перемотку эфира, очень удобно! Так держать.' },
  { at: 'tg_group', who: 9006, text: 'Перезагрузила роутер — не помогло. Поддержка, вы тут?' },
  {
    at: 'vk_comment',
    post: 'speed',
    who: 506,
    text: 'А цена тарифа останется прежней? Или через месяц поднимете?',
  },
  {
    at: 'vk_dm',
    who: 507,
    text: 'Добрый день! Хочу подключить маме тариф для пенсионеров, какие нужны документы?',
  },
  { at: 'tg_comment', post: 'promo', who: 9009, text: 'Great promo, just invited my neighbour 🙂' },
  {
    at: 'vk_dm',
    who: 510,
    text: 'Hi, my internet drops every evening around 9 pm for about 10 minutes. Contract 61-0042.',
  },
  { at: 'tg_dm', who: 9010, text: 'Какие роутеры вы продаёте и можно ли в рассрочку?' },
  { at: 'yt_video', key: 'router', title: 'Как настроить Wi‑Fi роутер ДомНет за 5 минут' },
  {
    at: 'yt_comment',
    video: 'router',
    who: 7001,
    text: 'Сделала всё по видео, но 5 ГГц сеть так и не появилась. Что делать?',
  },
  {
    at: 'yt_comment',
    video: 'router',
    who: 7003,
    text: 'Great tutorial, finally my Wi-Fi reaches the balcony!',
  },
  {
    at: 'yt_comment',
    video: 'router',
    who: 7002,
    text: 'Почему роутер каждую ночь перезагружается? Уже неделю так',
  },
  {
    at: 'yt_comment',
    video: 'router',
    who: 7005,
    text: 'Same issue here, it reboots around 3am. Any fix?',
    reply: true,
  },
];

/** New items arriving while the newcomer watches (~60, one every 20–40 s, then again from the top). */
export const DEMO_TRICKLE: DemoLine[] = [
  { at: 'vk_comment', post: 'speed', who: 503, text: 'Подключила гигабит — торренты летают, спасибо!' },
  { at: 'tg_group', who: 9008, text: 'Кажется, починили, у меня снова нормально.' },
  { at: 'vk_dm', who: 509, text: 'Хочу расторгнуть договор, как это сделать без визита в офис?' },
  { at: 'tg_dm', who: 9004, text: 'Здравствуйте! Сколько стоит подключить интернет в офис на 10 человек?' },
  {
    at: 'vk_comment',
    post: 'outage',
    who: 508,
    text: 'Работы закончились, а у меня до сих пор ничего не работает.',
  },
  { at: 'tg_comment', post: 'tv', who: 9006, text: 'Перемотка на LG работает отлично, спасибо 👍' },
  {
    at: 'vk_dm',
    who: 501,
    text: 'Не могу войти в личный кабинет, пишет «неверный пароль», хотя я его не меняла.',
  },
  { at: 'tg_group', who: 9007, text: 'Продам аккаунты с подписками дёшево, пишите в ЛС 🔥' },
  { at: 'vk_comment', post: 'speed', who: 511, text: 'А для юрлиц такое же предложение будет?' },
  {
    at: 'tg_dm',
    who: 9009,
    text: 'Thank you, the technician fixed my connection in 20 minutes. Excellent service!',
  },
  {
    at: 'vk_dm',
    who: 506,
    text: 'Интернет пропадает каждые полчаса. Уже перезагружал роутер, менял кабель — не помогает.',
  },
  {
    at: 'tg_comment',
    post: 'promo',
    who: 9010,
    text: 'Как получить ссылку для друга? В приложении не вижу.',
  },
  {
    at: 'vk_comment',
    post: 'outage',
    who: 502,
    text: 'Во сколько точно включат? Мне к 6 утра нужен интернет.',
  },
  { at: 'tg_group', who: 9001, text: 'Кто-нибудь пользовался их IPTV на приставке Xiaomi? Стоит брать?' },
  {
    at: 'vk_dm',
    who: 505,
    text: 'Thanks for the quick answer yesterday! One more question: can I keep my old router?',
  },
  { at: 'tg_dm', who: 9008, text: 'Почему у меня списание 890 ₽, если тариф 690 ₽?' },
  {
    at: 'vk_comment',
    post: 'speed',
    who: 512,
    text: 'Лучший провайдер в городе, без шуток. Пользуюсь 6 лет.',
  },
  { at: 'tg_comment', post: 'tv', who: 9005, text: 'Когда будет приложение для Apple TV?' },
  { at: 'vk_dm', who: 503, text: 'Есть ли у вас тариф только на ТВ, без интернета?' },
  { at: 'tg_group', who: 9002, text: 'Поддержка, ответьте, пожалуйста, в личке, жду со вчерашнего дня.' },
  {
    at: 'vk_comment',
    post: 'outage',
    who: 509,
    text: 'Лучшие ставки на спорт, бонус 200% по ссылке в профиле',
  },
  { at: 'tg_dm', who: 9006, text: 'Отключите, пожалуйста, услугу «Антивирус», она мне не нужна.' },
  { at: 'vk_dm', who: 510, text: 'The evening drops are still happening. Any update on my ticket?' },
  {
    at: 'tg_comment',
    post: 'promo',
    who: 9003,
    text: 'Does the referral bonus stack if I invite three friends?',
  },
  {
    at: 'vk_comment',
    post: 'speed',
    who: 507,
    text: 'Мама довольна, всё работает, спасибо за помощь с подключением.',
  },
  { at: 'tg_group', who: 9010, text: 'Купил роутер по вашему совету, гигабит есть 🎉' },
  {
    at: 'vk_dm',
    who: 504,
    text: 'Деньги за «Кинозал» так и не вернули. Буду писать жалобу в Роспотребнадзор.',
  },
  { at: 'tg_dm', who: 9002, text: 'Подскажите, можно ли временно приостановить договор на время отпуска?' },
  {
    at: 'vk_comment',
    post: 'outage',
    who: 511,
    text: 'У нас в доме всё включилось, спасибо за оперативность.',
  },
  { at: 'tg_comment', post: 'tv', who: 9004, text: 'Субтитры в архиве эфира будут?' },
  { at: 'vk_dm', who: 512, text: 'Можно ли подключить статический IP и сколько это стоит?' },
  { at: 'tg_group', who: 9009, text: 'Does anyone know if they offer IPv6?' },
  {
    at: 'vk_comment',
    post: 'speed',
    who: 504,
    text: 'Замерил: 940 Мбит по кабелю. Ладно, признаю, работает.',
  },
  { at: 'tg_dm', who: 9003, text: 'Can I pay with a foreign card?' },
  { at: 'vk_dm', who: 502, text: 'Мастер опоздал на два часа и даже не предупредил. Это нормально?' },
  { at: 'tg_comment', post: 'promo', who: 9001, text: 'Бонус пришёл, всё честно 👌' },
  {
    at: 'vk_comment',
    post: 'outage',
    who: 506,
    text: 'Сегодня опять пропадал интернет с 14 до 15, работы же были ночью?',
  },
  { at: 'tg_group', who: 9005, text: 'Почему в приложении не отображается баланс? Только у меня?' },
  { at: 'vk_dm', who: 507, text: 'Подключите, пожалуйста, «Родительский контроль», как это сделать?' },
  { at: 'tg_dm', who: 9010, text: 'Рассрочка на роутер без переплаты? Оформите, пожалуйста.' },
  { at: 'vk_comment', post: 'speed', who: 501, text: 'Дочка говорит, что игры перестали лагать 😄 Спасибо!' },
  { at: 'tg_comment', post: 'tv', who: 9008, text: 'Каналы в HD пропали после обновления приложения.' },
  { at: 'vk_dm', who: 511, text: 'Приходите в субботу подключать? Будни я на работе.' },
  { at: 'tg_group', who: 9006, text: 'Спасибо поддержке, перезвонили и всё решили.' },
  {
    at: 'vk_comment',
    post: 'outage',
    who: 510,
    text: 'Please post outage notices in English too, many expats live in Zarechny.',
  },
  { at: 'tg_dm', who: 9009, text: 'Is there a discount if I pay for a whole year?' },
  { at: 'vk_dm', who: 508, text: 'Спустя три дня всё заработало, но хочу перерасчёт за время без связи.' },
  { at: 'tg_comment', post: 'promo', who: 9007, text: 'Заработок на отзывах, 3000 ₽ в день, пиши «+» в ЛС' },
  {
    at: 'vk_comment',
    post: 'speed',
    who: 503,
    text: 'Wi‑Fi в дальней комнате всё равно слабый, что посоветуете?',
  },
  { at: 'tg_group', who: 9002, text: 'Как узнать номер договора, если бумажку потеряла?' },
  { at: 'vk_dm', who: 509, text: 'Передумал расторгать, просто поменяйте тариф на «Домашний 300».' },
  { at: 'tg_dm', who: 9005, text: 'Спасибо, бонус начислили. Извините за резкость.' },
  { at: 'vk_comment', post: 'outage', who: 503, text: 'А компенсацию за вчерашний простой дадут?' },
  {
    at: 'tg_comment',
    post: 'tv',
    who: 9003,
    text: 'Love the new rewind feature, works perfectly on my iPad.',
  },
  { at: 'vk_dm', who: 505, text: 'I moved in and everything works. Great job, thank you!' },
  { at: 'tg_group', who: 9004, text: 'Есть ли у ДомНет мобильная связь или только домашний интернет?' },
  { at: 'vk_comment', post: 'speed', who: 508, text: 'Когда гигабит доберётся до частного сектора?' },
  { at: 'tg_dm', who: 9001, text: 'Можно добавить второй телевизор к подписке?' },
  { at: 'vk_dm', who: 506, text: 'Техподдержка по телефону не отвечает уже 40 минут. Это вообще нормально?' },
  { at: 'tg_group', who: 9008, text: 'Подскажите, где ближайший офис ДомНет в центре?' },
  { at: 'yt_comment', video: 'router', who: 7004, text: 'Спасибо, очень понятно объяснили 👍' },
  {
    at: 'yt_comment',
    video: 'router',
    who: 7003,
    text: 'How do I change the Wi-Fi password from my phone? The app keeps crashing.',
  },
  { at: 'yt_comment', video: 'router', who: 7006, text: 'Зарабатывай 5000 в день, ссылка в профиле 🔥' },
];

/**
 * Yesterday evening and this morning on the VK wall, backdated (the connector's start-up backfill
 * reads them), so the spike detector has a few hours of ordinary traffic to compare a storm with.
 * Sparse on purpose: what counts for a new source is the share of angry comments, not the volume.
 */
export const DEMO_HISTORY_POST =
  'Напоминаем: оплатить услуги можно в приложении «ДомНет» без комиссии. Вопросы — в комментариях.';
export const DEMO_HISTORY: { who: number; text: string }[] = [
  { who: 501, text: 'Оплатила через приложение, всё прошло, спасибо.' },
  { who: 502, text: 'А автоплатёж там можно настроить?' },
  { who: 503, text: 'Удобно, раньше ходила в офис.' },
  { who: 504, text: 'Приложение опять вылетает при оплате, уже второй раз.' },
  { who: 506, text: 'Кэшбэк за оплату в приложении будет?' },
  { who: 507, text: 'Спасибо, разобралась с помощью поддержки.' },
  { who: 508, text: 'Сколько идёт платёж, если платить картой другого банка?' },
  { who: 511, text: 'Отличный сервис, пользуюсь третий год.' },
  { who: 512, text: 'Не приходит чек на почту после оплаты, куда смотреть?' },
  { who: 509, text: 'Можно ли оплатить сразу за полгода?' },
  { who: 505, text: 'Paid in the app, it worked fine. Thanks!' },
  { who: 510, text: 'Is there an English version of the app?' },
];

/** The storm: the network goes down in Заречный, people pile into the comments (and the chat). */
export const DEMO_STORM_POST =
  'Мы знаем о проблеме со связью в Заречном районе. Бригада уже выехала, сообщим, когда починим.';
export const DEMO_STORM: { vk: boolean; text: string }[] = [
  { vk: true, text: 'Интернета нет уже час! Что происходит?' },
  { vk: true, text: 'Опять не работает интернет, третий раз за месяц' },
  { vk: false, text: 'У кого ещё не работает? Заречный, дом 14' },
  { vk: true, text: 'Не работает ни интернет, ни ТВ. Деньги списали, а услуг нет' },
  { vk: true, text: 'Поддержка не берёт трубку, интернет не работает, что за бардак' },
  { vk: true, text: 'Списали абонплату вчера, сегодня сидим без связи. Верните деньги!' },
  { vk: false, text: 'Не работает с 9 утра, у меня удалёнка, я теряю деньги' },
  { vk: true, text: 'Сколько можно? Не работает интернет, ребёнку не сдать экзамен онлайн' },
  { vk: true, text: 'Ужасный провайдер. Интернета нет, никто ничего не объясняет' },
  { vk: true, text: 'Не работает! Когда почините?' },
  { vk: false, text: 'Час без интернета, это просто позор' },
  { vk: true, text: 'Хочу перерасчёт за сегодня, интернет не работает с утра' },
  { vk: true, text: 'Не работает роутер, лампочка мигает красным. Это у вас авария?' },
  { vk: true, text: 'Деньги списали, связи нет. Буду расторгать договор' },
  { vk: true, text: 'Интернет не работает, горячая линия 40 минут ожидания. Издевательство' },
  { vk: false, text: 'Не работает ничего. Вы вообще собираетесь что-то делать?' },
  { vk: true, text: 'Опять авария? Не работает интернет во всём доме' },
  { vk: true, text: 'Третий час без связи, ни одного объявления. Отвратительно' },
  { vk: true, text: 'Списали деньги за ТВ, а ТВ не работает. Верните' },
  { vk: true, text: 'Internet is down again in Zarechny, no updates from support at all' },
  { vk: true, text: 'Не работает интернет на Лесной, 22. Что у вас случилось?' },
  { vk: true, text: 'Полдня без интернета. Компенсация будет?' },
  { vk: true, text: 'Опять не работает, я уже устал звонить в поддержку' },
  { vk: false, text: 'Интернета нет, телефон поддержки занят. Классика' },
  { vk: true, text: 'Почему деньги списали, если интернет не работает?' },
  { vk: true, text: 'Весь подъезд без связи. Ни смс, ни объявления' },
  { vk: true, text: 'Не работает! Пишу с мобильного интернета, позор' },
  { vk: true, text: 'Когда уже нормальный провайдер придёт в наш район' },
  { vk: true, text: 'Связи нет, ТВ не показывает, абонплату списали. Отлично просто' },
  { vk: true, text: 'Уже два часа не работает интернет, я на удалёнке!' },
  { vk: true, text: 'Сделайте уже хоть что-нибудь, интернет не работает' },
  { vk: false, text: 'Что с интернетом? Не работает ничего' },
  { vk: true, text: 'Интернет не работает, поддержка молчит. Буду жаловаться' },
  { vk: true, text: 'Верните деньги за сегодняшний день, сидим без связи' },
  { vk: true, text: 'Не работает интернет, не работает горячая линия, ничего не работает' },
  { vk: true, text: 'Ребята, что за авария опять? Не работает с утра' },
  { vk: true, text: 'Уйду к конкурентам, надоело. Опять нет интернета' },
  { vk: true, text: 'Интернета нет, а рекламу своих тарифов шлёте исправно' },
  { vk: true, text: 'Не работает кабельное и интернет, Заречный, дом 3' },
  { vk: true, text: 'Списали деньги, интернета нет, в поддержке бот. Супер' },
  { vk: true, text: 'Сколько ещё ждать? Не работает третий час' },
  { vk: true, text: 'Interrupted again, this is the third outage this month' },
  { vk: true, text: 'Не работает интернет, срываются все созвоны. Ужас' },
  { vk: true, text: 'Починят сегодня или нет? Ответьте хоть что-то' },
  { vk: true, text: 'Не работает, не работает, не работает. Сколько можно' },
];
