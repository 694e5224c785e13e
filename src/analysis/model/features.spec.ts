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

  it('carries the scope over one comma after a negated verb of saying, and only then', () => {
    // "доволен" is negated (one more feature) when "не сказал бы," introduces it
    expect(words('не сказал бы, что доволен').length).toBe(words('не сказал бы что доволен').length);
    expect(words('не сказал бы, что доволен').length).toBeGreaterThan(
      words('сказал бы, что доволен').length + 1,
    );
    expect(words("I wouldn't say, I'm happy").length).toBe(words("I wouldn't say I'm happy").length);
    // any other negated word still stops at the comma
    expect(words('не дозвониться, ужасно').length).toBeLessThan(words('не дозвониться ужасно').length);
    // a full stop ends even the carried scope
    expect(words('не скажу. доволен').length).toBeLessThan(words('не скажу доволен').length);
  });
});
