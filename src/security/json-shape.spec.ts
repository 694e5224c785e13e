import { jsonShapeProblem } from './json-shape';

const shape = (text: string, maxDepth = 3, maxMembers = 10) =>
  jsonShapeProblem(Buffer.from(text), { maxDepth, maxMembers });

describe('jsonShapeProblem', () => {
  it('accepts documents within both limits, whatever their strings hold', () => {
    expect(shape('{"a":[1,2,{"b":3}]}')).toBeNull();
    expect(shape('"[[[[[[,,,,,,,,,,,,,{{{{{"')).toBeNull();
    expect(shape('{"a":"\\"[[[[[[[[","b":"\\\\"}')).toBeNull(); // escaped quote, escaped backslash
    expect(shape('{"имя":"[[[[[[[[[[ Привет"}')).toBeNull(); // UTF-8 bytes never look like brackets
    expect(shape('')).toBeNull();
    expect(shape('{}')).toBeNull();
  });

  it('refuses nesting one level past the limit, at the first byte over it', () => {
    expect(shape('[[[1]]]')).toBeNull();
    expect(shape('[[[[1]]]]')).toMatch(/nested deeper than 3 levels/);
    expect(shape('{"a":{"b":{"c":{}}}}')).toMatch(/nested deeper than 3 levels/);
    expect(shape('[1]', 1)).toBeNull();
    expect(shape('{"a":{}}', 1)).toMatch(/deeper than 1 level$/);
    // 1 MB of brackets: no recursion (no stack overflow), no parse
    const deep = Buffer.from('['.repeat(500_000) + ']'.repeat(500_000));
    expect(jsonShapeProblem(deep, { maxDepth: 32, maxMembers: 1000 })).toMatch(/32 levels/);
    // it stops at the first byte over the depth: the members past it are never counted
    const deepThenWide = Buffer.from('['.repeat(33) + ',1'.repeat(5000) + ']'.repeat(33));
    expect(jsonShapeProblem(deepThenWide, { maxDepth: 32, maxMembers: 1000 })).toMatch(/32 levels/);
  });

  it('counts keys and array elements over the whole document', () => {
    expect(shape('[1,2,3,4,5,6,7,8,9,10]')).toBeNull(); // 9 commas + 1 bracket: exactly 10
    expect(shape('[1,2,3,4,5,6,7,8,9,10,11]')).toMatch(/more than 10 keys and array elements/);
    expect(shape('{"a":1,"b":[1,2],"c":{"d":1,"e":2}}', 3, 7)).toBeNull();
    expect(shape('{"a":1,"b":[1,2],"c":{"d":1,"e":2}}', 3, 6)).toMatch(/more than 6/);
    expect(shape('[[],[],[],[],[],[]]', 3, 6)).toMatch(/more than 6/); // empty containers count
    expect(
      jsonShapeProblem(Buffer.from(`[${'1,'.repeat(60_000)}1]`), { maxDepth: 2, maxMembers: 20_000 }),
    ).toMatch(/more than 20,000/);
  });

  it('leaves malformed JSON to the parser (never throws)', () => {
    expect(shape('{"a":')).toBeNull();
    expect(shape('"unterminated')).toBeNull();
    expect(shape(']]]]')).toBeNull();
    expect(shape('"\\')).toBeNull();
  });
});
