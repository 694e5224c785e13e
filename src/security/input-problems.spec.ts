import { inputProblem, textProblem } from './input-problems';

describe('input problems', () => {
  it('finds NUL and lone surrogates, and lets every other character through', () => {
    expect(textProblem('Привет 👋 \u0001\ufffe\uffff')).toBeNull();
    expect(textProblem('a\u0000b')).toMatch(/NUL/);
    expect(textProblem('a\ud800b')).toMatch(/unpaired UTF-16 surrogate/);
    expect(textProblem('\udc00')).toMatch(/surrogate/);
    expect(textProblem('x\ud83d')).toMatch(/surrogate/);
    expect(textProblem('\ud83d\udc4b')).toBeNull();
  });

  it('names the first bad place in a parsed body: values, nested values, array items and keys', () => {
    expect(inputProblem({ name: 'ok', settings: { list: ['a', 'b'] } })).toBeNull();
    expect(inputProblem({ name: 'a\u0000' })).toBe('name contains a NUL character (U+0000)');
    expect(inputProblem({ settings: { list: ['a', 'b\ud800'] } })).toMatch(
      /^settings\.list\[1\] contains an unpaired/,
    );
    expect(inputProblem({ settings: { ['k\u0000']: 1 } })).toBe(
      'property name settings.k\\u0000 contains a NUL character (U+0000)',
    );
    expect(inputProblem('\u0000', 'id')).toBe('id contains a NUL character (U+0000)');
    expect(inputProblem(['\u0000'])).toBe('[0] contains a NUL character (U+0000)');
    expect(inputProblem(null)).toBeNull();
    expect(inputProblem(42)).toBeNull();
  });

  it('refuses keys that only aim at prototypes, wherever they are', () => {
    expect(inputProblem(JSON.parse('{"__proto__":{"x":1}}'))).toBe('property name __proto__ is not allowed');
    expect(inputProblem({ settings: JSON.parse('{"a":{"constructor":{"prototype":{}}}}') })).toBe(
      'property name settings.a.constructor is not allowed',
    );
    expect(inputProblem({ name: '__proto__' })).toBeNull(); // as a value it is only text
  });

  it('walks a deep value without recursion', () => {
    let deep: unknown = 'x\u0000';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(inputProblem(deep)).toMatch(/NUL/);
  });
});
