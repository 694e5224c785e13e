import { decideEpisode, MemoryEpisodeBook } from './episodes';

const t = (min: number) => new Date(Date.UTC(2030, 0, 1, 12, min));
const timing = { cooldownMs: 30 * 60_000, minOpenMs: 10 * 60_000 };

describe('episodes', () => {
  it('fires once, stays quiet while the condition lasts, clears when calm', () => {
    const book = new MemoryEpisodeBook();
    const step = (min: number, signal: 'active' | 'calm' | 'neutral') => {
      const a = decideEpisode('s', signal, book, t(min), timing);
      book.apply('s', a, t(min));
      return a;
    };
    expect(step(0, 'active')).toBe('fire');
    expect(step(1, 'active')).toBe('none');
    expect(step(5, 'calm')).toBe('none'); // too soon: the window has not drained
    expect(step(8, 'neutral')).toBe('none');
    expect(step(12, 'calm')).toBe('clear');
    expect(step(20, 'active')).toBe('none'); // cooldown
    expect(step(43, 'active')).toBe('fire');
  });

  it('neutral neither fires nor clears', () => {
    const book = new MemoryEpisodeBook();
    expect(decideEpisode('s', 'neutral', book, t(0), timing)).toBe('none');
    book.apply('s', 'fire', t(0));
    expect(decideEpisode('s', 'neutral', book, t(59), timing)).toBe('none');
  });
});
