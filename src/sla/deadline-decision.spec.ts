import { INTENT_LABELS } from '../analysis/analysis.types';
import { pickSalesMissCost, type TradeoffPoint } from '../analysis/eval/evaluate';
import { costMatrix, decideDeadline, DEFAULT_COSTS, parseCostMatrix } from './deadline-decision';
import { triage } from './triage';
import { msk } from './scenarios/fixtures';

const probs = (p: Partial<Record<(typeof INTENT_LABELS)[number], number>>) =>
  INTENT_LABELS.map((l) => p[l] ?? 0);

describe('cost-sensitive deadline decision', () => {
  it('gives a fairly likely sales question the sales deadline, though support is likelier', () => {
    const p = probs({ support_question: 0.7, sales_question: 0.3 });
    expect(decideDeadline(p, 'support_question', DEFAULT_COSTS)).toMatchObject({
      deadlineClass: 'sales',
      policyIntent: 'sales_question',
    });
    // with a missed sale costing no more than an early answer, the argmax class stays
    expect(decideDeadline(p, 'support_question', costMatrix(1)).deadlineClass).toBe('standard');
  });

  it('keeps the label when its class wins, and picks the likeliest intent of another class', () => {
    expect(decideDeadline(probs({ complaint: 0.9, sales_question: 0.1 }), 'complaint')).toMatchObject({
      deadlineClass: 'standard',
      policyIntent: 'complaint',
    });
    const chatter = probs({ other: 0.55, complaint: 0.3, praise: 0.15 });
    expect(decideDeadline(chatter, 'other')).toMatchObject({
      deadlineClass: 'standard',
      policyIntent: 'complaint',
    });
    expect(decideDeadline(probs({ spam: 0.95, other: 0.05 }), 'spam').deadlineClass).toBe('none');
  });

  it('reads a configured matrix and says what is wrong with a bad one', () => {
    expect(parseCostMatrix('[[0,5,8],[1,0,4],[1,0.5,0]]')[0][1]).toBe(5);
    expect(() => parseCostMatrix('[[0,5],[1,0]]')).toThrow(/3 × 3/);
    expect(() => parseCostMatrix('[[1,5,8],[1,0,4],[1,0.5,0]]')).toThrow(/must be 0/);
    expect(() => parseCostMatrix('[[0,-5,8],[1,0,4],[1,0.5,0]]')).toThrow(/≥ 0/);
    expect(() => parseCostMatrix('nope')).toThrow(/JSON/);
  });

  it('triage applies the decision: the sales policy for a likely sales question labelled support', () => {
    const r = triage(
      {
        intent: {
          label: 'support_question',
          confidence: 0.6,
          probs: probs({ support_question: 0.6, sales_question: 0.4 }),
        },
        sentiment: { label: 'neutral', score: 0 },
      },
      { createdAt: msk('2025-03-11 10:00'), sourceId: null },
    );
    expect(r).toMatchObject({
      deadlineAt: msk('2025-03-11 11:00'),
      deadlineClass: 'sales',
      needsResponse: true,
    });
    // without probabilities (older callers), the label decides as before
    const old = triage({ intent: { label: 'support_question' } }, { createdAt: msk('2025-03-11 10:00') });
    expect(old.deadlineAt).toEqual(msk('2025-03-11 13:00'));
  });

  it('tunes the default as the safest point within a point of the best accuracy that meets the targets', () => {
    const pt = (c: number, miss: number, acc: number): TradeoffPoint => ({
      salesMissCost: c,
      salesMissRate: miss,
      needsResponseMissRate: 0,
      deadlineAccuracy: acc,
    });
    const curve = [
      pt(1, 0.06, 0.94),
      pt(2, 0.025, 0.925),
      pt(3, 0.025, 0.917),
      pt(4, 0.02, 0.9),
      pt(8, 0.01, 0.88),
    ];
    expect(pickSalesMissCost(curve).salesMissCost).toBe(3);
    expect(pickSalesMissCost([pt(1, 0.06, 0.94), pt(2, 0.05, 0.93)]).salesMissCost).toBe(2);
  });
});
