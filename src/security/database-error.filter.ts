import { ArgumentsHost, Catch, HttpStatus, Logger } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import type { Request, Response } from 'express';
import { DatabaseError } from 'pg';
import { QueryFailedError } from 'typeorm';
import { PG } from '../database/pg-errors';

/** What a client is told for a PostgreSQL error its input caused (never the driver's text). */
export function clientErrorFor(code: string, detail = ''): { status: number; message: string } | null {
  if (code === PG.UNTRANSLATABLE_CHARACTER || code === PG.CHARACTER_NOT_IN_REPERTOIRE)
    return bad('a text contains a character that cannot be stored (NUL or invalid Unicode)');
  if (code === PG.STRING_DATA_RIGHT_TRUNCATION) return bad('a value is too long');
  if (code === PG.NUMERIC_VALUE_OUT_OF_RANGE) return bad('a number is out of range');
  if (code === PG.INVALID_DATETIME_FORMAT || code === PG.DATETIME_FIELD_OVERFLOW)
    return bad('a date or time is out of range');
  if (code === PG.INVALID_TEXT_REPRESENTATION) return bad('a value has the wrong format');
  if (code.startsWith('22')) return bad('a value is not valid');
  if (code === PG.NOT_NULL_VIOLATION) return bad('a required value is missing (null is not allowed here)');
  if (code === PG.CHECK_VIOLATION) return bad('a value is outside what is allowed');
  if (code === PG.FOREIGN_KEY_VIOLATION)
    return /still referenced/.test(detail)
      ? { status: HttpStatus.CONFLICT, message: 'it is still in use' }
      : bad('it refers to something that does not exist');
  if (code === PG.UNIQUE_VIOLATION) return { status: HttpStatus.CONFLICT, message: 'it already exists' };
  if (code === PG.PROGRAM_LIMIT_EXCEEDED) return bad('a value is too large to store');
  return null;
}

function bad(message: string) {
  return { status: HttpStatus.BAD_REQUEST, message };
}

/**
 * The safety net under validation: a PostgreSQL data or integrity error (class 22, 23) that bad
 * input provoked is the client's 400 (or 409), logged with its SQLSTATE, not a 500. Anything
 * else (connection lost, timeouts, serialisation failures) stays a 5xx, so senders that retry
 * on 5xx (the webhooks) still retry what may succeed later.
 */
@Catch(QueryFailedError, DatabaseError)
export class DatabaseErrorFilter extends BaseExceptionFilter {
  private readonly logger = new Logger('DatabaseErrorFilter');

  override catch(exception: QueryFailedError | DatabaseError, host: ArgumentsHost): void {
    const driver = (
      exception instanceof QueryFailedError ? exception.driverError : exception
    ) as Partial<DatabaseError>;
    const mapped =
      host.getType() === 'http' && typeof driver.code === 'string'
        ? clientErrorFor(driver.code, driver.detail)
        : null;
    if (!mapped) return super.catch(exception, host);
    const http = host.switchToHttp();
    const req = http.getRequest<Request>();
    const res = http.getResponse<Response>();
    const where = [driver.table, driver.column].filter(Boolean).join('.') || driver.constraint || '?';
    this.logger.warn(
      `${req.method} ${req.route?.path ?? req.path}: input refused by the database ` +
        `(${driver.code} at ${where}) -> ${mapped.status} ${mapped.message}`,
    );
    if (res.headersSent) return;
    res.status(mapped.status).json({
      statusCode: mapped.status,
      message: `The request cannot be stored: ${mapped.message}`,
      error: mapped.status === HttpStatus.CONFLICT ? 'Conflict' : 'Bad Request',
    });
  }
}
