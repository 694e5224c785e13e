/**
 * Validators for the three specification formats the emulators are checked against. Each returns
 * the list of problems (`path: what`), empty when the value conforms. Strict where it matters for
 * us: a property the specification does not have is a problem (an emulator must not invent
 * fields a connector could come to rely on); formats and numeric bounds are not checked (VK's
 * schema, for one, puts `minimum: 0` on owner ids that are negative for communities).
 */
import { readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';

type Json = any;
const SCHEMAS = join(__dirname, 'schemas');

function typeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

// ---- VK: JSON schema (draft-4 style, with draft-3 `required: true` on properties) -------------

export class VkSchema {
  private readonly files = new Map<string, Json>();

  private load(file: string): Json {
    let f = this.files.get(file);
    if (!f)
      this.files.set(file, (f = JSON.parse(readFileSync(join(SCHEMAS, 'vk-api-schema', file), 'utf8'))));
    return f;
  }

  private resolve(file: string, ref: string): { file: string; schema: Json } {
    const [path, frag] = ref.split('#');
    const target = path ? normalize(join(dirname(file), path)) : file;
    const name = frag.split('/').pop()!;
    const schema = this.load(target).definitions[name];
    if (!schema) throw new Error(`${target}#${name} is not in the excerpt`);
    return { file: target, schema };
  }

  /** `file#definition`, e.g. `wall/responses.json#wall_get_response`. */
  validate(ref: string, value: unknown): string[] {
    const [file, name] = ref.split('#');
    const problems: string[] = [];
    this.check(file, this.load(file).definitions[name], value, name, problems);
    return problems;
  }

  private check(file: string, schema: Json, value: unknown, path: string, out: string[]): void {
    if (schema.$ref) {
      const r = this.resolve(file, schema.$ref);
      return this.check(r.file, r.schema, value, path, out);
    }
    for (const key of ['oneOf', 'anyOf'] as const) {
      if (!schema[key]) continue;
      const ok = schema[key].some((s: Json) => {
        const sub: string[] = [];
        this.check(file, s, value, path, sub);
        return sub.length === 0;
      });
      if (!ok) out.push(`${path}: matches none of its ${key} alternatives`);
      return;
    }
    if (schema.enum && !schema.enum.includes(value)) {
      out.push(`${path}: ${JSON.stringify(value)} is not one of ${JSON.stringify(schema.enum)}`);
      return;
    }
    const types: string[] | undefined = schema.type ? [].concat(schema.type) : undefined;
    const actual = typeOf(value);
    if (types && !types.some((t) => t === actual || (t === 'number' && actual === 'integer'))) {
      out.push(`${path}: ${actual} where the schema says ${types.join(' | ')}`);
      return;
    }
    if (actual === 'array' && schema.items)
      (value as unknown[]).forEach((v, i) => this.check(file, schema.items, v, `${path}[${i}]`, out));
    if (actual === 'object' && (schema.properties || schema.allOf)) {
      const { props, required, open } = this.objectShape(file, schema);
      const obj = value as Record<string, unknown>;
      // `inner_type` is the schema's discriminator for generated SDKs: VK never sends it.
      for (const name of required)
        if (obj[name] === undefined && name !== 'inner_type') out.push(`${path}.${name}: required, missing`);
      for (const [k, v] of Object.entries(obj)) {
        const p = props.get(k);
        if (p) this.check(p.file, p.schema, v, `${path}.${k}`, out);
        else if (!open) out.push(`${path}.${k}: not in the schema`);
      }
    }
  }

  /** Properties of an object schema, with allOf branches and $refs merged. */
  private objectShape(file: string, schema: Json) {
    const props = new Map<string, { file: string; schema: Json }>();
    const required = new Set<string>();
    let open = false;
    const visit = (f: string, s: Json) => {
      if (s.$ref) {
        const r = this.resolve(f, s.$ref);
        return visit(r.file, r.schema);
      }
      for (const part of s.allOf ?? []) visit(f, part);
      if (s.additionalProperties && s.additionalProperties !== false) open = true;
      if (!s.properties && !s.allOf && s.type === 'object') open = true;
      for (const [k, v] of Object.entries<Json>(s.properties ?? {})) {
        props.set(k, { file: f, schema: v });
        if (v.required === true) required.add(k);
      }
      for (const k of Array.isArray(s.required) ? s.required : []) required.add(k);
    };
    visit(file, schema);
    return { props, required, open };
  }
}

// ---- Telegram: PaulSonOfLars/telegram-bot-api-spec (types with fields, subtypes) ---------------

export class TelegramSpec {
  readonly api: Json = JSON.parse(readFileSync(join(SCHEMAS, 'telegram-bot-api-spec', 'api.json'), 'utf8'));

  /** The result of a method, as its `returns` says. */
  validateResult(method: string, value: unknown): string[] {
    const problems: string[] = [];
    this.any(this.api.methods[method].returns, value, `${method}()`, problems);
    return problems;
  }

  validate(typeExpr: string, value: unknown): string[] {
    const problems: string[] = [];
    this.one(typeExpr, value, typeExpr, problems);
    return problems;
  }

  private any(types: string[], value: unknown, path: string, out: string[]): void {
    const tries = types.map((t) => {
      const sub: string[] = [];
      this.one(t, value, path, sub);
      return sub;
    });
    if (tries.some((t) => t.length === 0)) return;
    out.push(
      ...(tries.length === 1
        ? tries[0]
        : [`${path}: matches none of ${types.join(', ')} (${tries.map((t) => t[0]).join('; ')})`]),
    );
  }

  private one(expr: string, value: unknown, path: string, out: string[]): void {
    const actual = typeOf(value);
    if (expr.startsWith('Array of ')) {
      if (actual !== 'array') return void out.push(`${path}: ${actual} where an array is expected`);
      (value as unknown[]).forEach((v, i) =>
        this.one(expr.slice('Array of '.length), v, `${path}[${i}]`, out),
      );
      return;
    }
    const scalar: Record<string, (v: unknown) => boolean> = {
      Integer: (v) => Number.isInteger(v),
      Float: (v) => typeof v === 'number',
      String: (v) => typeof v === 'string',
      Boolean: (v) => typeof v === 'boolean',
      True: (v) => v === true,
    };
    if (scalar[expr]) {
      if (!scalar[expr](value)) out.push(`${path}: ${JSON.stringify(value)} is not ${expr}`);
      return;
    }
    const type = this.api.types[expr];
    if (!type) return void out.push(`${path}: type ${expr} is not in the excerpt`);
    if (type.subtypes?.length) return this.any(type.subtypes, value, path, out);
    if (actual !== 'object') return void out.push(`${path}: ${actual} where ${expr} is expected`);
    const obj = value as Record<string, unknown>;
    const fields = new Map<string, Json>((type.fields ?? []).map((f: Json) => [f.name, f]));
    for (const f of fields.values())
      if (f.required && obj[f.name] === undefined) out.push(`${path}.${f.name}: required, missing`);
    for (const [k, v] of Object.entries(obj)) {
      const f = fields.get(k);
      if (!f) out.push(`${path}.${k}: not a field of ${expr}`);
      else this.any(f.types, v, `${path}.${k}`, out);
    }
  }
}

// ---- YouTube: Google's discovery document -----------------------------------------------------

export class YouTubeDiscovery {
  readonly doc: Json = JSON.parse(
    readFileSync(join(SCHEMAS, 'youtube-discovery', 'youtube-v3.json'), 'utf8'),
  );

  /** The response of `resource.method` (e.g. `commentThreads.list`). */
  validateResponse(method: string, value: unknown): string[] {
    const [resource, name] = method.split('.');
    const ref = this.doc.resources[resource].methods[name].response.$ref;
    return this.validate(ref, value);
  }

  validate(schemaName: string, value: unknown): string[] {
    const problems: string[] = [];
    this.check({ $ref: schemaName }, value, schemaName, problems);
    return problems;
  }

  private check(schema: Json, value: unknown, path: string, out: string[]): void {
    if (schema.$ref) {
      const target = this.doc.schemas[schema.$ref];
      if (!target)
        return void out.push(
          `${path}: ${schema.$ref} is not in the excerpt (a part the connector never reads)`,
        );
      return this.check(target, value, path, out);
    }
    const actual = typeOf(value);
    const expected = schema.type;
    if (expected && !(expected === actual || (expected === 'number' && actual === 'integer')))
      return void out.push(`${path}: ${actual} where the document says ${expected}`);
    if (schema.enum && !schema.enum.includes(value))
      return void out.push(`${path}: ${JSON.stringify(value)} is not one of ${schema.enum.join(', ')}`);
    if (expected === 'string' && schema.format === 'date-time' && Number.isNaN(Date.parse(String(value))))
      out.push(`${path}: ${JSON.stringify(value)} is not a date-time`);
    if (actual === 'array' && schema.items)
      (value as unknown[]).forEach((v, i) => this.check(schema.items, v, `${path}[${i}]`, out));
    if (actual === 'object' && expected === 'object') {
      const obj = value as Record<string, unknown>;
      for (const [k, v] of Object.entries(obj)) {
        const p = schema.properties?.[k] ?? schema.additionalProperties;
        if (!p) out.push(`${path}.${k}: not in the document`);
        else this.check(p, v, `${path}.${k}`, out);
      }
    }
  }
}
