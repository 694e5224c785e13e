import { xlsxSheet } from './xlsx-sheet';

describe('xlsxSheet', () => {
  it('writes a bold header, numbers as numbers and formula-like words as plain text', () => {
    const sheet = xlsxSheet(
      [
        { key: 'label', header: 'label' },
        { key: 'n', header: 'n' },
        { key: 'ok', header: 'ok' },
      ],
      [
        { label: '=HYPERLINK("http://evil")', n: 3, ok: true },
        { label: null, n: Number.NaN, ok: undefined },
      ],
    );
    expect(sheet[0].map((c) => [c.value, c.fontWeight])).toEqual([
      ['label', 'bold'],
      ['n', 'bold'],
      ['ok', 'bold'],
    ]);
    expect(sheet[1]).toEqual([
      { value: '=HYPERLINK("http://evil")', type: String },
      { value: 3, type: Number },
      { value: true, type: Boolean },
    ]);
    expect(sheet[2]).toEqual([{}, {}, {}]);
  });
});
