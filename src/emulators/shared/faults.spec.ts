import { FaultBook, seededRandom } from './faults';

describe('FaultBook', () => {
  it('fires a rule the given number of times, then lets calls through', () => {
    const book = new FaultBook();
    book.add({ match: { method: 'wall.get' }, times: 2, action: { type: 'api_error', code: 6 } });
    expect(book.take('wall.get')?.type).toBe('api_error');
    expect(book.take('users.get')).toBeUndefined();
    expect(book.take('wall.get')?.type).toBe('api_error');
    expect(book.take('wall.get')).toBeUndefined();
  });

  it('matches on params and filters by action kind', () => {
    const book = new FaultBook();
    book.add({ match: { method: 'sendMessage', chat_id: 5 }, action: { type: 'reset' } });
    book.add({ match: {}, action: { type: 'lp_failed', code: 2 } });
    expect(book.take('sendMessage', { chat_id: 6 }, ['reset'])).toBeUndefined();
    expect(book.take('sendMessage', { chat_id: '5' })?.type).toBe('reset');
    expect(book.take('a_check', {}, ['lp_failed'])).toEqual({ type: 'lp_failed', code: 2 });
  });

  it('is reproducible for a given seed', () => {
    const fire = (seed: number) => {
      const book = new FaultBook();
      book.add({ match: {}, probability: 0.5, seed, action: { type: 'reset' } });
      return Array.from({ length: 32 }, () => (book.take('x') ? 1 : 0)).join('');
    };
    expect(fire(7)).toBe(fire(7));
    expect(fire(7)).not.toBe(fire(8));
    const r = seededRandom(1);
    const xs = Array.from({ length: 1000 }, r);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
  });
});
