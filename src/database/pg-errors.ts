/**
 * The PostgreSQL error codes (SQLSTATE) Otklik acts on, in one place. See the PostgreSQL manual,
 * appendix A "PostgreSQL Error Codes".
 */
export const PG = {
  /** class 22: data exceptions */
  STRING_DATA_RIGHT_TRUNCATION: '22001',
  NUMERIC_VALUE_OUT_OF_RANGE: '22003',
  INVALID_DATETIME_FORMAT: '22007',
  DATETIME_FIELD_OVERFLOW: '22008',
  CHARACTER_NOT_IN_REPERTOIRE: '22021',
  INVALID_TEXT_REPRESENTATION: '22P02',
  UNTRANSLATABLE_CHARACTER: '22P05',
  /** class 23: integrity constraint violations */
  NOT_NULL_VIOLATION: '23502',
  FOREIGN_KEY_VIOLATION: '23503',
  UNIQUE_VIOLATION: '23505',
  CHECK_VIOLATION: '23514',
  /** class 40: transaction rollback (safe to retry) */
  SERIALIZATION_FAILURE: '40001',
  DEADLOCK_DETECTED: '40P01',
  /** class 54: program limits */
  PROGRAM_LIMIT_EXCEEDED: '54000',
} as const;

/** The SQLSTATE of an error from `pg` or from TypeORM (which wraps it as driverError). */
export function pgCode(err: unknown): string | undefined {
  const e = err as { code?: unknown; driverError?: { code?: unknown } } | undefined;
  const code = e?.driverError?.code ?? e?.code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
}
