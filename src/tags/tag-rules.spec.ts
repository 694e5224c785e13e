import { compileRules, matchRules, phraseHasWords, type TagRuleInput } from './tag-rules';

const rule = (o: Partial<TagRuleInput>): TagRuleInput => ({
  id: `r-${o.tagId ?? 't'}`,
  tagId: 't',
  phrase: null,
  intent: null,
  sentiment: null,
  sourceId: null,
  ...o,
});
const item = (text: string, o: Partial<{ intent: string; sentiment: string; sourceId: string }> = {}) => ({
  text,
  intent: o.intent ?? null,
  sentiment: o.sentiment ?? null,
  sourceId: o.sourceId ?? 's1',
});

describe('auto-tag rules', () => {
  it('matches a Russian word in its inflected forms, and ё as е', () => {
    const rules = compileRules([rule({ tagId: 'net', phrase: 'интернет' })]);
    expect(matchRules(rules, item('Нет интернета с утра'))).toEqual([{ tagId: 'net', ruleId: 'r-net' }]);
    expect(matchRules(rules, item('что с интернетом?'))).toHaveLength(1);
    expect(matchRules(rules, item('нет связи'))).toEqual([]);
    const yo = compileRules([rule({ phrase: 'ёлка' })]);
    expect(matchRules(yo, item('Купили елки'))).toHaveLength(1);
  });

  it('matches English plurals and past forms, including stems Porter rewrites', () => {
    const rules = compileRules([rule({ tagId: 'refund', phrase: 'refund' })]);
    expect(matchRules(rules, item('Two refunds requested'))).toHaveLength(1);
    expect(matchRules(rules, item('I was refunded twice'))).toHaveLength(1);
    const happy = compileRules([rule({ phrase: 'happy' })]);
    expect(matchRules(happy, item('not happy at all'))).toHaveLength(1);
    const hope = compileRules([rule({ phrase: 'hoping' })]);
    expect(matchRules(hope, item('we hope so'))).toHaveLength(1);
  });

  it('a phrase matches its words in order, next to each other', () => {
    const rules = compileRules([rule({ phrase: 'списали деньги' })]);
    expect(matchRules(rules, item('Опять списали деньгами какими-то'))).toHaveLength(1);
    expect(matchRules(rules, item('деньги списали'))).toEqual([]);
    expect(matchRules(rules, item('списали все деньги'))).toEqual([]);
  });

  it('does not match a word inside another word', () => {
    const rules = compileRules([rule({ phrase: 'кот' })]);
    expect(matchRules(rules, item('который час'))).toEqual([]);
  });

  it('every set condition must hold: intent, sentiment, source', () => {
    const rules = compileRules([
      rule({ tagId: 'spam', intent: 'spam' }),
      rule({ tagId: 'angry-vk', sentiment: 'negative', sourceId: 'vk' }),
    ]);
    expect(matchRules(rules, item('x', { intent: 'spam' })).map((m) => m.tagId)).toEqual(['spam']);
    expect(
      matchRules(rules, item('x', { sentiment: 'negative', sourceId: 'vk' })).map((m) => m.tagId),
    ).toEqual(['angry-vk']);
    expect(matchRules(rules, item('x', { sentiment: 'negative', sourceId: 'tg' }))).toEqual([]);
  });

  it('puts a tag on once even when several of its rules match', () => {
    const rules = compileRules([
      { ...rule({ tagId: 'net', phrase: 'интернет' }), id: 'a' },
      { ...rule({ tagId: 'net', phrase: 'связь' }), id: 'b' },
    ]);
    expect(matchRules(rules, item('нет интернета и связи'))).toEqual([{ tagId: 'net', ruleId: 'a' }]);
  });

  it('a phrase without words is refused', () => {
    expect(phraseHasWords('!!! 🙂')).toBe(false);
    expect(phraseHasWords('не работает')).toBe(true);
  });
});
