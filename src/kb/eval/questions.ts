/**
 * Customer questions to «ДомНет», each labelled with the slug of the article that answers it
 * (src/kb/demo-articles.ts). Written as people write in VK and Telegram — colloquial, with typos,
 * lower case, several sentences — and never copied from the articles. Invented for Otklik.
 */
export interface LabelledQuestion {
  text: string;
  article: string;
}

export const KB_QUESTIONS: LabelledQuestion[] = [
  // tariffs
  { text: 'сколько у вас стоит гигабит в месяц?', article: 'tariffs' },
  { text: 'Какие есть тарифы и чем они отличаются кроме скорости?', article: 'tariffs' },
  { text: 'хочу перейти на тариф подешевле, это можно сделать?', article: 'tariffs' },
  // connect-new
  { text: 'Хочу провести к вам интернет в новую квартиру, как оставить заявку?', article: 'connect-new' },
  { text: 'а подключение платное? и сколько по времени мастер будет возиться', article: 'connect-new' },
  { text: 'заехали в квартиру, хотим интернет от вас, что для этого нужно', article: 'connect-new' },
  // check-address
  { text: 'вы есть на ул. Лесной 14? дом новый', article: 'check-address' },
  { text: 'Как узнать, подключён ли мой дом к вашей сети?', article: 'check-address' },
  { text: 'У меня частный дом в посёлке, протянете оптику?', article: 'check-address' },
  // payment-methods
  { text: 'как заплатить за интернет через сбп?', article: 'payment-methods' },
  { text: 'оплатил через сбербанк онлайн по реквизитам, когда деньги дойдут?', article: 'payment-methods' },
  { text: 'Где можно пополнить счёт без комиссии?', article: 'payment-methods' },
  // autopay
  { text: 'можно сделать чтобы деньги сами списывались с карты каждый месяц?', article: 'autopay' },
  { text: 'как отвязать карту? не хочу автоплатёж больше', article: 'autopay' },
  // blocked-balance
  { text: 'интернет пропал и пишет пополните счёт, я забыл заплатить', article: 'blocked-balance' },
  { text: 'Заплатил долг, когда включите интернет обратно??', article: 'blocked-balance' },
  { text: 'отключили за неуплату, на счету минус 200, что делать', article: 'blocked-balance' },
  // promised-payment
  { text: 'денег до зарплаты нет, можно в долг пару дней поинтернетить?', article: 'promised-payment' },
  { text: 'как взять обещанный платеж в приложении', article: 'promised-payment' },
  // double-charge
  { text: 'у меня два раза списали абонентку за декабрь!! верните деньги', article: 'double-charge' },
  {
    text: 'оплатил не тот номер договора, ошибся цифрой, можно перекинуть платёж?',
    article: 'double-charge',
  },
  { text: 'Случайно заплатил дважды. Как вернуть лишнее на карту?', article: 'double-charge' },
  // no-internet
  { text: 'второй день нет инета вообще, лампочка не горит', article: 'no-internet' },
  { text: 'У вас авария? интернет не работает с утра', article: 'no-internet' },
  { text: 'пропал интернет, роутер перезагружала, не помогло', article: 'no-internet' },
  { text: 'нет подключения к сети, пишет без доступа к интернету', article: 'no-internet' },
  // slow-speed
  { text: 'скорость вместо 500 мегабит еле 40, что за дела', article: 'slow-speed' },
  { text: 'инет тормозит по вечерам, видео грузится бесконечно', article: 'slow-speed' },
  { text: 'замерил спидтестом — в три раза меньше тарифа', article: 'slow-speed' },
  // wifi-password
  { text: 'как поменять пароль от вайфая', article: 'wifi-password' },
  { text: 'забыла пароль от wi-fi, соседи кажется подключились, как сменить', article: 'wifi-password' },
  { text: 'хочу переименовать сеть вай фай, где это делается', article: 'wifi-password' },
  // wifi-coverage
  { text: 'в спальне вайфай почти не ловит, роутер в коридоре', article: 'wifi-coverage' },
  { text: 'у вас есть какие-нибудь усилители сигнала? квартира большая', article: 'wifi-coverage' },
  { text: 'в дальней комнате сигнал одна палка', article: 'wifi-coverage' },
  // router-setup
  { text: 'купил новый роутер tp-link, как его настроить под вас?', article: 'router-setup' },
  { text: 'какой тип подключения ставить в роутере, pppoe или динамический?', article: 'router-setup' },
  { text: 'где взять логин и пароль для подключения роутера', article: 'router-setup' },
  // router-rent
  { text: 'роутер сдох, он у вас в аренде, поменяете?', article: 'router-rent' },
  { text: 'сколько стоит купить ваш роутер, а не арендовать', article: 'router-rent' },
  // tv-packages
  { text: 'хочу подключить футбол, какие есть спортивные каналы?', article: 'tv-packages' },
  { text: 'сколько каналов входит в тариф и можно ли добавить кино', article: 'tv-packages' },
  { text: 'как подключить детские каналы', article: 'tv-packages' },
  // tv-no-signal
  { text: 'телевизор пишет нет сигнала, приставка горит', article: 'tv-no-signal' },
  { text: 'приставка зависла, чёрный экран на всех каналах', article: 'tv-no-signal' },
  { text: 'половина каналов не показывает с вечера', article: 'tv-no-signal' },
  // tv-app
  { text: 'можно смотреть ваше тв на телефоне в дороге?', article: 'tv-app' },
  { text: 'есть приложение для смарт тв samsung? не хочу приставку', article: 'tv-app' },
  // personal-account
  { text: 'не могу зайти в личный кабинет, пароль не подходит', article: 'personal-account' },
  { text: 'не приходит смс для восстановления пароля, номер уже другой', article: 'personal-account' },
  { text: 'как войти в лк если забыл пароль', article: 'personal-account' },
  // contract-number
  { text: 'где посмотреть номер лицевого счета?', article: 'contract-number' },
  { text: 'потеряли бумажный договор, как получить копию', article: 'contract-number' },
  // change-owner
  { text: 'договор на бабушку, хотим переписать на меня, что нужно?', article: 'change-owner' },
  {
    text: 'купили квартиру, интернет оформлен на прошлого хозяина, как переоформить',
    article: 'change-owner',
  },
  // moving
  { text: 'переезжаем на другую квартиру, можно забрать интернет с собой?', article: 'moving' },
  { text: 'меняю адрес в марте, договор сохранится?', article: 'moving' },
  { text: 'как перенести подключение на новую квартиру', article: 'moving' },
  // pause-service
  {
    text: 'уезжаю на дачу на всё лето, можно заморозить интернет чтобы не платить?',
    article: 'pause-service',
  },
  { text: 'как приостановить услуги на месяц, буду в отпуске', article: 'pause-service' },
  // terminate
  { text: 'хочу отказаться от вашего интернета совсем, как расторгнуть договор', article: 'terminate' },
  { text: 'ухожу к другому провайдеру, остаток на счету вернёте?', article: 'terminate' },
  { text: 'как отключиться от домнета навсегда', article: 'terminate' },
  // static-ip
  { text: 'нужен белый айпи для камер на даче', article: 'static-ip' },
  { text: 'сколько стоит статический ip?', article: 'static-ip' },
  // technician-visit
  { text: 'мастер так и не пришёл, ждали весь день', article: 'technician-visit' },
  { text: 'можно перенести визит техника на субботу?', article: 'technician-visit' },
  { text: 'выезд мастера платный? розетку перенести надо', article: 'technician-visit' },
  // bonus-program
  { text: 'куда потратить баллы домнет плюс?', article: 'bonus-program' },
  { text: 'сколько бонусов начисляется за оплату и сгорают ли они', article: 'bonus-program' },
  // referral
  { text: 'если посоветую вас соседу, мне что-то будет?', article: 'referral' },
  { text: 'где мой промокод чтобы пригласить друга', article: 'referral' },
  // parental-control
  { text: 'как ограничить ребенку интернет на ночь', article: 'parental-control' },
  { text: 'есть у вас фильтр от сайтов 18+ для детей?', article: 'parental-control' },
  // gaming-ping
  { text: 'в доте пинг 150 и лагает, раньше было 20', article: 'gaming-ping' },
  { text: 'в играх постоянные лаги и потери пакетов', article: 'gaming-ping' },
  // cable-damage
  { text: 'в подъезде делали ремонт и перерезали провод, теперь нет интернета', article: 'cable-damage' },
  { text: 'кот перегрыз кабель в квартире, сколько стоит починить', article: 'cable-damage' },
  // business-documents
  { text: 'мы ип, нужен акт за ноябрь и счёт на оплату', article: 'business-documents' },
  { text: 'можно получать документы по эдо через диадок?', article: 'business-documents' },
  // discounts
  { text: 'есть скидка для пенсионеров? мама пенсионерка', article: 'discounts' },
  { text: 'мы многодетная семья, положены льготы?', article: 'discounts' },
  // complaint
  { text: 'куда написать жалобу на ваш сервис, надоело', article: 'complaint' },
  { text: 'не было интернета трое суток, мне сделают перерасчёт?', article: 'complaint' },
  // cctv
  { text: 'хочу поставить камеру в квартире чтобы смотреть за собакой, вы такое делаете?', article: 'cctv' },
  { text: 'сколько стоит облачная запись с камеры на месяц', article: 'cctv' },
  // equipment-return
  { text: 'куда сдать приставку после расторжения?', article: 'equipment-return' },
  { text: 'не могу сам отвезти роутер в офис, курьер может забрать?', article: 'equipment-return' },
  // sms-notifications
  { text: 'достали смс с рекламой, как отписаться', article: 'sms-notifications' },
  { text: 'можно отключить уведомления о списаниях?', article: 'sms-notifications' },
  // translit and mixed
  { text: 'internet ne rabotaet uzhe 3 chasa, chto sluchilos', article: 'no-internet' },
  { text: 'kak smenit parol ot wifi?', article: 'wifi-password' },

  // English
  { text: 'how much is the 1 gig plan?', article: 'en-plans' },
  { text: 'what plans do you have and what do they cost', article: 'en-plans' },
  { text: 'Just moved in, want to get your internet installed. How do I sign up?', article: 'en-connect' },
  { text: 'do you cover my building? how long does installation take', article: 'en-connect' },
  { text: 'can I pay with my credit card online?', article: 'en-payment' },
  { text: 'how do I set up automatic monthly payments', article: 'en-payment' },
  { text: 'internet is down since this morning, nothing works', article: 'en-no-internet' },
  { text: 'my connection dropped, the WAN light is off. is there an outage?', article: 'en-no-internet' },
  { text: 'no internet at all, already restarted the router twice', article: 'en-no-internet' },
  { text: 'paying for 500 Mbps but getting like 50, why so slow?', article: 'en-slow' },
  { text: 'netflix keeps buffering every evening', article: 'en-slow' },
  { text: 'how can I change my wifi password?', article: 'en-wifi-password' },
  { text: 'I forgot the wi-fi password, where do I find or reset it', article: 'en-wifi-password' },
  { text: 'bought my own router, what settings do I need to get online', article: 'en-router-setup' },
  { text: 'where do I get the PPPoE username for my new router', article: 'en-router-setup' },
  { text: "We're moving next month, can we keep our contract at the new flat?", article: 'en-moving' },
  { text: 'relocating to another district, will you transfer my connection', article: 'en-moving' },
  { text: 'I want to cancel my subscription, how?', article: 'en-cancel' },
  { text: 'leaving the country, how do I close my account and get my balance back', article: 'en-cancel' },
  { text: 'what sports channels can I add?', article: 'en-tv' },
  { text: 'is there an app to watch your tv on my phone', article: 'en-tv' },
  { text: "can't log into my account, the code never comes", article: 'en-account' },
  { text: 'forgot my password for the customer portal', article: 'en-account' },
  { text: 'I need a public IP for my home server', article: 'en-static-ip' },
  { text: 'port forwarding does not work, do I need a static ip?', article: 'en-static-ip' },
  { text: 'you charged me twice this month!', article: 'en-refund' },
  { text: 'I paid to the wrong account number by mistake, can you move the money', article: 'en-refund' },
  { text: "I'll be on holiday for two months, can I suspend the service?", article: 'en-pause' },
  { text: 'is it possible to freeze my plan while I travel', article: 'en-pause' },
];
