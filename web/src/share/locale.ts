/** Issue 12 (share the load): agent status, presence, collisions, notifications. */
export const shareLocale = {
  ru: {
    share: {
      status: 'Статус',
      online: 'На линии',
      away: 'Отошла',
      offline: 'Не в сети',
      load: 'Нагрузка {{load}} из {{capacity}}',
      bell: 'Уведомления',
      unread_one: '{{count}} непрочитанное',
      unread_few: '{{count}} непрочитанных',
      unread_many: '{{count}} непрочитанных',
      unread_other: '{{count}} непрочитанного',
      none: 'Уведомлений нет',
      markAll: 'Прочитать все',
      kind: {
        sla_warning: 'Прошло 80 % времени на ответ',
        sla_breach: 'Срок ответа нарушен',
        returned_to_queue: 'Диалог вернулся в очередь: долго без действий',
      },
      reassigned: 'передан другому',
      viewing: '{{name}} смотрит',
      typing: '{{name}} печатает…',
      alreadyAnswered:
        'На это сообщение уже ответили, пока вы писали ({{name}}: «{{text}}»). Всё равно отправить ваш ответ?',
      someone: 'коллега',
      sla: {
        warning_50: 'Прошло 50 % времени на ответ',
        warning_80: 'Прошло 80 % времени на ответ',
        breach: 'Срок ответа нарушен',
      },
      admin: {
        lead: 'Старший смены',
        leadHint: 'Получает нарушения сроков своей команды, видит отчёты и оповещения',
      },
    },
  },
  en: {
    share: {
      status: 'Status',
      online: 'Online',
      away: 'Away',
      offline: 'Offline',
      load: 'Load {{load}} of {{capacity}}',
      bell: 'Notifications',
      unread_one: '{{count}} unread',
      unread_other: '{{count}} unread',
      none: 'No notifications',
      markAll: 'Mark all read',
      kind: {
        sla_warning: '80 % of the time to answer has passed',
        sla_breach: 'Answer deadline breached',
        returned_to_queue: 'Back in the queue: no action for too long',
      },
      reassigned: 'reassigned',
      viewing: '{{name}} is viewing',
      typing: '{{name}} is typing…',
      alreadyAnswered:
        'This message was answered while you were writing ({{name}}: “{{text}}”). Send your reply anyway?',
      someone: 'a colleague',
      sla: {
        warning_50: '50 % of the time to answer has passed',
        warning_80: '80 % of the time to answer has passed',
        breach: 'Answer deadline breached',
      },
      admin: {
        lead: 'Team lead',
        leadHint: 'Told of the team’s breaches; reads reports and alerts',
      },
    },
  },
};
