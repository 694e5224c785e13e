import { describe, expect, it } from 'vitest';
import { en } from './en';
import { featureLocales } from './features';
import { i18n, setLanguage } from './index';
import { ru } from './ru';

function leaves(o: object, prefix = ''): string[] {
  return Object.entries(o).flatMap(([k, v]) =>
    typeof v === 'object' && v
      ? leaves(v as object, `${prefix}${k}.`)
      : [`${prefix}${k}`.replace(/_(one|few|many|other)$/, '')],
  );
}

describe('i18n', () => {
  it('English has every Russian key (plural forms aside) and nothing Russian lacks', () => {
    expect([...new Set(leaves(en))].sort()).toEqual([...new Set(leaves(ru))].sort());
    for (const f of featureLocales)
      expect([...new Set(leaves(f.en))].sort()).toEqual([...new Set(leaves(f.ru))].sort());
  });

  it('a feature locale never shadows a key of the shared dictionary or of another feature', () => {
    const tops = [Object.keys(ru), ...featureLocales.map((f) => Object.keys(f.ru))].flat();
    expect(tops.length).toBe(new Set(tops).size);
  });

  it('uses Russian plural rules: 1 обращение, 3 обращения, 5 обращений, 21 обращение', async () => {
    await setLanguage('ru', false);
    expect([1, 3, 5, 11, 21, 22].map((count) => i18n.t('queue.count', { count }))).toEqual([
      '1 обращение',
      '3 обращения',
      '5 обращений',
      '11 обращений',
      '21 обращение',
      '22 обращения',
    ]);
    await setLanguage('en', false);
    expect(i18n.t('queue.count', { count: 1 })).toBe('1 conversation');
    expect(document.documentElement.lang).toBe('en');
  });
});
