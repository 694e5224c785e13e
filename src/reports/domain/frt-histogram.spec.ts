import { FRT_BOUNDS as MIGRATION_BOUNDS } from '../../../migrations/1732600500000-Reports';
import { bucketOf, FRT_BOUNDS, FRT_BUCKETS, quantile } from './frt-histogram';

describe('first-response-time histogram', () => {
  it('has the buckets the migration built', () => {
    expect([...FRT_BOUNDS]).toEqual(MIGRATION_BOUNDS);
    expect(FRT_BUCKETS).toBe(21);
  });

  it('puts a time in the bucket PostgreSQL width_bucket() picks (lower edge inclusive)', () => {
    expect(bucketOf(0)).toBe(0);
    expect(bucketOf(59)).toBe(0);
    expect(bucketOf(60)).toBe(1);
    expect(bucketOf(1800)).toBe(7);
    expect(bucketOf(604800)).toBe(20);
    expect(bucketOf(10 ** 9)).toBe(20);
  });

  it('reads quantiles by interpolating inside the bucket', () => {
    const h = new Array(FRT_BUCKETS).fill(0);
    h[bucketOf(1800)] = 10; // ten answers in [30 min, 45 min)
    expect(quantile(h, 0.5)).toBe(1800 + 450);
    expect(quantile(h, 0.9)).toBe(1800 + 810);
    h[bucketOf(30)] = 10; // ten more in [0, 1 min)
    expect(quantile(h, 0.5)).toBe(60); // the tenth of twenty is the last of the fast ones
    expect(quantile(h, 0.9)).toBe(1800 + 720);
    expect(quantile(new Array(FRT_BUCKETS).fill(0), 0.5)).toBeNull();
    const slow = new Array(FRT_BUCKETS).fill(0);
    slow[20] = 3;
    expect(quantile(slow, 0.9)).toBe(604800); // the open bucket answers with its lower edge
  });
});
