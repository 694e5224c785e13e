import { classReport, confusion } from './metrics';

describe('metrics', () => {
  // gold a a a b b c ; pred a a b b c c
  const gold = ['a', 'a', 'a', 'b', 'b', 'c'];
  const pred = ['a', 'a', 'b', 'b', 'c', 'c'];
  it('builds the confusion matrix', () => {
    expect(confusion(['a', 'b', 'c'], gold, pred)).toEqual([
      [2, 1, 0],
      [0, 1, 1],
      [0, 0, 1],
    ]);
  });
  it('computes accuracy, per-class and macro F1 by hand', () => {
    const r = classReport(['a', 'b', 'c'], gold, pred);
    expect(r.accuracy).toBeCloseTo(4 / 6, 4);
    expect(r.perClass.a.f1).toBeCloseTo(0.8, 4); // p 1, r 2/3
    expect(r.perClass.b.f1).toBeCloseTo(0.5, 4); // p 1/2, r 1/2
    expect(r.perClass.c.f1).toBeCloseTo(2 / 3, 4); // p 1/2, r 1
    expect(r.macroF1).toBeCloseTo((0.8 + 0.5 + 2 / 3) / 3, 3);
  });
  it('leaves classes absent from gold and predictions out of macro F1', () => {
    expect(classReport(['a', 'b', 'z'], ['a', 'b'], ['a', 'b']).macroF1).toBe(1);
  });
});
