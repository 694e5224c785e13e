import { csvCell, toCsv } from './csv';

describe('CSV export', () => {
  it('writes UTF-8 with a BOM, CRLF lines and RFC 4180 quoting', () => {
    const csv = toCsv(
      [
        { key: 'term', header: 'Термин' },
        { key: 'n', header: 'count' },
      ],
      [
        { term: 'не работает', n: 12 },
        { term: 'say "hi", ok', n: -3 },
        { term: 'two\nlines', n: 0.25 },
        { term: null, n: undefined },
      ],
    );
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(Buffer.from(csv, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(csv.slice(1)).toBe(
      'Термин,count\r\nне работает,12\r\n"say ""hi"", ok",-3\r\n"two\nlines",0.25\r\n,\r\n',
    );
  });

  it('neutralises text cells a spreadsheet would run as formulas', () => {
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(csvCell('+7 999')).toBe("'+7 999");
    expect(csvCell('-1+1')).toBe("'-1+1");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\tcmd')).toBe("'\tcmd");
    expect(csvCell('\rcmd')).toBe(`"'\rcmd"`);
    expect(csvCell('a=b')).toBe('a=b');
    // numbers stay numbers
    expect(csvCell(-5)).toBe('-5');
    expect(csvCell(Number.NaN)).toBe('');
    expect(csvCell(new Date('2025-01-01T00:00:00Z'))).toBe('2025-01-01T00:00:00.000Z');
  });
});
