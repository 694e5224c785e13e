/**
 * The knowledge base of «ДомНет», the demo company (home internet and TV), in Russian and
 * English. Written for Otklik; plain data. Demo mode seeds it into an empty knowledge base, and
 * the ranking's evaluation (src/kb/eval/) asks its labelled customer questions against it.
 */
export interface KbSeedArticle {
  /** a stable key for the evaluation's labels (not stored) */
  slug: string;
  locale: 'ru' | 'en';
  title: string;
  tags: string[];
  body: string;
}

const HELP = 'https://domnet.example/help/';
export const kbArticleUrl = (slug: string) => `${HELP}${slug}`;

export const KB_ARTICLES: KbSeedArticle[] = [
  {
    slug: 'tariffs',
    locale: 'ru',
    title: 'Тарифы на домашний интернет',
    tags: ['тарифы', 'цены', 'стоимость', 'абонентская плата'],
    body: `У ДомНет три тарифа для квартир: «Старт» — 300 Мбит/с за 550 ₽ в месяц, «Оптима» — 500 Мбит/с за 690 ₽, «Турбо» — 1 Гбит/с за 890 ₽. Абонентская плата списывается раз в месяц, в день подключения.

В тарифы «Оптима» и «Турбо» входит 120 ТВ-каналов. Роутер можно взять в аренду за 99 ₽ в месяц или купить.

Сменить тариф можно в личном кабинете в разделе «Услуги»: переход на более быстрый тариф срабатывает сразу, на более дешёвый — с начала следующего расчётного периода.`,
  },
  {
    slug: 'connect-new',
    locale: 'ru',
    title: 'Как подключить интернет в квартиру',
    tags: ['подключение', 'заявка', 'новый абонент', 'провести интернет'],
    body: `Оставьте заявку на сайте domnet.example или по телефону 8 800 555-35-35. Оператор проверит адрес, предложит тариф и согласует удобное время визита мастера.

Подключение бесплатное. Мастер протянет кабель в квартиру, настроит роутер и проверит скорость. Обычно всё занимает около часа. С собой нужен паспорт: договор оформляется на месте.

Если дом ещё не подключён к нашей сети, заявка встанет в лист ожидания, и мы сообщим, когда придём в ваш дом.`,
  },
  {
    slug: 'check-address',
    locale: 'ru',
    title: 'Проверка возможности подключения по адресу',
    tags: ['адрес', 'покрытие', 'дом подключён', 'зона обслуживания'],
    body: `Проверить, есть ли ДомНет в вашем доме, можно на странице domnet.example/coverage: введите улицу и номер дома. Зелёная метка — дом подключён, можно оставлять заявку. Жёлтая — строим сеть, подключение в течение месяца.

Частные дома и коттеджные посёлки мы подключаем по оптике в отдельных районах; стоимость прокладки кабеля рассчитывается после выезда инженера.`,
  },
  {
    slug: 'payment-methods',
    locale: 'ru',
    title: 'Способы оплаты',
    tags: ['оплата', 'пополнить счёт', 'карта', 'сбп', 'реквизиты'],
    body: `Пополнить счёт можно в личном кабинете и в приложении ДомНет картой или через СБП без комиссии, в банковских приложениях по номеру договора, а также в терминалах и салонах связи.

Платёж картой и по СБП зачисляется сразу, через банк по реквизитам — до трёх рабочих дней. Номер договора для оплаты указан в личном кабинете и на первой странице договора.`,
  },
  {
    slug: 'autopay',
    locale: 'ru',
    title: 'Автоплатёж с банковской карты',
    tags: ['автоплатёж', 'автооплата', 'привязать карту', 'отвязать карту'],
    body: `Автоплатёж сам пополняет счёт в день списания абонентской платы, чтобы интернет не отключился. Включить его можно в личном кабинете: «Оплата» → «Автоплатёж» → привязать карту.

Отключить автоплатёж или отвязать карту можно там же в любой момент. Данные карты хранит банк-эквайер, ДомНет видит только последние четыре цифры.`,
  },
  {
    slug: 'blocked-balance',
    locale: 'ru',
    title: 'Интернет отключили за неуплату: как вернуть доступ',
    tags: ['отрицательный баланс', 'блокировка', 'долг', 'не оплатил', 'минус на счёте'],
    body: `Когда на счёте не хватает денег на абонентскую плату, доступ в интернет приостанавливается, а при открытии любого сайта появляется страница с предложением пополнить счёт.

Пополните баланс на сумму долга и абонентской платы — доступ вернётся в течение пяти минут после зачисления. Если денег сейчас нет, подключите обещанный платёж.`,
  },
  {
    slug: 'promised-payment',
    locale: 'ru',
    title: 'Обещанный платёж',
    tags: ['обещанный платёж', 'доверительный платёж', 'в долг', 'отсрочка оплаты'],
    body: `Обещанный платёж даёт пользоваться интернетом ещё три дня, пока вы не пополнили счёт. Подключить его можно в личном кабинете или приложении кнопкой «Обещанный платёж» на главной странице.

Услуга бесплатная и доступна раз в месяц, если вы с нами дольше двух месяцев. Через три дня сумма спишется с баланса; если денег не хватит, доступ снова приостановится.`,
  },
  {
    slug: 'double-charge',
    locale: 'ru',
    title: 'Деньги списали дважды или по ошибке',
    tags: ['двойное списание', 'возврат денег', 'ошибочный платёж', 'списали лишнее'],
    body: `Если оплата прошла дважды, лишняя сумма остаётся на вашем счёте и уйдёт в счёт следующего месяца. Вернуть её на карту можно по заявлению в личном кабинете: «Оплата» → «Вернуть платёж».

Возврат на карту занимает до десяти рабочих дней. Если деньги ушли на чужой номер договора, напишите нам номер договора, дату и сумму платежа — мы найдём и перенесём платёж.`,
  },
  {
    slug: 'no-internet',
    locale: 'ru',
    title: 'Нет интернета: что проверить',
    tags: ['не работает интернет', 'пропал интернет', 'нет соединения', 'авария', 'перезагрузка роутера'],
    body: `Сначала проверьте баланс в личном кабинете и страницу аварий domnet.example/status — если в доме ведутся работы, там указано время восстановления.

Выключите роутер из розетки на 30 секунд и включите снова. Проверьте, что кабель из подъезда плотно вставлен в порт WAN (обычно он синий). Если лампочка WAN или «Интернет» не горит, проблема на линии.

Если ничего не помогло, напишите нам адрес и номер договора — проверим линию удалённо и при необходимости пришлём мастера.`,
  },
  {
    slug: 'slow-speed',
    locale: 'ru',
    title: 'Низкая скорость интернета',
    tags: ['медленный интернет', 'скорость', 'тормозит', 'speedtest', 'замер скорости'],
    body: `Измерьте скорость на компьютере, подключённом к роутеру кабелем, на сайте speedtest.net, закрыв другие программы и загрузки. По Wi-Fi скорость всегда ниже тарифной, особенно в диапазоне 2,4 ГГц и через стены.

Если по кабелю скорость заметно ниже тарифа, перезагрузите роутер и повторите замер. Пришлите нам скриншот результата и номер договора — проверим порт на коммутаторе и загрузку узла.`,
  },
  {
    slug: 'wifi-password',
    locale: 'ru',
    title: 'Как сменить пароль и имя сети Wi-Fi',
    tags: ['пароль wifi', 'имя сети', 'ssid', 'забыл пароль от wifi'],
    body: `Откройте в браузере 192.168.0.1 на устройстве, подключённом к роутеру, войдите с логином и паролем с наклейки на дне роутера. В разделе «Беспроводная сеть» задайте новое имя сети (SSID) и пароль не короче восьми символов, сохраните.

Если роутер арендован у ДомНет, пароль Wi-Fi можно сменить и в личном кабинете: «Оборудование» → «Wi-Fi». После смены все устройства нужно подключить заново.`,
  },
  {
    slug: 'wifi-coverage',
    locale: 'ru',
    title: 'Слабый сигнал Wi-Fi в дальних комнатах',
    tags: ['слабый wifi', 'плохой сигнал', 'не ловит', 'mesh', 'усилитель', 'покрытие wifi'],
    body: `Wi-Fi плохо проходит через несущие стены, зеркала и аквариумы. Поставьте роутер повыше и ближе к центру квартиры, не в шкаф и не за телевизор.

Диапазон 5 ГГц быстрее, но бьёт ближе; 2,4 ГГц дальше, но медленнее. Для большой квартиры или дома лучше mesh-система: ДомНет сдаёт комплект из двух модулей за 199 ₽ в месяц, мастер установит его бесплатно.`,
  },
  {
    slug: 'router-setup',
    locale: 'ru',
    title: 'Настройка своего роутера',
    tags: ['настроить роутер', 'новый роутер', 'pppoe', 'свой роутер', 'логин и пароль'],
    body: `ДомНет работает через PPPoE. В настройках роутера выберите тип подключения PPPoE и введите логин и пароль из договора (раздел «Данные для подключения»). Клонировать MAC-адрес не нужно.

Подойдёт любой роутер с портом 1 Гбит/с; для тарифа «Турбо» нужен роутер с гигабитными портами и Wi-Fi 5 или 6. Если логин и пароль потерялись, их можно посмотреть в личном кабинете.`,
  },
  {
    slug: 'router-rent',
    locale: 'ru',
    title: 'Аренда и покупка роутера',
    tags: ['аренда роутера', 'купить роутер', 'замена роутера', 'сломался роутер'],
    body: `Роутер ДомНет можно взять в аренду за 99 ₽ в месяц или купить за 3 900 ₽ (рассрочка на 12 месяцев). Арендованный роутер мы меняем бесплатно, если он сломался не по вашей вине.

Для замены неисправного роутера напишите нам — курьер привезёт новый и заберёт старый. При расторжении договора арендованный роутер нужно вернуть в салон связи.`,
  },
  {
    slug: 'tv-packages',
    locale: 'ru',
    title: 'Пакеты ТВ-каналов',
    tags: ['каналы', 'телевидение', 'пакет каналов', 'спорт', 'кино', 'дополнительные каналы'],
    body: `В тарифы «Оптима» и «Турбо» входит базовый пакет: 120 каналов, из них 40 в HD. Дополнительно можно подключить пакеты «Кино» (199 ₽ в месяц), «Спорт» (249 ₽) и «Детский» (99 ₽).

Пакеты подключаются и отключаются в личном кабинете в разделе «ТВ» и начинают показывать через пару минут. Список каналов каждого пакета — на domnet.example/tv.`,
  },
  {
    slug: 'tv-no-signal',
    locale: 'ru',
    title: 'ТВ-приставка: нет сигнала, каналы не показывают',
    tags: ['приставка', 'нет сигнала', 'каналы не показывают', 'чёрный экран', 'зависает тв'],
    body: `Перезагрузите приставку: выключите её из розетки на 30 секунд. Проверьте, что на телевизоре выбран правильный вход HDMI и что кабель от роутера к приставке подключён.

Если показывает только часть каналов, проверьте, что пакет оплачен и баланс положительный. Если экран чёрный на всех каналах после перезагрузки, сообщите нам номер договора и модель приставки.`,
  },
  {
    slug: 'tv-app',
    locale: 'ru',
    title: 'ДомНет ТВ на Smart TV, телефоне и планшете',
    tags: ['приложение', 'smart tv', 'смотреть на телефоне', 'домнет тв', 'устройства'],
    body: `Каналы вашего тарифа можно смотреть без приставки в приложении «ДомНет ТВ» для Smart TV (Samsung, LG, Android TV), iOS и Android. Войдите по номеру договора и паролю от личного кабинета.

Одновременно можно смотреть на трёх устройствах. Вне дома приложение работает в любой сети, кроме каналов, права на которые действуют только в домашней сети.`,
  },
  {
    slug: 'personal-account',
    locale: 'ru',
    title: 'Личный кабинет: вход и восстановление пароля',
    tags: ['личный кабинет', 'не могу войти', 'забыл пароль', 'восстановить пароль', 'приложение домнет'],
    body: `Войти в личный кабинет lk.domnet.example можно по номеру договора или телефону. Если пароль забыт, нажмите «Восстановить пароль» — код придёт по SMS на номер из договора.

Если номер телефона сменился и код не приходит, напишите нам номер договора и ФИО владельца: после проверки мы привяжем новый номер.`,
  },
  {
    slug: 'contract-number',
    locale: 'ru',
    title: 'Где найти номер договора',
    tags: ['номер договора', 'лицевой счёт', 'потерял договор', 'копия договора'],
    body: `Номер договора (он же лицевой счёт) — восемь цифр на первой странице договора и в личном кабинете под вашим именем. Его же печатают в квитанциях.

Если договор потерялся, копию можно скачать в личном кабинете в разделе «Документы» или получить в салоне связи по паспорту.`,
  },
  {
    slug: 'change-owner',
    locale: 'ru',
    title: 'Переоформление договора на другого человека',
    tags: ['переоформить договор', 'сменить владельца', 'новый владелец', 'договор на другого'],
    body: `Чтобы переоформить договор, нужны оба человека — прежний и новый владелец — с паспортами в салоне связи. Если прежний владелец не может прийти, подойдёт нотариальная доверенность или свидетельство о праве на наследство.

Баланс и подключённые услуги переходят новому владельцу. Переоформление бесплатное и занимает около 15 минут.`,
  },
  {
    slug: 'moving',
    locale: 'ru',
    title: 'Переезд: перенос интернета на новый адрес',
    tags: ['переезд', 'новый адрес', 'перенести интернет', 'сменить адрес'],
    body: `Если ДомНет есть по новому адресу, договор переносится бесплатно: оставьте заявку на переезд в личном кабинете или напишите нам новый адрес и удобную дату. Номер договора, баланс и тариф сохраняются.

Роутер заберите с собой, мастер подключит его на новом месте. Если по новому адресу нас нет, договор можно расторгнуть без штрафа.`,
  },
  {
    slug: 'pause-service',
    locale: 'ru',
    title: 'Добровольная блокировка на время отъезда',
    tags: ['приостановить', 'заморозить', 'отпуск', 'уезжаю', 'добровольная блокировка', 'не пользуюсь'],
    body: `Если уезжаете надолго, подключите добровольную блокировку в личном кабинете: «Услуги» → «Приостановить». Срок — от 7 до 90 дней в году, абонентская плата за это время не списывается.

Первые 30 дней блокировки бесплатные, дальше — 3 ₽ в день. Досрочно снять блокировку можно в любой момент там же.`,
  },
  {
    slug: 'terminate',
    locale: 'ru',
    title: 'Расторжение договора',
    tags: [
      'расторгнуть договор',
      'отказаться от услуг',
      'отключиться',
      'уйти от провайдера',
      'вернуть остаток',
    ],
    body: `Расторгнуть договор можно в салоне связи по паспорту владельца или в личном кабинете, подписав заявление кодом из SMS. Арендованное оборудование нужно вернуть в салон в течение 14 дней.

Остаток денег на счёте вернём на карту или банковский счёт в течение десяти рабочих дней после расторжения. Штрафов за расторжение нет.`,
  },
  {
    slug: 'static-ip',
    locale: 'ru',
    title: 'Статический (белый) IP-адрес',
    tags: ['статический ip', 'белый ip', 'постоянный ip', 'внешний ip', 'видеонаблюдение удалённо'],
    body: `Статический публичный IP-адрес нужен для удалённого доступа к камерам, серверу или NAS. Подключается в личном кабинете: «Услуги» → «Статический IP», стоит 150 ₽ в месяц.

Адрес выдаётся в течение 15 минут; после подключения перезагрузите роутер. Без услуги используется динамический адрес за NAT.`,
  },
  {
    slug: 'technician-visit',
    locale: 'ru',
    title: 'Вызов мастера: стоимость и перенос визита',
    tags: ['вызов мастера', 'выезд техника', 'перенести визит', 'мастер не пришёл'],
    body: `Если неисправность на нашей стороне (линия, оборудование ДомНет), выезд мастера бесплатный. Настройка ваших устройств, перенос розетки или прокладка кабеля по квартире — 500 ₽.

Время визита согласуется заранее, мастер звонит за час. Перенести или отменить визит можно, ответив на SMS с подтверждением или написав нам. Если мастер опоздал больше чем на час, сообщите нам — разберёмся и начислим компенсацию.`,
  },
  {
    slug: 'bonus-program',
    locale: 'ru',
    title: 'Бонусная программа «ДомНет Плюс»',
    tags: ['бонусы', 'баллы', 'кэшбэк', 'домнет плюс', 'программа лояльности'],
    body: `За каждый оплаченный месяц начисляем 5% абонентской платы бонусами. Бонусами можно оплатить до половины абонентской платы, дополнительные ТВ-пакеты и аренду оборудования.

Бонусы действуют 12 месяцев. Баланс бонусов и история начислений — в личном кабинете в разделе «ДомНет Плюс».`,
  },
  {
    slug: 'referral',
    locale: 'ru',
    title: 'Приведи друга',
    tags: ['приведи друга', 'рекомендация', 'промокод', 'пригласить соседа'],
    body: `Дайте другу или соседу свой промокод из личного кабинета. Когда он подключится и оплатит первый месяц, вы оба получите по 500 ₽ на счёт.

Пригласить можно до десяти человек в год. Промокод нужно назвать при оформлении заявки — позже его указать нельзя.`,
  },
  {
    slug: 'parental-control',
    locale: 'ru',
    title: 'Родительский контроль',
    tags: ['родительский контроль', 'дети', 'запретить сайты', 'ограничить доступ', 'фильтр'],
    body: `Услуга «Детский фильтр» блокирует сайты для взрослых и опасные ресурсы на всех устройствах дома. Подключается бесплатно в личном кабинете.

Расписание доступа для отдельных устройств (например, без интернета на планшете ребёнка после 22:00) настраивается в приложении ДомНет, если роутер арендован у нас.`,
  },
  {
    slug: 'gaming-ping',
    locale: 'ru',
    title: 'Высокий пинг и лаги в онлайн-играх',
    tags: ['пинг', 'лаги', 'игры', 'задержка', 'потеря пакетов'],
    body: `Для игр подключайте компьютер или консоль к роутеру кабелем: Wi-Fi добавляет задержку и скачки. Закройте загрузки и обновления на других устройствах.

Если пинг высокий и по кабелю, сделайте трассировку до игрового сервера (tracert в командной строке) и пришлите нам результат с номером договора — проверим маршрут и потери пакетов на нашей сети.`,
  },
  {
    slug: 'cable-damage',
    locale: 'ru',
    title: 'Повреждён кабель в подъезде или квартире',
    tags: ['оборвали кабель', 'повреждён кабель', 'перебили провод', 'ремонт в подъезде', 'перегрызла кошка'],
    body: `Если кабель повреждён в подъезде (например, при ремонте), ремонт бесплатный: напишите адрес и подъезд, мастер приедет в течение суток.

Кабель в квартире, повреждённый по вашей вине (ремонт, домашние животные), восстанавливаем платно — 500 ₽ за выезд и кабель. Не пытайтесь скручивать оптический кабель сами.`,
  },
  {
    slug: 'business-documents',
    locale: 'ru',
    title: 'Счета и закрывающие документы для организаций',
    tags: ['юрлицо', 'ип', 'счёт на оплату', 'акт', 'закрывающие документы', 'эдо'],
    body: `Организации и ИП получают счёт и акт выполненных работ ежемесячно по ЭДО (Диадок, СБИС) или на электронную почту. Оплата по счёту — по реквизитам из договора.

Сверку взаиморасчётов и копии документов за прошлые периоды запросите у вашего менеджера или через раздел «Документы» в кабинете организации.`,
  },
  {
    slug: 'discounts',
    locale: 'ru',
    title: 'Скидки для пенсионеров, многодетных и студентов',
    tags: ['скидка', 'льготы', 'пенсионер', 'многодетная семья', 'студент', 'социальный тариф'],
    body: `Пенсионерам и многодетным семьям — скидка 30% на любой тариф, студентам очной формы — 20% на время учёбы.

Чтобы оформить скидку, загрузите в личном кабинете фото пенсионного удостоверения, удостоверения многодетной семьи или студенческого билета. Скидка начнёт действовать со следующего расчётного периода.`,
  },
  {
    slug: 'complaint',
    locale: 'ru',
    title: 'Как оставить жалобу или претензию',
    tags: ['жалоба', 'претензия', 'недоволен', 'руководство', 'компенсация'],
    body: `Жалобу можно оставить в личном кабинете («Обращения»), по почте claims@domnet.example или в салоне связи. Письменную претензию рассматриваем в течение 30 дней и отвечаем письменно.

Если из-за аварии интернета не было дольше суток, абонентская плата за эти дни пересчитывается автоматически. За более серьёзные неудобства компенсацию рассматривает служба качества.`,
  },
  {
    slug: 'cctv',
    locale: 'ru',
    title: 'Видеонаблюдение «Умный дом»',
    tags: ['видеонаблюдение', 'камера', 'умный дом', 'домофон', 'запись'],
    body: `ДомНет устанавливает домашние Wi-Fi-камеры с облачной записью: 7 дней архива — 190 ₽ в месяц за камеру, 30 дней — 390 ₽. Смотреть можно в приложении ДомНет с любого устройства.

Камеру можно купить или взять в аренду, установка мастером — 500 ₽. Доступ к записям есть только у владельца договора и тех, кому он его выдал.`,
  },
  {
    slug: 'equipment-return',
    locale: 'ru',
    title: 'Возврат оборудования',
    tags: ['вернуть роутер', 'вернуть приставку', 'сдать оборудование', 'куда отнести роутер'],
    body: `Арендованные роутер, ТВ-приставку и камеры возвращают в любой салон связи ДомНет вместе с блоком питания. Адреса салонов — на domnet.example/offices.

Если не можете приехать, закажите курьера в личном кабинете — 300 ₽. Если оборудование не вернуть в течение 14 дней после расторжения, его стоимость удержим из остатка на счёте.`,
  },
  {
    slug: 'sms-notifications',
    locale: 'ru',
    title: 'Уведомления и рассылки',
    tags: ['смс', 'уведомления', 'рассылка', 'спам от домнет', 'отписаться'],
    body: `ДомНет присылает SMS и push-уведомления о списаниях, низком балансе и плановых работах. Рекламные рассылки отключаются в личном кабинете: «Профиль» → «Уведомления».

Уведомления о балансе и авариях отключить нельзя — они нужны, чтобы интернет не пропал неожиданно.`,
  },
  // English
  {
    slug: 'en-plans',
    locale: 'en',
    title: 'Home internet plans and prices',
    tags: ['plans', 'prices', 'tariffs', 'monthly fee', 'packages'],
    body: `DomNet has three home plans: Start — 300 Mbps for 550 RUB a month, Optima — 500 Mbps for 690 RUB, Turbo — 1 Gbps for 890 RUB. Optima and Turbo include 120 TV channels.

You can switch plans in your account under Services. Upgrades apply at once, downgrades from the next billing period.`,
  },
  {
    slug: 'en-connect',
    locale: 'en',
    title: 'Getting connected at a new address',
    tags: ['new connection', 'sign up', 'installation', 'coverage', 'availability'],
    body: `Check whether your building is covered at domnet.example/coverage, then leave a request online or call 8 800 555-35-35. We agree a date for the technician's visit.

Installation is free and takes about an hour: the technician runs the cable, sets up the router and tests the speed. Bring your passport — the contract is signed on the spot.`,
  },
  {
    slug: 'en-payment',
    locale: 'en',
    title: 'Paying your bill: cards, SBP and autopay',
    tags: ['payment', 'pay', 'top up', 'credit card', 'autopay', 'billing'],
    body: `Top up your balance in your account or the DomNet app by card or SBP with no fee, or in your bank's app using your contract number. Card payments arrive at once.

Turn on autopay under Payment → Autopay to have the monthly fee charged to your card automatically so the service is never suspended. You can remove the card at any time.`,
  },
  {
    slug: 'en-no-internet',
    locale: 'en',
    title: 'No internet connection: troubleshooting',
    tags: ['internet down', 'no connection', 'outage', 'not working', 'restart router'],
    body: `Check your balance and our status page domnet.example/status for outages in your building.

Unplug the router for 30 seconds and plug it back in. Make sure the cable from the hallway sits firmly in the WAN port. If the WAN light stays off, the problem is on the line: send us your address and contract number and we will test it remotely or send a technician.`,
  },
  {
    slug: 'en-slow',
    locale: 'en',
    title: 'Slow internet speed',
    tags: ['slow', 'speed', 'speedtest', 'bandwidth', 'buffering'],
    body: `Measure the speed at speedtest.net on a computer connected to the router by cable, with other downloads closed. Wi-Fi is always slower than your plan, especially on 2.4 GHz and through walls.

If the wired speed is well below your plan, restart the router and test again, then send us a screenshot and your contract number so we can check your port and the node load.`,
  },
  {
    slug: 'en-wifi-password',
    locale: 'en',
    title: 'Changing your Wi-Fi name and password',
    tags: ['wifi password', 'network name', 'ssid', 'forgot wifi password'],
    body: `Open 192.168.0.1 in a browser on a device connected to the router and sign in with the login and password on the sticker under the router. Under Wireless, set a new network name (SSID) and a password of at least eight characters, then save.

If you rent the router from DomNet, you can also change the Wi-Fi password in your account under Equipment → Wi-Fi. Reconnect your devices afterwards.`,
  },
  {
    slug: 'en-router-setup',
    locale: 'en',
    title: 'Setting up your own router',
    tags: ['own router', 'router setup', 'pppoe', 'configure router', 'login credentials'],
    body: `DomNet uses PPPoE. In your router's settings choose PPPoE and enter the login and password from your contract (Connection details). No MAC address cloning is needed.

Any router with a gigabit port works; for Turbo use a router with gigabit ports and Wi-Fi 5 or 6. Lost your PPPoE credentials? They are shown in your account.`,
  },
  {
    slug: 'en-moving',
    locale: 'en',
    title: 'Moving house',
    tags: ['moving', 'relocation', 'new address', 'transfer service'],
    body: `If DomNet serves your new address, we move your contract for free: request a move in your account or message us the new address and a date. Your contract number, balance and plan stay the same.

Take the router with you; the technician connects it at the new place. If we do not serve the new address, you can cancel without any fee.`,
  },
  {
    slug: 'en-cancel',
    locale: 'en',
    title: 'Cancelling your contract',
    tags: ['cancel', 'terminate', 'close account', 'leave', 'refund balance'],
    body: `You can cancel in any DomNet office with the contract holder's passport, or in your account by signing the request with an SMS code. There is no cancellation fee.

Return rented equipment to an office within 14 days. Whatever is left on your balance is refunded to your card or bank account within ten working days.`,
  },
  {
    slug: 'en-tv',
    locale: 'en',
    title: 'TV channels and the DomNet TV app',
    tags: ['tv', 'channels', 'smart tv', 'streaming app', 'set-top box'],
    body: `Optima and Turbo include 120 channels, 40 of them in HD. Add-on packs: Movies (199 RUB), Sports (249 RUB), Kids (99 RUB), switched on in your account under TV.

Watch without a set-top box in the DomNet TV app for Samsung, LG and Android TV, iOS and Android, on up to three devices at once. Sign in with your contract number and account password.`,
  },
  {
    slug: 'en-account',
    locale: 'en',
    title: 'Account login and password reset',
    tags: ['account', 'login', 'sign in', 'password reset', 'forgot password'],
    body: `Sign in at lk.domnet.example with your contract number or phone. Forgot your password? Tap Reset password and we text a code to the phone number on your contract.

If your phone number changed and the code never arrives, message us your contract number and the holder's full name; after a check we link the new number.`,
  },
  {
    slug: 'en-static-ip',
    locale: 'en',
    title: 'Static public IP address',
    tags: ['static ip', 'public ip', 'dedicated ip', 'port forwarding', 'remote access'],
    body: `A static public IP lets you reach cameras, a home server or a NAS from outside. Order it in your account under Services → Static IP for 150 RUB a month; it is active within 15 minutes, then restart the router.

Without it you get a dynamic address behind NAT, and port forwarding from the internet will not work.`,
  },
  {
    slug: 'en-refund',
    locale: 'en',
    title: 'Charged twice or by mistake',
    tags: ['double charge', 'refund', 'charged twice', 'wrong payment'],
    body: `If a payment went through twice, the extra amount stays on your balance and covers next month. To get it back on your card, file a refund request in your account under Payment → Refund a payment; it takes up to ten working days.

Paid to the wrong contract number? Send us the contract number, date and amount and we will move the payment.`,
  },
  {
    slug: 'en-pause',
    locale: 'en',
    title: 'Pausing your service while you are away',
    tags: ['pause', 'suspend', 'vacation', 'holiday', 'away', 'freeze'],
    body: `Going away for a while? Pause the service in your account under Services → Pause for 7 to 90 days a year; no monthly fee is charged meanwhile.

The first 30 days are free, then 3 RUB a day. You can resume early at any time.`,
  },
];
