import { ArgumentMetadata, Type, ValidationPipe, ValidationPipeOptions } from '@nestjs/common';

/** The one validation every body, query and path parameter goes through (class-validator DTOs). */
export const VALIDATION_OPTIONS: ValidationPipeOptions = {
  whitelist: true,
  forbidNonWhitelisted: true,
  transform: true,
};

const VALIDATED_BY_HANDLER = Symbol('validated by its handler');

/**
 * Marks a DTO whose handler validates it itself with validated() (the global pipe passes it on
 * as it came): GET /api/conversations validates a query string only the first time it sees it.
 * The mark is the class's own (getOwnMetadata): a DTO that extends a marked one is validated.
 */
export function ValidatedByHandler(): ClassDecorator {
  return (target) => Reflect.defineMetadata(VALIDATED_BY_HANDLER, true, target);
}

/** The global ValidationPipe (VALIDATION_OPTIONS), except for DTOs marked ValidatedByHandler. */
export class AppValidationPipe extends ValidationPipe {
  constructor() {
    super(VALIDATION_OPTIONS);
  }

  override transform(value: unknown, meta: ArgumentMetadata): Promise<unknown> {
    if (meta.metatype && Reflect.getOwnMetadata(VALIDATED_BY_HANDLER, meta.metatype) === true) {
      return Promise.resolve(value);
    }
    return super.transform(value, meta);
  }
}

const pipe = new ValidationPipe(VALIDATION_OPTIONS);

/** What the global pipe makes of a query: the DTO, or the same 400 with the same messages. */
export function validatedQuery<T>(dto: Type<T>, value: unknown): Promise<T> {
  return pipe.transform(value, { type: 'query', metatype: dto }) as Promise<T>;
}
