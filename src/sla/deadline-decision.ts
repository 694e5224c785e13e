import { INTENT_LABELS } from '../analysis/analysis.types';
import type { CareIntent } from './sla.types';

/**
 * The deadline is a decision, not an argmax. The model gives each intent a probability; each
 * deadline class an item could get has an expected cost under a cost matrix (what a wrong class
 * costs the company), and the item gets the cheapest. A sales question given the standard
 * deadline (a lost sale, answered hours late) costs more than a support question answered within
 * the hour, so a post that is only fairly likely a sales question still gets the sales deadline.
 */

/** sales: the sales policy (1 h by default); standard: everything else that needs an answer (3 h); none: no answer. */
export type DeadlineClass = 'sales' | 'standard' | 'none';
export const DEADLINE_CLASSES: readonly DeadlineClass[] = ['sales', 'standard', 'none'];

/** costs[truth][decision], each row and column in DEADLINE_CLASSES order; the diagonal is 0. */
export type CostMatrix = readonly (readonly number[])[];

/**
 * Cost of one wrong class in units of "a standard item answered within the hour" (agent time).
 * The sales-miss cost (row sales, column standard) is the tuned one (see `costMatrix` and
 * `npm run eval -- --cv 5`); leaving a customer unanswered is dearer than answering chatter.
 */
export function costMatrix(salesMiss: number): CostMatrix {
  return [
    // decided:  sales  standard          none
    /* sales */ [0, salesMiss, salesMiss * 1.5],
    /* standard */ [1, 0, 4],
    /* none */ [1, 0.5, 0],
  ];
}

/** Tuned on 5-fold cross-validation of the dev set (never a test set): see docs/analysis.md. */
export const DEFAULT_SALES_MISS_COST = 5;
export const DEFAULT_COSTS: CostMatrix = costMatrix(DEFAULT_SALES_MISS_COST);

const CLASS_OF: Record<CareIntent, DeadlineClass> = {
  sales_question: 'sales',
  complaint: 'standard',
  support_question: 'standard',
  praise: 'standard',
  spam: 'none',
  other: 'none',
};

export function deadlineClassOf(intent: CareIntent): DeadlineClass {
  return CLASS_OF[intent];
}

const CLASS_INDEX = INTENT_LABELS.map((l) => DEADLINE_CLASSES.indexOf(CLASS_OF[l]));

export interface DeadlineDecision {
  deadlineClass: DeadlineClass;
  /** the intent whose SLA policy applies: the label when its class was chosen, else the likeliest intent of the chosen class */
  policyIntent: CareIntent;
  /** probability of each class (sales, standard, none) */
  classProbs: [number, number, number];
}

/**
 * The cheapest deadline class for intent probabilities `probs` (INTENT_LABELS order). `label` is
 * the model's intent; it stays the policy intent whenever its own class wins.
 */
export function decideDeadline(
  probs: ArrayLike<number>,
  label: CareIntent,
  costs: CostMatrix = DEFAULT_COSTS,
): DeadlineDecision {
  const p: [number, number, number] = [0, 0, 0];
  for (let i = 0; i < INTENT_LABELS.length; i++) p[CLASS_INDEX[i]] += probs[i] ?? 0;
  let best = 0;
  let bestCost = Infinity;
  for (let d = 0; d < 3; d++) {
    const cost = p[0] * costs[0][d] + p[1] * costs[1][d] + p[2] * costs[2][d];
    // ties go to the label's own class, then to the more urgent class
    if (
      cost < bestCost - 1e-12 ||
      (Math.abs(cost - bestCost) <= 1e-12 && d === CLASS_INDEX[INTENT_LABELS.indexOf(label)])
    ) {
      best = d;
      bestCost = cost;
    }
  }
  const deadlineClass = DEADLINE_CLASSES[best];
  let policyIntent = label;
  if (CLASS_OF[label] !== deadlineClass) {
    let top = -1;
    for (let i = 0; i < INTENT_LABELS.length; i++) {
      if (CLASS_INDEX[i] === best && (top < 0 || (probs[i] ?? 0) > (probs[top] ?? 0))) top = i;
    }
    policyIntent = INTENT_LABELS[top];
  }
  return { deadlineClass, policyIntent, classProbs: p };
}

/** Reads a cost matrix from configuration: a JSON 3 × 3 array (rows truth, columns decision: sales, standard, none). */
export function parseCostMatrix(text: string): CostMatrix {
  let m: unknown;
  try {
    m = JSON.parse(text);
  } catch {
    throw new Error('must be a JSON 3 × 3 array of numbers');
  }
  const problems = costMatrixProblems(m);
  if (problems.length) throw new Error(problems.join('; '));
  return m as CostMatrix;
}

export function costMatrixProblems(m: unknown): string[] {
  if (!Array.isArray(m) || m.length !== 3 || m.some((r) => !Array.isArray(r) || r.length !== 3))
    return ['must be a 3 × 3 array (rows: true class sales, standard, none; columns: decided class)'];
  const out: string[] = [];
  m.forEach((row: unknown[], t) =>
    row.forEach((v, d) => {
      if (typeof v !== 'number' || !Number.isFinite(v) || v < 0)
        out.push(`cost [${t}][${d}] must be a number ≥ 0`);
      else if (t === d && v !== 0) out.push(`cost [${t}][${d}] (a right decision) must be 0`);
    }),
  );
  return out;
}
