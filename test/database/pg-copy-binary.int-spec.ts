import { Client } from 'pg';
import { copyBinary, type BinaryColumn } from '../../src/database/pg-copy-binary';
import { createTestDatabase, TestDatabase } from '../support/database';

/** The binary COPY writer against PostgreSQL's own binary input functions. */
describe('copyBinary', () => {
  let db: TestDatabase;
  let c: Client;
  beforeAll(async () => {
    db = await createTestDatabase();
    c = new Client({ connectionString: db.url });
    await c.connect();
    await c.query(
      `CREATE TABLE t (u uuid, s text, j jsonb, ts timestamptz, b bool, f real, i2 smallint, i4 int)`,
    );
  });
  afterAll(async () => {
    await c.end();
    await db.drop();
  });

  const columns: BinaryColumn[] = [
    { name: 'u', type: 'uuid' },
    { name: 's', type: 'text' },
    { name: 'j', type: 'jsonb' },
    { name: 'ts', type: 'timestamptz' },
    { name: 'b', type: 'bool' },
    { name: 'f', type: 'float4' },
    { name: 'i2', type: 'int2' },
    { name: 'i4', type: 'int4' },
  ];

  it('stores every type exactly, NULLs included, through text PostgreSQL would need escaped in text COPY', async () => {
    const tricky = 'таб\tперевод\nстроки \\ обратный слэш 👍🏽 "кавычки" \r конец';
    const rows = [
      [
        '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
        tricky,
        { text: tricky, n: [1, 2.5, null] },
        new Date('2026-11-26T06:30:00.123Z'),
        true,
        -0.71,
        -3,
        2_000_000_000,
      ],
      [null, null, null, new Date('1969-07-20T20:17:40.001Z'), false, null, 32767, -1],
      [null, '', '"just a string"', new Date('1999-12-31T23:59:59.999Z'), null, 0, null, null],
    ];
    await expect(copyBinary(c, 't', columns, rows)).resolves.toBe(3);
    const r = await c.query(
      `SELECT u::text, s, j, to_char(ts AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS') AS ts, b, f, i2, i4
       FROM t ORDER BY ts DESC`,
    );
    expect(r.rows).toEqual([
      {
        u: '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
        s: tricky,
        j: { text: tricky, n: [1, 2.5, null] },
        ts: '2026-11-26T06:30:00.123',
        b: true,
        f: expect.closeTo(-0.71, 6),
        i2: -3,
        i4: 2_000_000_000,
      },
      {
        u: null,
        s: '',
        j: 'just a string',
        ts: '1999-12-31T23:59:59.999',
        b: null,
        f: 0,
        i2: null,
        i4: null,
      },
      { u: null, s: null, j: null, ts: '1969-07-20T20:17:40.001', b: false, f: null, i2: 32767, i4: -1 },
    ]);
  });

  it('grows its buffer past the first estimate (long texts)', async () => {
    await c.query(`TRUNCATE t`);
    const long = 'ж'.repeat(200_000);
    await copyBinary(c, 't', [{ name: 's', type: 'text' }], [[long], [long + '!']]);
    const r = await c.query(`SELECT length(s) AS n FROM t ORDER BY n`);
    expect(r.rows.map((x) => x.n)).toEqual([200_000, 200_001]);
  });

  it('rejects a bad value before sending anything, and a server-side error leaves the connection usable', async () => {
    await c.query(`TRUNCATE t`);
    await expect(copyBinary(c, 't', [{ name: 'u', type: 'uuid' }], [['not-a-uuid']])).rejects.toThrow(
      /column u: not a uuid/,
    );
    await expect(
      copyBinary(c, 't', [{ name: 'ts', type: 'timestamptz' }], [[new Date(NaN)]]),
    ).rejects.toThrow(/not a valid Date/);
    await c.query(`ALTER TABLE t ADD CONSTRAINT t_i4_positive CHECK (i4 > 0)`);
    await expect(copyBinary(c, 't', [{ name: 'i4', type: 'int4' }], [[5], [-5]])).rejects.toMatchObject({
      code: '23514',
    });
    expect((await c.query(`SELECT count(*)::int AS n FROM t`)).rows[0].n).toBe(0);
    expect((await c.query(`SELECT 1 AS ok`)).rows[0].ok).toBe(1);
  });
});
