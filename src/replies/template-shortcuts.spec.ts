import { shortcutCandidates } from './template-shortcuts';

describe('shortcut-shaped words in a reply', () => {
  it('finds a slash word anywhere, once each', () => {
    expect(shortcutCandidates('/thanks')).toEqual(['thanks']);
    expect(shortcutCandidates('Здравствуйте! /доставка, и ещё /thanks /thanks.')).toEqual([
      'доставка',
      'thanks',
    ]);
  });
  it('leaves URLs, paths, fractions and plain text alone', () => {
    expect(shortcutCandidates('см. https://shop.ru/thanks и a/b, 1/2')).toEqual([]);
    expect(shortcutCandidates('без слэшей')).toEqual([]);
  });
});
