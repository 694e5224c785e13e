import { risingTerms } from './rising-terms';

describe('rising terms', () => {
  it('does not let a rare term (0 → 2) outrank a common one that tripled (40 → 120)', () => {
    const r = risingTerms(
      [
        { term: 'редк', current: 2, previous: 0 },
        { term: 'не работа', current: 120, previous: 40 },
        { term: 'доставк', current: 50, previous: 50 },
      ],
      { currentItems: 1000, previousItems: 1000 },
    );
    expect(r.map((t) => t.term)).toEqual(['не работа', 'редк']);
    expect(r[0].score).toBeCloseTo(Math.log(125 / 45), 3);
  });

  it('measures against the volume: a term that only grew with all negative items did not rise', () => {
    const r = risingTerms(
      [
        { term: 'доставк', current: 40, previous: 20 },
        { term: 'списа', current: 60, previous: 10 },
      ],
      { currentItems: 2000, previousItems: 1000 },
    );
    expect(r.map((t) => t.term)).toEqual(['списа']);
    expect(r[0].expected).toBe(20);
  });

  it('puts a phrase before its words when they rose alike', () => {
    const r = risingTerms(
      [
        { term: 'списа', current: 6, previous: 1 },
        { term: 'списа деньг', current: 6, previous: 1 },
        { term: 'деньг', current: 6, previous: 1 },
      ],
      { currentItems: 10, previousItems: 10 },
    );
    expect(r.map((t) => t.term)).toEqual(['списа деньг', 'деньг', 'списа']);
  });

  it('drops terms below the minimum count and ranks an empty previous period by count', () => {
    const r = risingTerms(
      [
        { term: 'a', current: 1, previous: 0 },
        { term: 'b', current: 9, previous: 0 },
        { term: 'c', current: 4, previous: 0 },
      ],
      { currentItems: 30, previousItems: 0, limit: 5 },
    );
    expect(r.map((t) => t.term)).toEqual(['b', 'c']);
  });
});
