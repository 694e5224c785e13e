/** Classification metrics: confusion, accuracy, per-class and macro F1. */
export interface ClassReport {
  accuracy: number;
  macroF1: number;
  perClass: Record<string, { precision: number; recall: number; f1: number; support: number }>;
  n: number;
}

export function confusion(labels: readonly string[], gold: string[], pred: string[]): number[][] {
  const m = labels.map(() => labels.map(() => 0));
  for (let i = 0; i < gold.length; i++) {
    const g = labels.indexOf(gold[i]);
    const p = labels.indexOf(pred[i]);
    if (g >= 0 && p >= 0) m[g][p]++;
  }
  return m;
}

/** Macro F1 averages over classes that occur in gold or predictions. */
export function classReport(labels: readonly string[], gold: string[], pred: string[]): ClassReport {
  const m = confusion(labels, gold, pred);
  let correct = 0;
  let total = 0;
  const perClass: ClassReport['perClass'] = {};
  let f1Sum = 0;
  let f1N = 0;
  labels.forEach((label, k) => {
    const tp = m[k][k];
    const support = m[k].reduce((a, b) => a + b, 0);
    const predicted = m.reduce((a, row) => a + row[k], 0);
    correct += tp;
    total += support;
    const precision = predicted > 0 ? tp / predicted : 0;
    const recall = support > 0 ? tp / support : 0;
    const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
    perClass[label] = { precision: r4(precision), recall: r4(recall), f1: r4(f1), support };
    if (support > 0 || predicted > 0) {
      f1Sum += f1;
      f1N++;
    }
  });
  return {
    accuracy: r4(total > 0 ? correct / total : 0),
    macroF1: r4(f1N > 0 ? f1Sum / f1N : 0),
    perClass,
    n: total,
  };
}

export function r4(v: number): number {
  return Math.round(v * 10000) / 10000;
}
