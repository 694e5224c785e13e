import { ApiProperty, ApiPropertyOptions } from '@nestjs/swagger';

/**
 * Short decorators for response shapes in the OpenAPI document. The web app's types are generated
 * from that document (web/src/api/schema.d.ts), so every field the UI reads is declared here.
 */
type Extra = Omit<ApiPropertyOptions, 'type' | 'nullable'> & { nullable?: boolean };

export const Str = (o: Extra = {}) => ApiProperty({ type: String, ...o } as ApiPropertyOptions);
export const NullableStr = (o: Extra = {}) => Str({ nullable: true, ...o });
export const Int = (o: Extra = {}) => ApiProperty({ type: 'integer', ...o } as ApiPropertyOptions);
export const Num = (o: Extra = {}) => ApiProperty({ type: Number, ...o } as ApiPropertyOptions);
export const Bool = (o: Extra = {}) => ApiProperty({ type: Boolean, ...o } as ApiPropertyOptions);
/** An ISO 8601 timestamp in JSON. */
export const DateTime = (o: Extra = {}) =>
  ApiProperty({ type: String, format: 'date-time', ...o } as ApiPropertyOptions);
export const NullableDateTime = (o: Extra = {}) => DateTime({ nullable: true, ...o });
export const Enum = (values: readonly string[], o: Extra = {}) =>
  ApiProperty({ type: String, enum: [...values], ...o } as ApiPropertyOptions);
/** Free-form JSON object (settings, audit data). */
export const Json = (o: Extra = {}) =>
  ApiProperty({ type: 'object', additionalProperties: true, ...o } as ApiPropertyOptions);
// `type: () => X` must be written inline: swagger recognises a lazy type by the function's name.
export const Of = (lazy: () => object, o: Extra = {}) =>
  ApiProperty({ type: () => lazy(), ...o } as ApiPropertyOptions);
export const ListOf = (lazy: () => object, o: Extra = {}) =>
  ApiProperty({ type: () => lazy(), isArray: true, ...o } as ApiPropertyOptions);
