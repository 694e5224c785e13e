import { prepare } from '../text/tokenize';
import { DEFAULT_FEATURES, walkFeatures } from './features';

/** the word-group features of a post (a negated word adds one) */
const words = (text: string): { length: number } => ({
  length: walkFeatures(prepare(text), { text }, DEFAULT_FEATURES).nWord,
});

describe('negation in the word features', () => {
  it("marks the words after any of the lexicon's negators or an n't form", () => {
    // "good" after a negator gets a negated feature as well as its plain one
    expect(words('wasn good').length).toBeLessThan(words("wasn't good").length);
    expect(words('is hardly good').length).toBeGreaterThan(words('is really good').length);
    expect(words('без проблем').length).toBeGreaterThan(words('про проблем').length);
  });

  it('ends the scope at punctuation', () => {
    expect(words('not. good').length).toBeLessThan(words('not good').length);
  });
});
