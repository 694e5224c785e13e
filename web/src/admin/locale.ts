/** Strings of the source screens added with issue 15: YouTube, webhook replies, VK surfaces. */
export const sourceSetupLocale = {
  ru: {
    sourceSetup: {
      errors: {
        youtube: {
          configuration:
            'Настройки не подходят: проверьте ID канала, OAuth-клиент и что refresh token выдал владелец именно этого канала с областью youtube.force-ssl.',
          auth_revoked:
            'Google не принимает refresh token (доступ отозван или истёк): владельцу канала нужно выдать доступ заново, а вам — заменить ключи.',
          rate_limited:
            'YouTube ограничил запросы или квота на сегодня исчерпана — продолжим сами, когда можно будет.',
        },
        webhook: {
          configuration:
            'Настройки не подходят: секрет — не короче 16 символов, адрес для ответов — https на публичном адресе.',
        },
      },
      connectYoutube: 'Канал YouTube',
      youtube: {
        step1:
          'В Google Cloud Console создайте проект, включите YouTube Data API v3 и OAuth-клиент типа «Веб-приложение» — из него ID клиента и секрет.',
        step2:
          'Владелец канала даёт доступ с областью youtube.force-ssl (например, в OAuth Playground со своим клиентом) — Google выдаёт refresh token. Отклик отвечает от имени этого канала.',
        step3:
          'ID канала начинается с UC: YouTube Studio → «Настройки» → «Канал» → «Расширенные настройки». Ключи сохраняются зашифрованными и больше не показываются.',
        step4:
          'Квота проекта по умолчанию — 10 000 единиц в сутки (сброс в полночь по тихоокеанскому времени); опрос тратит не больше заданной доли, остальное — на ответы (50 единиц каждый).',
        channelId: 'ID канала',
        clientId: 'ID OAuth-клиента',
        clientSecret: 'Секрет OAuth-клиента',
        refreshToken: 'Refresh token владельца канала',
        dailyQuota: 'Квота проекта в сутки, единиц',
        readShare: 'Доля квоты на опрос, %',
        tokenUrl: 'Адрес выдачи токенов (эмулятор)',
      },
      quota: {
        title: 'Квота YouTube сегодня',
        used: 'израсходовано {{used}} из {{limit}}, осталось {{remaining}}',
        readBudget: 'на опрос — не больше {{budget}}, остальное бережём для ответов',
        resets: 'обновится {{time}}',
        spent: 'Квота на сегодня израсходована: новые комментарии и ответы подождут до {{time}}.',
      },
      throttled: 'Площадка ограничила запросы: источник ждёт до {{time}} и продолжит сам.',
      writeOnly:
        'Ключи сохраняются зашифрованными и больше никогда не показываются — здесь их можно только заменить.',
      replaceKeys: 'Заменить ключи',
      replaceKeysHint:
        'Новые ключи проверяются до сохранения и заменяют все прежние: введите каждый, даже тот, что не меняется.',
      keysReplaced: 'Ключи заменены и проверены',
      save: 'Сохранить',
      cancel: 'Отмена',
      outbound: {
        title: 'Ответы из Отклика',
        url: 'Адрес для ответов (POST)',
        urlHint:
          'Сюда Отклик отправляет каждый ответ — JSON, подписанный HMAC-SHA256 (X-Otklik-Signature над «метка времени.тело»). Только https и публичный адрес.',
        none: 'Адрес для ответов не задан: на сообщения этого источника ответить из Отклика нельзя.',
        set: 'Ответы уходят на адрес',
        saved: 'Адрес для ответов сохранён',
        removed: 'Адрес для ответов удалён: источник только принимает сообщения',
        remove: 'Убрать адрес',
        secret: 'Отдельный секрет подписи ответов (необязательно)',
        secretHint: 'Без него ответы подписываются секретом входящих запросов.',
        rotate: 'Сменить секреты',
        rotateHint:
          'Отклик не хранит секреты в открытом виде и не может их показать. Новый секрет виден только сейчас: скопируйте его в свою систему до сохранения — старый перестанет действовать сразу.',
        newSecret: 'Новый секрет входящих запросов',
        newOutboundSecret: 'Новый секрет подписи ответов (необязательно)',
        rotated: 'Секреты заменены: старые больше не действуют',
      },
      vk: {
        userToken: 'Ключ пользователя — администратора сообщества (необязательно)',
        userTokenHint:
          'Нужен, чтобы читать и отвечать от имени сообщества на комментарии к фото, видео, товарам и в обсуждениях: ВКонтакте принимает эти методы только с ключом пользователя.',
        surfaces: 'Чем отвечает Отклик',
        surface: {
          wall: 'Комментарии на стене и упоминания — ключ сообщества',
          messages: 'Личные сообщения и беседы — ключ сообщества (права «сообщения сообщества»)',
          photo: 'Комментарии к фото — ключ администратора с правом «photos»',
          video: 'Комментарии к видео — ключ администратора с правом «video»',
          market: 'Комментарии к товарам — ключ администратора с правом «market»',
          board: 'Обсуждения — ключ администратора',
        },
        surfacesHint:
          'Если ключа или права не хватает, ответ на этой площадке не уйдёт и в диалоге будет написано, чего не хватает; остальные продолжают работать.',
      },
    },
  },
  en: {
    sourceSetup: {
      errors: {
        youtube: {
          configuration:
            'The settings do not fit: check the channel ID, the OAuth client, and that the refresh token was granted by this channel’s owner with the youtube.force-ssl scope.',
          auth_revoked:
            'Google refuses the refresh token (revoked or expired): the channel owner must grant access again, and you replace the keys.',
          rate_limited:
            'YouTube is limiting requests or today’s quota is spent: we go on by ourselves when allowed.',
        },
        webhook: {
          configuration:
            'The settings do not fit: the secret needs at least 16 characters, the reply URL https on a public address.',
        },
      },
      connectYoutube: 'YouTube channel',
      youtube: {
        step1:
          'In the Google Cloud Console create a project, enable the YouTube Data API v3 and an OAuth client of type “Web application”: it gives the client ID and secret.',
        step2:
          'The channel owner grants access with the youtube.force-ssl scope (for example in the OAuth Playground with your client): Google issues a refresh token. Otklik answers as that channel.',
        step3:
          'The channel ID starts with UC: YouTube Studio → Settings → Channel → Advanced settings. Keys are stored encrypted and never shown again.',
        step4:
          'A project’s default quota is 10,000 units a day (reset at midnight Pacific time); polling spends at most the share you set, the rest is kept for replies (50 units each).',
        channelId: 'Channel ID',
        clientId: 'OAuth client ID',
        clientSecret: 'OAuth client secret',
        refreshToken: 'Channel owner’s refresh token',
        dailyQuota: 'Project quota per day, units',
        readShare: 'Share of the quota for polling, %',
        tokenUrl: 'Token endpoint (emulator)',
      },
      quota: {
        title: 'YouTube quota today',
        used: '{{used}} of {{limit}} used, {{remaining}} left',
        readBudget: 'polling spends at most {{budget}}, the rest is kept for replies',
        resets: 'resets {{time}}',
        spent: 'Today’s quota is spent: new comments and replies wait until {{time}}.',
      },
      throttled:
        'The platform is limiting requests: the source waits until {{time}} and then goes on by itself.',
      writeOnly: 'Keys are stored encrypted and never shown again: here they can only be replaced.',
      replaceKeys: 'Replace keys',
      replaceKeysHint:
        'New keys are checked before they are saved and replace all the old ones: enter each, even one that stays the same.',
      keysReplaced: 'Keys replaced and checked',
      save: 'Save',
      cancel: 'Cancel',
      outbound: {
        title: 'Replies from Otklik',
        url: 'Reply URL (POST)',
        urlHint:
          'Otklik sends every reply here as JSON signed with HMAC-SHA256 (X-Otklik-Signature over “timestamp.body”). https on a public address only.',
        none: 'No reply URL: items of this source cannot be answered from Otklik.',
        set: 'Replies go to',
        saved: 'Reply URL saved',
        removed: 'Reply URL removed: the source only receives items',
        remove: 'Remove the URL',
        secret: 'A separate reply signing secret (optional)',
        secretHint: 'Without it replies are signed with the inbound secret.',
        rotate: 'Change the secrets',
        rotateHint:
          'Otklik keeps no secret in clear and cannot show one. A new secret is visible only now: copy it into your system before saving — the old one stops working at once.',
        newSecret: 'New inbound secret',
        newOutboundSecret: 'New reply signing secret (optional)',
        rotated: 'Secrets replaced: the old ones no longer work',
      },
      vk: {
        userToken: 'User token of a community administrator (optional)',
        userTokenHint:
          'Needed to read and answer, as the community, comments on photos, videos and products and in board topics: VK takes those methods from user tokens only.',
        surfaces: 'What Otklik answers with',
        surface: {
          wall: 'Wall comments and mentions — the community token',
          messages: 'Private messages and chats — the community token (“community messages” right)',
          photo: 'Photo comments — an administrator’s token with the “photos” right',
          video: 'Video comments — an administrator’s token with the “video” right',
          market: 'Product comments — an administrator’s token with the “market” right',
          board: 'Board topics — an administrator’s token',
        },
        surfacesHint:
          'When a token or right is missing, a reply on that surface does not go out and the conversation says what is missing; the other surfaces keep working.',
      },
    },
  },
};
