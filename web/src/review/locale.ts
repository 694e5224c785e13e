/** Strings of the analysis "why" and the review queue (issue 16). */
export const reviewLocale = {
  ru: {
    review: {
      why: {
        sentiment: 'Почему тональность «{{label}}»',
        intent: 'Почему намерение «{{label}}»',
        none: 'Модель не сохранила, что повлияло (анализ старше этой функции).',
      },
    },
  },
  en: {
    review: {
      why: {
        sentiment: 'Why the sentiment is “{{label}}”',
        intent: 'Why the intent is “{{label}}”',
        none: 'The model kept no reasons (analysed before this feature).',
      },
    },
  },
};
