import type { AlertDetails, RenderableAlert } from '../alert.types';
import { renderAlert } from './block-kit';
import { blockKitProblems } from './block-kit-check';

const ctx = { baseUrl: 'https://otklik.example.com', timeZone: 'Europe/Moscow' };
const samples = [
  {
    text: 'Интернета нет уже три часа!!! <!channel> *срочно* <https://evil.example|жми>',
    author: 'Ирина <Соколова>',
    platform: 'vk',
    url: 'https://vk.com/wall-42_7?reply=9',
  },
  { text: 'x'.repeat(5000), author: 'Дмитрий', platform: 'telegram', url: null },
  { text: 'Опять списали деньги', author: 'Ольга', platform: 'vk' },
  { text: 'четвёртый не нужен', author: 'Кто-то', platform: 'vk' },
];
const filter = { view: 'inbox' as const, sentiment: 'negative' as const, sourceId: 's1' };
const details: AlertDetails[] = [
  {
    kind: 'negative_spike',
    scope: 'source:s1',
    scopeLabel: 'ДомНет во ВКонтакте',
    windowMinutes: 60,
    observed: 42,
    total: 70,
    expected: 8.4,
    ratio: 5,
    share: 0.6,
    baselineShare: 0.22,
    pValue: 1e-9,
    baselineMode: 'weekly',
    parts: [],
    wider: [
      { label: 'ВКонтакте', observed: 51, expected: 15.2 },
      { label: 'все источники', observed: 60, expected: 21.7 },
    ],
    covers: ['source:s1'],
    filter,
  },
  {
    kind: 'term_surge',
    term: 'не работает',
    related: ['интернет'],
    windowMinutes: 60,
    count: 14,
    authors: 11,
    expected: 0.5,
    ratio: 28,
    filter,
  },
  {
    kind: 'high_reach',
    sourceLabel: 'ДомНет',
    comments: 48,
    reactions: 120,
    reposts: 3,
    views: 9000,
    filter,
  },
  {
    kind: 'sla',
    windowMinutes: 5,
    from: '2030-01-01T10:00:00Z',
    to: '2030-01-01T10:05:00Z',
    breached: 3,
    dueSoon: 5,
    filter,
  },
  { kind: 'sla_escalation', escalateAfterMinutes: 30, unanswered: 2, filter },
  {
    kind: 'source_health',
    sourceId: 's1',
    sourceLabel: 'ДомНет',
    problem: 'needs_attention',
    reason: 'VK: token revoked',
    silentMinutes: null,
    filter: { view: 'sources' },
  },
];

function alert(
  d: AlertDetails,
  language: 'ru' | 'en',
  messageType: 'alert' | 'all_clear' = 'alert',
): RenderableAlert {
  return {
    id: '00000000-0000-4000-8000-000000000001',
    kind: d.kind,
    messageType,
    language,
    firedAt: new Date('2030-01-01T10:00:00Z'),
    details: d,
    clear: messageType === 'all_clear' ? { durationMinutes: 95, observed: 9, expected: 8.1 } : null,
    samples,
    ruleName: 'Всплески',
  };
}

describe('Block Kit alert messages', () => {
  for (const lang of ['ru', 'en'] as const) {
    for (const d of details) {
      for (const type of ['alert', 'all_clear'] as const) {
        it(`${d.kind} ${type} in ${lang} is valid Block Kit`, () => {
          const m = renderAlert(alert(d, lang, type), ctx);
          expect(blockKitProblems(m)).toEqual([]);
        });
      }
    }
  }

  it('says what happened with the numbers against the usual, in Russian', () => {
    const m = renderAlert(alert(details[0], 'ru'), ctx);
    const all = JSON.stringify(m);
    expect(m.blocks[0]).toMatchObject({
      type: 'header',
      text: { text: '🔺 Всплеск негатива: ДомНет во ВКонтакте' },
    });
    expect(all).toContain('42 — обычно 8,4 (×5)');
    // one incident, one message: the source, with the platform's and everyone's numbers
    expect(all).toContain('*Шире:* ВКонтакте 51 (обычно 15,2); все источники 60 (обычно 21,7)');
    expect(all).toContain('60 %'); // ru-RU percent
    expect(all).toContain('Открыть в Отклике');
    expect(m.text).toContain('Всплеск негатива');
  });

  it('three samples, customer text as plain text (no mentions, links or formatting), trimmed', () => {
    const m = renderAlert(alert(details[0], 'en'), ctx);
    const sampleSections = m.blocks.filter(
      (b: any) => b.type === 'section' && String(b.text?.text).startsWith('«'),
    );
    expect(sampleSections).toHaveLength(3);
    for (const s of sampleSections as any[]) {
      expect(s.text.type).toBe('plain_text');
      expect(s.text.text.length).toBeLessThanOrEqual(283);
    }
    const contexts = JSON.stringify(m.blocks.filter((b: any) => b.type === 'context'));
    expect(contexts).toContain('Ирина &lt;Соколова&gt;'); // names are escaped in mrkdwn
    expect(contexts).toContain('<https://vk.com/wall-42_7?reply=9|open>');
  });

  it('links the button to the filtered view with the alert id', () => {
    const m = renderAlert(alert(details[0], 'en'), ctx);
    const actions = m.blocks.find((b: any) => b.type === 'actions') as any;
    expect(actions.elements[0].url).toBe(
      'https://otklik.example.com/inbox?sentiment=negative&sourceId=s1&alert=00000000-0000-4000-8000-000000000001',
    );
  });

  it('pluralises Russian counts', () => {
    const sla = renderAlert(alert(details[4], 'ru'), ctx);
    expect((sla.blocks[0] as any).text.text).toContain('2 обращения');
  });
});
