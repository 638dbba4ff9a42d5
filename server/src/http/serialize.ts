import fastJson from 'fast-json-stringify';
import { z } from 'zod';

type JsonSchema = Record<string, unknown>;

/** Optional keys before required ones cost an `if` per key and a branch per combination: a few at most. */
const MAX_OPTIONAL_BEFORE_REQUIRED = 3;

/**
 * zod's JSON Schema made plain for fast-json-stringify:
 * - `anyOf: [X, null]` (zod's nullable enum or object) becomes X with "null" among its types,
 *   since fast-json-stringify resolves an `anyOf` by validating each branch on every call;
 * - fast-json-stringify writes required keys before optional ones, where zod keeps the schema's
 *   order; an object with optional keys before required ones (a wish's `contactPhone`, present
 *   only for those entitled) becomes one branch per combination of present optional keys, each
 *   with every key it holds required, so every branch writes the keys in the schema's order.
 */
function plain(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(plain);
  if (typeof schema !== 'object' || schema === null) return schema;
  const out: JsonSchema = {};
  for (const [key, value] of Object.entries(schema)) out[key] = plain(value);
  return inSchemaOrder(nullableAsType(out));
}

function inSchemaOrder(schema: JsonSchema): JsonSchema {
  const properties = schema.properties as JsonSchema | undefined;
  if (schema.type !== 'object' || !properties) return schema;
  const keys = Object.keys(properties);
  const required = new Set((schema.required as string[] | undefined) ?? []);
  const lastRequired = keys.findLastIndex((k) => required.has(k));
  const optional = keys.filter((k, i) => !required.has(k) && i < lastRequired);
  if (optional.length === 0) return schema;
  if (optional.length > MAX_OPTIONAL_BEFORE_REQUIRED) throw new Error(`too many optional keys before required ones: ${optional.join(', ')}`);
  const branch = (present: string[], left: string[]): JsonSchema => {
    if (left.length > 0) {
      const [key, ...rest] = left as [string, ...string[]];
      return { type: 'object', if: { type: 'object', required: [key] }, then: branch([...present, key], rest), else: branch(present, rest) };
    }
    const kept = keys.filter((k) => !optional.includes(k) || present.includes(k));
    return {
      ...schema,
      properties: Object.fromEntries(kept.map((k) => [k, properties[k]])),
      required: kept.filter((k) => required.has(k) || present.includes(k)),
    };
  };
  return branch([], optional);
}

function nullableAsType(out: JsonSchema): JsonSchema {
  const branches = out.anyOf;
  if (Array.isArray(branches) && branches.length === 2) {
    const nullAt = branches.findIndex((b: JsonSchema) => b.type === 'null');
    const other = branches[1 - nullAt] as JsonSchema | undefined;
    if (nullAt >= 0 && other && typeof other.type === 'string') {
      delete out.anyOf;
      return { ...out, ...other, type: [other.type, 'null'], ...(Array.isArray(other.enum) ? { enum: [...other.enum, null] } : {}) };
    }
  }
  return out;
}

const compiled = new WeakMap<z.ZodType, (data: unknown) => string>();

/**
 * The serializer of a response schema: fast-json-stringify compiled once from the schema's JSON
 * Schema (what the API documents), instead of re-parsing every answer through zod. Responses are
 * built by our own code from typed rows, so the types hold by construction; `checked` proves the
 * bytes are the ones zod would have produced.
 */
export function serializerFor(schema: z.ZodType): (data: unknown) => string {
  let serialize = compiled.get(schema);
  if (!serialize) {
    const json = z.toJSONSchema(schema, { io: 'output', target: 'draft-7', unrepresentable: 'any' });
    serialize = fastJson(plain(json) as Parameters<typeof fastJson>[0]);
    compiled.set(schema, serialize);
  }
  return serialize;
}

/** zod's own way: parse the answer against the schema, then JSON.stringify (what fastify-type-provider-zod does). */
export function serializeThroughZod(schema: z.ZodType, data: unknown): string {
  const result = schema.safeParse(data);
  if (!result.success) throw new Error(`the answer does not match its schema: ${result.error.message}`);
  return JSON.stringify(result.data);
}

/**
 * For the tests: every answer serialised both ways, and a difference is an error (500). Every test
 * that reads an answer then also shows that the compiled serializer changed no byte of it.
 */
export function checkedSerializerFor(schema: z.ZodType): (data: unknown) => string {
  const fast = serializerFor(schema);
  return (data) => {
    const bytes = fast(data);
    const expected = serializeThroughZod(schema, data);
    if (bytes !== expected) throw new Error(`fast-json-stringify answered other bytes than zod:\n${bytes}\n${expected}`);
    return bytes;
  };
}
