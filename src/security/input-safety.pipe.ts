import { ArgumentMetadata, BadRequestException, Injectable, PipeTransform } from '@nestjs/common';
import { getMetadataStorage, IS_OPTIONAL, ValidationTypes } from 'class-validator';
import { inputProblem } from './input-problems';

/**
 * Runs before the ValidationPipe on every body, query and path parameter (not on the signed
 * webhooks, which read the raw request: platform text is cleaned at the connector boundary).
 *
 * 1. No string anywhere may hold what PostgreSQL cannot store (NUL, a lone surrogate): a clear
 *    400 naming the field, instead of a driver error (or an encodeURI throw inside the e-mail
 *    validator) on the way to the database. Prototype keys (`__proto__`, ...) are refused too.
 * 2. `@IsOptional()` means "may be left out", not "may be null": class-validator skips every
 *    rule for both, and a null then reaches a NOT NULL column. A field takes null only where the
 *    API document says it is nullable (`@ApiPropertyOptional({ nullable: true })`), so the
 *    document and the behaviour cannot drift apart.
 */
@Injectable()
export class InputSafetyPipe implements PipeTransform {
  transform(value: unknown, meta: ArgumentMetadata): unknown {
    if (meta.type === 'custom') return value;
    const root = meta.type === 'param' ? (meta.data ?? '') : '';
    const bad = inputProblem(value, root);
    if (bad) throw new BadRequestException([meta.type === 'query' ? `query parameter ${bad}` : bad]);
    if (meta.type === 'body' && meta.metatype && isRecord(value)) {
      const nulls = nullsWhereNotNullable(meta.metatype, value);
      if (nulls.length > 0) throw new BadRequestException(nulls);
    }
    return value;
  }
}

/** Where @nestjs/swagger keeps `@ApiProperty` options (its DECORATORS constant, not exported). */
const API_MODEL_PROPERTIES = 'swagger/apiModelProperties';

type Dto = abstract new (...args: never[]) => unknown;

const optionalCache = new WeakMap<Dto, string[]>();

/** The messages for fields sent as null that may only be left out. */
export function nullsWhereNotNullable(dto: Dto, body: Record<string, unknown>): string[] {
  return notNullableOptionals(dto)
    .filter((p) => body[p] === null)
    .map((p) => `${p} must not be null (leave it out instead)`);
}

/** The DTO's `@IsOptional()` properties whose API document does not say `nullable`. */
export function notNullableOptionals(dto: Dto): string[] {
  let props = optionalCache.get(dto);
  if (!props) {
    const metas = getMetadataStorage().getTargetValidationMetadatas(dto as never, '', true, false);
    const optional = metas
      .filter((m) => m.type === ValidationTypes.CONDITIONAL_VALIDATION && m.name === IS_OPTIONAL)
      .map((m) => m.propertyName);
    props = [...new Set(optional)].filter((p) => !documentedNullable(dto, p));
    optionalCache.set(dto, props);
  }
  return props;
}

function documentedNullable(dto: Dto, prop: string): boolean {
  const doc = Reflect.getMetadata(API_MODEL_PROPERTIES, dto.prototype as object, prop) as
    { nullable?: boolean } | undefined;
  return doc?.nullable === true;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}
