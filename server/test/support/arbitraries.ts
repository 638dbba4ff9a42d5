import fc from 'fast-check';
import type { FastifyInstance, InjectOptions } from 'fastify';

/**
 * Requests for the fuzz test (fuzz.test.ts), made from the routes' own schemas as the API document
 * (`app.swagger()`) gives them in JSON Schema: mostly what a route accepts, so that requests get
 * past validation to the services and the database, with hostile text inside the accepted values
 * (NUL, lone surrogates, control and direction marks, SQL, emoji), and sometimes what it refuses:
 * values off their schema, wrong JSON types, missing and extra keys, broken bodies and URLs.
 */

/** The part of JSON Schema the routes use (fastify-type-provider-zod's transform of zod). */
export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minItems?: number;
  maxItems?: number;
  nullable?: boolean;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
}

export interface Parameter {
  name: string;
  required: boolean;
  schema: JsonSchema;
}

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RouteSpec {
  method: Method;
  /** As the API document writes it: `/api/wishes/{id}`. */
  path: string;
  params: Parameter[];
  query: Parameter[];
  headers: Parameter[];
  /** The JSON body's schema, or null for a route that reads none (or reads a file). */
  body: JsonSchema | null;
}

interface OpenApiOperation {
  parameters?: { in: string; name: string; required?: boolean; schema?: JsonSchema }[];
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
}

const METHODS: readonly Method[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

/**
 * Every route the API document lists, with its parameters and body. The document leaves out what is
 * hidden from it: `/api/openapi.json` and the Swagger UI under `/api/docs` (no input but the path),
 * and the HEAD twin Fastify adds to every GET.
 */
export function routesOf(app: FastifyInstance): RouteSpec[] {
  const doc = app.swagger() as unknown as { paths: Record<string, Partial<Record<Lowercase<Method>, OpenApiOperation>>> };
  const routes: RouteSpec[] = [];
  for (const [path, operations] of Object.entries(doc.paths)) {
    for (const method of METHODS) {
      const op = operations[method.toLowerCase() as Lowercase<Method>];
      if (!op) continue;
      const where = (place: string): Parameter[] =>
        (op.parameters ?? []).filter((p) => p.in === place).map((p) => ({ name: p.name, required: p.required === true, schema: p.schema ?? {} }));
      routes.push({
        method,
        path,
        params: where('path'),
        query: where('query'),
        headers: where('header'),
        body: op.requestBody?.content?.['application/json']?.schema ?? null,
      });
    }
  }
  return routes;
}

export const routeKey = (route: { method: string; path: string }) => `${route.method} ${route.path}`;

/** The kinds of ids a request can name. */
export const ID_KINDS = [
  'org',
  'community',
  'unit',
  'user',
  'wish',
  'post',
  'record',
  'report',
  'grid',
  'notification',
  'upload',
  'household',
  'pairing',
] as const;
export type IdKind = (typeof ID_KINDS)[number];

export type FileName = 'jpeg' | 'png' | 'webp' | 'xlsx';

/** What the generator knows of the app it fuzzes: set up by the test before the first request. */
export interface World {
  /** Ids that exist, by kind; what the fuzz creates is added (`remember`). */
  ids: Record<IdKind, string[]>;
  /** Phone numbers of accounts that exist. */
  phones: readonly string[];
  /** Values known to be right for a field, by the field's name (a password, a certificate code);
   *  the cursors lists answer are added (`remember`). */
  known: Record<string, string[]>;
  /** Who may call, by a name the test turns into an Authorization header: accounts of the app
   *  (most clean requests come from them) and strangers (no token, a bad one). */
  callers: readonly string[];
  strangers: readonly string[];
  /** Files a client may upload: real images, and rosters (XLSX) with hostile cells. */
  files: Readonly<Record<FileName, readonly Buffer[]>>;
  /** Which file a route with a file field takes, by route key (`POST /api/uploads`). */
  fileRoutes: Readonly<Record<string, 'image' | 'roster'>>;
  now: Date;
}

/** A request as generated: printable, so that a counterexample reads as what was sent. */
export interface FuzzRequest {
  /** The caller's name in `World.callers`. */
  as: string;
  method: Method | 'HEAD' | 'OPTIONS';
  url: string;
  headers: Record<string, string>;
  body?: string | MultipartForm | { oversize: number };
}

export interface MultipartForm {
  /** The boundary as the Content-Type header names it: right, missing or another one. */
  boundary: 'ok' | 'missing' | 'wrong';
  /** Whether the body stops before its closing delimiter. */
  cut: boolean;
  parts: FormPart[];
}

export interface FormPart {
  name: string;
  filename?: string;
  contentType?: string;
  content: string | FileContent;
}

/** One of `World.files`, maybe cut short or with a byte changed. */
export interface FileContent {
  file: FileName;
  index: number;
  cutAt?: number;
  flip?: number;
}

/** fc.oneof that shrinks towards its first choice, the plainest, so that counterexamples come out small. */
function oneof<T>(...arbitraries: (fc.Arbitrary<T> | fc.WeightedArbitrary<T>)[]): fc.Arbitrary<T> {
  return fc.oneof({ withCrossShrink: true }, ...arbitraries);
}

// ---------------------------------------------------------------------------------------------
// Hostile values

/** Text PostgreSQL cannot keep: NUL, and lone surrogates (not Unicode; jsonb refuses them, and
 *  PGlite refuses them in any text column). */
export const UNSTORABLE_FRAGMENTS: readonly string[] = ['\u0000', 'a\u0000b', '\ud800', '\udbff', '\udc00', '\udfff', '\ud800x', 'x\udc00', '\udc00\ud800'];

/** Other pieces of text spliced into accepted strings. */
export const HOSTILE_FRAGMENTS: readonly string[] = [
  // Control characters, line and paragraph separators.
  '\u0001',
  '\u0007',
  '\b',
  '\u001b[2J',
  '\u007f',
  '\u0085',
  '\r\n',
  '\t',
  '\v',
  '\f',
  '\u2028',
  '\u2029',
  // Direction marks and invisible characters.
  '\u202e',
  '\u200f',
  '\u200e',
  '\u2066',
  '\u061c',
  '\u200b',
  '\u200d',
  '\ufeff',
  '\u3000',
  '\u00a0',
  // Non-characters and the edges of Unicode.
  '\ufffe',
  '\uffff',
  '\ufffd',
  '\u{10ffff}',
  '\u{e0001}',
  '\u{20000}',
  // Emoji and combining marks.
  '😀',
  '👨‍👩‍👧‍👦',
  '🇨🇳',
  '🏳️‍🌈',
  'e\u0301',
  'Z̤͔ͧ̑̓ä͖̭̈̇',
  // SQL, templates, paths, formats.
  "' OR '1'='1",
  "'; DROP TABLE users; --",
  '"',
  "'",
  '\\',
  '\\0',
  '\\u0000',
  '%',
  '_',
  '%00',
  '%s%s%n',
  '$1',
  '${7*7}',
  '{{7*7}}',
  '*/',
  '/*',
  'NULL',
  'null',
  'undefined',
  'NaN',
  '<script>alert(1)</script>',
  '../../etc/passwd',
  ' ',
];

/** Strings far longer than any field takes. */
const LONG_STRINGS: readonly string[] = ['a'.repeat(10_000), '龙'.repeat(10_000), '😀'.repeat(5_000), '\u0000'.repeat(10_000), ' '.repeat(10_000)];

const EDGE_NUMBERS: readonly number[] = [0, -0, -1, 1, 2 ** 31 - 1, 2 ** 31, 2 ** 32, 2 ** 53 - 1, 2 ** 53, 2 ** 63, -(2 ** 53), 1.5, 1e-7, 1e308, Number.MIN_VALUE];

/** What a number looks like when it arrives as text (a query parameter, a wrong JSON type). */
const NUMBER_TEXTS: readonly string[] = [
  'NaN',
  'Infinity',
  '-Infinity',
  '1e3',
  '1e400',
  '0x10',
  '0b1',
  '1_000',
  ' 1',
  '1 ',
  '+1',
  '-0',
  '00',
  '01',
  '1.0',
  '1.5',
  '',
  '9'.repeat(30),
  '٣',
  '１',
];

const WRONG_TYPES: readonly unknown[] = [null, true, false, 0, 1, -1, 1.5, '', 'x', '1', [], [null], ['x'], {}, { a: 1 }];

/** Ids that name nothing: numbers past any table, past bigint, and text that merely looks like an id. */
const MISSING_IDS: readonly string[] = [
  '0',
  '999999999',
  '2147483647',
  '2147483648',
  '9223372036854775807',
  '9223372036854775808',
  '99999999999999999999',
  'abc',
  '-1',
  '1e3',
  '01',
  '0x1A',
  '_',
  '-',
  '1-1',
  'A'.repeat(32),
];

/** Escapes written into a URL as they are: malformed, overlong, NUL, a lone surrogate, traversal. */
const RAW_ESCAPES: readonly string[] = [
  '%ZZ',
  '%',
  '%%',
  '%0',
  '%00',
  '%C0%80',
  '%C0%AF',
  '%ED%A0%80',
  '%ED%B0%80',
  '%FF',
  '%E4%B8',
  '..%2F..%2F',
  '%2e%2e',
  '%2F',
  '%5C',
  '%20',
  '%0A',
  '%0D%0A',
  '%23',
  '%3F',
  '%26',
  '+',
  ';',
  '%u0000',
  '%25%30%30',
];

/** Bodies that are not the JSON they claim to be, or JSON of the wrong shape. */
const RAW_BODIES: readonly string[] = [
  '',
  '{',
  '}',
  '{"a":',
  '[1,',
  'nul',
  'undefined',
  "{'a':1}",
  '{"a":1,}',
  '{"a":NaN}',
  '{"a":1e999}',
  '"\\ud800"',
  '"\\u0000"',
  '{"__proto__":{"isAdmin":true}}',
  '{"constructor":{"prototype":{"isAdmin":true}}}',
  '[]',
  'null',
  '0',
  'true',
  '"x"',
  '\u0000',
  '\ufeff{}',
  '{"a":"\\x00"}',
  '['.repeat(5_000) + ']'.repeat(5_000),
  '{"a":'.repeat(2_000) + '1' + '}'.repeat(2_000),
];

const CONTENT_TYPES: readonly string[] = [
  'application/json',
  'application/json; charset=utf-8',
  'APPLICATION/JSON',
  'application/json; charset=latin1',
  'application/json; charset=utf-16',
  'application/json;;',
  'text/plain',
  'text/plain; charset=utf-8',
  'application/x-www-form-urlencoded',
  'application/xml',
  'multipart/form-data',
  'multipart/form-data; boundary=x',
  'application/vnd.api+json',
  'application/octet-stream',
  '*/*',
  'json',
];

const WORDS: readonly string[] = ['帮忙', '修理', '水龙头', '社区', '志愿服务', '老人', '陪同就医', '阳光花园', '3栋502室', 'hello', 'test', '123', ' ', '，', '。', 'A', 'Ω', 'é'];

// ---------------------------------------------------------------------------------------------
// Text

/**
 * Text as a URL carries it: UTF-8, percent-encoded. A lone surrogate has no UTF-8: a URL encoder
 * writes U+FFFD for it (`replace`), a careless one the three bytes of CESU-8 (`cesu`), which are
 * not UTF-8 and which the server must refuse in its own words.
 */
function encodeComponent(text: string, loneSurrogates: 'replace' | 'cesu' = 'replace'): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    let bytes: number[];
    if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes = [...Buffer.from(text.slice(i, i + 2), 'utf8')];
      i += 1;
    } else if (unit >= 0xd800 && unit <= 0xdfff) {
      bytes = loneSurrogates === 'cesu' ? [0xe0 | (unit >> 12), 0x80 | ((unit >> 6) & 0x3f), 0x80 | (unit & 0x3f)] : [0xef, 0xbf, 0xbd];
    } else if (/[A-Za-z0-9\-._~]/.test(text[i]!)) {
      out += text[i];
      continue;
    } else {
      bytes = [...Buffer.from(text[i]!, 'utf8')];
    }
    out += bytes.map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join('');
  }
  return out;
}

/** `head + fragment + tail`, fitted to `min..max` UTF-16 units (zod's measure) by trimming the
 *  tail, then the head, then padding; the fragment is kept whole when it fits. */
function splice(head: string, fragment: string, tail: string, min: number, max: number): string {
  let h = head;
  let t = tail;
  const over = () => h.length + fragment.length + t.length - max;
  if (over() > 0) t = t.slice(0, Math.max(0, t.length - over()));
  if (over() > 0) h = h.slice(0, Math.max(0, h.length - over()));
  let s = h + fragment + t;
  if (s.length > max) s = s.slice(0, max);
  while (s.length < min) s += '好';
  return s;
}

const words = fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 8 }).map((ws) => ws.join(''));
/** One piece of hostile text, unstorable one time in three (the kind that breaks a database). */
const hostileFragment = oneof({ weight: 1, arbitrary: fc.constantFrom(...UNSTORABLE_FRAGMENTS) }, { weight: 2, arbitrary: fc.constantFrom(...HOSTILE_FRAGMENTS) });
const ANY_FRAGMENT: readonly string[] = [...UNSTORABLE_FRAGMENTS, ...HOSTILE_FRAGMENTS];

/** Text a field of `min..max` accepts: plain, with hostile pieces spliced in, any code points, or
 *  as long as it may be in characters of one, three and four bytes. */
function textOf(min: number, max: number): fc.Arbitrary<string> {
  const plain = words.map((w) => splice(w, '', '', min, max));
  const hostile = fc.tuple(words, fc.array(hostileFragment, { minLength: 1, maxLength: 3 }), words).map(([h, f, t]) => splice(h, f.join(''), t, min, max));
  const anyUnicode = fc.string({ unit: 'binary', minLength: min, maxLength: Math.min(max, 40) });
  const longest = fc.constantFrom('a', '龙', '😀').map((c) => splice(c.repeat(Math.floor(max / c.length)), '', '', min, max));
  return oneof({ weight: 4, arbitrary: plain }, { weight: 4, arbitrary: hostile }, { weight: 1, arbitrary: anyUnicode }, { weight: 1, arbitrary: longest });
}

/** A value with a hostile piece added, still within `max` when it can be. */
const withFragment = (value: fc.Arbitrary<string>, max = Infinity) =>
  fc.tuple(value, hostileFragment, fc.boolean()).map(([v, f, before]) => {
    const s = before ? f + v : v + f;
    return s.length <= max ? s : s.slice(0, max);
  });

// ---------------------------------------------------------------------------------------------
// Times

const pad = (n: number, width = 2) => String(Math.abs(n)).padStart(width, '0');

/** An instant in ISO 8601 with a given offset (minutes east) and fraction. */
function isoAt(ms: number, offsetMinutes: number, fraction: string): string {
  const d = new Date(ms + offsetMinutes * 60_000);
  const zone = offsetMinutes === 0 ? 'Z' : `${offsetMinutes > 0 ? '+' : '-'}${pad(Math.floor(Math.abs(offsetMinutes) / 60))}:${pad(Math.abs(offsetMinutes) % 60)}`;
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}${fraction}${zone}`;
}

const offsets = fc.constantFrom(0, 0, 480, -300, 840, -720, 345);
const fractions = fc.constantFrom('', '', '.000', '.5', '.123456', '.12345678901234567890');

/** Instants the calendar and the database find odd: year 0, before 1900, the epoch, year 9999. */
const EDGE_INSTANTS: readonly number[] = [
  '0000-01-01T01:00:00Z',
  '0001-01-01T01:00:00Z',
  '1000-06-15T12:00:00Z',
  '1899-12-31T20:00:00Z',
  '1969-12-31T23:00:00Z',
  '1970-01-01T00:00:00Z',
  '2024-02-29T12:00:00Z',
  '9999-12-31T12:00:00Z',
].map((s) => Date.parse(s));

/** A start (mostly in the last two months) and an end a session later (mostly 30 minutes to 8 hours). */
function sessionOf(now: Date, clean: boolean): fc.Arbitrary<[string, string]> {
  const MINUTE = 60_000;
  const recent = fc.integer({ min: 9 * 60, max: 60 * 24 * 60 }).map((m) => now.getTime() - m * MINUTE);
  const start = oneof({ weight: clean ? 12 : 3, arbitrary: recent }, { weight: 1, arbitrary: fc.constantFrom(...EDGE_INSTANTS, now.getTime() + 86_400_000) });
  const sensible = fc.integer({ min: 1, max: 16 }).map((k) => k * 30);
  const odd = fc.constantFrom(0, -30, 29, 45, 481, 24 * 60, 1);
  const minutes = oneof({ weight: clean ? 10 : 2, arbitrary: sensible }, { weight: 1, arbitrary: odd });
  return fc.tuple(start, minutes, offsets, offsets, fractions).map(([s, m, o1, o2, f]) => [isoAt(s, o1, f), isoAt(s + m * MINUTE, o2, '')]);
}

const singleInstant = (now: Date) => sessionOf(now, true).map(([start]) => start);

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
/** Dates the pattern YYYY-MM-DD lets through though no calendar has them. */
const ODD_DATES = ['0000-01-01', '9999-12-31', '2025-02-30', '2025-13-01', '2025-00-00', '2024-02-29', '1900-02-29', '2026-04-31'];

/** A first and last day, mostly in order, around now. */
function periodOf(now: Date, clean: boolean): fc.Arbitrary<[string, string]> {
  const DAY = 86_400_000;
  const sensible = fc.tuple(fc.integer({ min: -400, max: 400 }), fc.integer({ min: 0, max: 365 })).map(([from, span]): [string, string] => {
    const start = now.getTime() + from * DAY;
    return [day(start), day(start + span * DAY)];
  });
  const odd = fc.tuple(fc.constantFrom(...ODD_DATES), fc.constantFrom(...ODD_DATES));
  return oneof({ weight: clean ? 8 : 2, arbitrary: sensible }, { weight: 1, arbitrary: odd });
}

/** Months `from`..`to`, mostly in order and at most two years apart. */
function monthsOf(now: Date, clean: boolean): fc.Arbitrary<[string, string]> {
  const month = (k: number) => {
    const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + k, 1));
    return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}`;
  };
  const sensible = fc.tuple(fc.integer({ min: -36, max: 3 }), fc.integer({ min: 0, max: 30 })).map(([k, span]): [string, string] => [month(k), month(k + span)]);
  const odd = fc.tuple(fc.constantFrom('0000-01', '0001-01', '1970-01', '9999-12'), fc.constantFrom('0000-12', '2000-01', '9999-12'));
  return oneof({ weight: clean ? 8 : 2, arbitrary: sensible }, { weight: 1, arbitrary: odd });
}

/** Fields generated together, so that a pair a refinement compares (end after start) mostly agrees. */
const PAIRS: readonly { first: string; second: string; of: (now: Date, clean: boolean) => fc.Arbitrary<[string, string]> }[] = [
  { first: 'startedAt', second: 'endedAt', of: sessionOf },
  { first: 'startsOn', second: 'endsOn', of: periodOf },
  { first: 'from', second: 'to', of: monthsOf },
];

/** Fields of which a refinement wants exactly one (shared's `hasOneScope`: a node or a unit). */
const EXACTLY_ONE: readonly (readonly [string, string])[] = [['orgId', 'unitId']];

// ---------------------------------------------------------------------------------------------
// Values from schemas

/** Clean: every value one its schema accepts (hostile text included where the schema lets it in).
 *  Messy: values, bodies and URLs the route should refuse. */
export type Mode = 'clean' | 'messy';

const ID_PATTERN = '^[A-Za-z0-9_-]+$';
const PHONE_PATTERN = '^1[3-9]\\d{9}$';
const DATE_PATTERN = '^\\d{4}-\\d{2}-\\d{2}$';
const MONTH_PATTERN = '^\\d{4}-(0[1-9]|1[0-2])$';

/** Which ids a field names, by its name. */
function kindOfField(name: string): IdKind | null {
  if (/^(home|paired)?communityIds?$/i.test(name)) return 'community';
  if (name === 'orgId' || name === 'parentId') return 'org';
  if (name === 'unitId') return 'unit';
  if (name === 'memberId') return 'user';
  if (name === 'photoIds') return 'upload';
  return null;
}

/** Which ids a path parameter names, by the segment before it (`/wishes/{id}` names a wish). */
const SEGMENT_KINDS: Record<string, IdKind> = {
  orgs: 'org',
  communities: 'community',
  units: 'unit',
  reports: 'report',
  grid: 'grid',
  notifications: 'notification',
  uploads: 'upload',
  wishes: 'wish',
  posts: 'post',
  records: 'record',
  households: 'household',
  pairings: 'pairing',
  holders: 'user',
  members: 'user',
};

function idsOf(world: World, kind: IdKind | null): fc.Arbitrary<string> {
  const pool = kind ? world.ids[kind] : ID_KINDS.flatMap((k) => world.ids[k]);
  const missing = fc.constantFrom(...MISSING_IDS);
  return pool.length === 0 ? missing : oneof({ weight: 8, arbitrary: fc.constantFrom(...pool) }, { weight: 2, arbitrary: missing });
}

const typesOf = (schema: JsonSchema): string[] => (Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : []);

class Values {
  constructor(
    private readonly world: World,
    private readonly mode: Mode,
  ) {}

  /** A value for `schema`; messy mode sometimes swaps it for one off the schema or of another type. */
  of(schema: JsonSchema, name: string): fc.Arbitrary<unknown> {
    const natural = this.natural(schema, name);
    if (this.mode === 'clean') return natural;
    return oneof({ weight: 12, arbitrary: natural }, { weight: 2, arbitrary: this.offSchema(schema) }, { weight: 1, arbitrary: fc.constantFrom(...WRONG_TYPES) });
  }

  private natural(schema: JsonSchema, name: string): fc.Arbitrary<unknown> {
    const branches = schema.anyOf ?? schema.oneOf;
    if (branches) return oneof(...branches.map((b) => this.of(b, name)));
    if (schema.allOf?.[0]) return this.natural(schema.allOf[0], name);
    const types = typesOf(schema);
    if (schema.nullable || types.includes('null')) {
      const rest = { ...schema, nullable: false, type: types.filter((t) => t !== 'null') };
      return oneof({ weight: 4, arbitrary: this.natural(rest, name) }, { weight: 1, arbitrary: fc.constant(null) });
    }
    if (schema.const !== undefined) return fc.constant(schema.const);
    if (schema.enum) return fc.constantFrom(...schema.enum);
    switch (types[0]) {
      case 'string':
        return this.string(schema, name);
      case 'integer':
      case 'number':
        return this.number(schema);
      case 'boolean':
        return fc.boolean();
      case 'array':
        return fc.array(this.of(schema.items ?? {}, name), { minLength: schema.minItems ?? 0, maxLength: Math.min(schema.maxItems ?? 6, 6) });
      case 'object':
        return this.object(schema);
      default:
        return fc.jsonValue({ maxDepth: 2 });
    }
  }

  private string(schema: JsonSchema, name: string): fc.Arbitrary<string> {
    const min = schema.minLength ?? 0;
    const max = schema.maxLength ?? 200;
    const known = this.world.known[name];
    const generic = this.unknownString(schema, name, min, max);
    return known?.length ? oneof({ weight: 2, arbitrary: fc.constantFrom(...known) }, { weight: 1, arbitrary: generic }) : generic;
  }

  private unknownString(schema: JsonSchema, name: string, min: number, max: number): fc.Arbitrary<string> {
    const clean = this.mode === 'clean';
    if (schema.pattern === ID_PATTERN) return idsOf(this.world, kindOfField(name));
    if (schema.pattern === PHONE_PATTERN) {
      const fresh = fc.integer({ min: 0, max: 99_999_999 }).map((n) => `137${String(n).padStart(8, '0')}`);
      return oneof({ weight: 3, arbitrary: fc.constantFrom(...this.world.phones) }, { weight: 2, arbitrary: fresh });
    }
    if (schema.format === 'date-time') return singleInstant(this.world.now);
    if (schema.pattern === DATE_PATTERN) return periodOf(this.world.now, clean).map(([d]) => d);
    if (schema.pattern === MONTH_PATTERN) return monthsOf(this.world.now, clean).map(([m]) => m);
    if (schema.pattern) return fc.stringMatching(new RegExp(schema.pattern)).filter((s) => s.length >= min && s.length <= max);
    // A string without a pattern that still names something (points' communityId): ids, with
    // hostile text now and then, which its schema lets through.
    const kind = kindOfField(name);
    if (kind) return oneof({ weight: 4, arbitrary: idsOf(this.world, kind) }, { weight: 1, arbitrary: withFragment(idsOf(this.world, kind), max) });
    return textOf(min, max);
  }

  private number(schema: JsonSchema): fc.Arbitrary<number> {
    const min = schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1 : -1_000_000);
    const max = schema.maximum ?? (schema.exclusiveMaximum !== undefined ? schema.exclusiveMaximum - 1 : 1_000_000);
    return schema.type === 'integer' ? fc.integer({ min, max }) : fc.double({ min, max, noNaN: true });
  }

  private object(schema: JsonSchema): fc.Arbitrary<Record<string, unknown>> {
    const properties = { ...(schema.properties ?? {}) };
    const required = new Set(schema.required ?? []);
    const pairs = PAIRS.filter((p) => p.first in properties && p.second in properties);
    for (const p of pairs) {
      delete properties[p.first];
      delete properties[p.second];
    }
    // In clean mode, of two fields exactly one is wanted: both made, then one dropped (mostly).
    const alternatives = this.mode === 'clean' ? EXACTLY_ONE.filter(([a, b]) => a in properties && b in properties && !required.has(a) && !required.has(b)) : [];
    const keys = Object.keys(properties);
    const made = new Set([...required, ...alternatives.flat()]);
    const record = fc.record(Object.fromEntries(keys.map((k) => [k, this.of(properties[k]!, k)])), {
      requiredKeys: keys.filter((k) => made.has(k)),
    }) as fc.Arbitrary<Record<string, unknown>>;
    const chosen = fc.tuple(record, fc.array(fc.integer({ min: 0, max: 9 }), { minLength: alternatives.length, maxLength: alternatives.length })).map(([r, picks]) => {
      const out = { ...r };
      alternatives.forEach(([a, b], i) => {
        if (picks[i]! < 5) delete out[b];
        else if (picks[i]! < 9) delete out[a];
      });
      return out;
    });
    // Each pair, generated together; an optional member present half of the time.
    const paired = pairs.map((p) =>
      fc.tuple(p.of(this.world.now, this.mode === 'clean'), fc.boolean(), fc.boolean()).map(([[a, b], keepA, keepB]) => ({
        ...(required.has(p.first) || keepA ? { [p.first]: a } : {}),
        ...(required.has(p.second) || keepB ? { [p.second]: b } : {}),
      })),
    );
    const whole = fc.tuple(chosen, ...paired).map(([r, ...ps]) => Object.assign({}, r, ...ps) as Record<string, unknown>);
    if (this.mode === 'clean') return whole;
    const drop = oneof({ weight: 6, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.constantFrom(null, ...required) });
    const extraKey = fc.constantFrom('id', 'userId', 'status', 'role', 'createdBy', 'constructor', 'toString', 'hasOwnProperty', '$where', '', '\u0000', '\ud800');
    const extra = oneof({ weight: 6, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.tuple(extraKey, oneof(fc.constantFrom(...WRONG_TYPES), textOf(0, 20))) });
    return fc.tuple(whole, drop, extra).map(([o, d, e]) => {
      const out = { ...o };
      if (d !== null) delete out[d];
      if (e !== null) Object.defineProperty(out, e[0], { value: e[1], enumerable: true, writable: true, configurable: true });
      return out;
    });
  }

  /** A value its schema refuses: too long or short, out of range, not in the enum, hostile. */
  offSchema(schema: JsonSchema): fc.Arbitrary<unknown> {
    const types = typesOf(schema);
    const hostile = oneof(fc.constantFrom(...ANY_FRAGMENT), fc.constantFrom(...LONG_STRINGS), fc.string({ unit: 'binary', maxLength: 30 }));
    if (schema.enum) return oneof(hostile, fc.constantFrom(...schema.enum.map((e) => `${String(e)}\u0000`), ...schema.enum.map((e) => String(e).toUpperCase()), ''));
    if (types.includes('integer') || types.includes('number')) {
      const bounds = [schema.minimum, schema.maximum].filter((n): n is number => n !== undefined).flatMap((n) => [n - 1, n + 1, n + 0.5]);
      return oneof<unknown>(fc.constantFrom(...EDGE_NUMBERS, ...bounds), fc.constantFrom(...NUMBER_TEXTS));
    }
    if (types.includes('string')) {
      const lengths = [schema.maxLength !== undefined ? 'x'.repeat(schema.maxLength + 1) : 'x', '', ' ', '\u3000'];
      return oneof(hostile, fc.constantFrom(...lengths));
    }
    if (types.includes('array')) {
      return oneof(fc.array(fc.constantFrom(...WRONG_TYPES), { maxLength: 3 }), fc.constant(Array.from({ length: (schema.maxItems ?? 10) + 1 }, (_, i) => String(i + 1))));
    }
    return fc.constantFrom(...WRONG_TYPES);
  }
}

// ---------------------------------------------------------------------------------------------
// URLs

/** A path parameter: an id that exists (of the kind the path names) or not, hostile text now and
 *  then (the schemas take any text of up to 32 characters), and in messy mode broken escapes. */
function pathValue(route: RouteSpec, param: Parameter, world: World, mode: Mode): fc.Arbitrary<string> {
  const values = new Values(world, mode);
  let natural: fc.Arbitrary<string>;
  if (param.schema.enum) {
    natural = fc.constantFrom(...param.schema.enum.map(String));
  } else {
    const segments = route.path.split('/');
    const at = segments.findIndex((s) => s.includes(`{${param.name}}`));
    const ids = idsOf(world, SEGMENT_KINDS[segments[at - 1] ?? ''] ?? null);
    natural = oneof({ weight: 10, arbitrary: ids }, { weight: 2, arbitrary: withFragment(ids, param.schema.maxLength) });
  }
  if (mode === 'clean') return natural.map((v) => encodeComponent(v));
  const encoded = natural.map((v) => encodeComponent(v, 'cesu'));
  const broken = fc.tuple(natural, fc.constantFrom(...RAW_ESCAPES), fc.boolean()).map(([v, e, before]) => (before ? e + encodeComponent(v) : encodeComponent(v) + e));
  const off = values.offSchema(param.schema).map((v) => encodeComponent(String(v), 'cesu'));
  return oneof({ weight: 4, arbitrary: encoded }, { weight: 2, arbitrary: broken }, { weight: 1, arbitrary: off }, { weight: 1, arbitrary: fc.constantFrom('', '.', '..', '%2e', '~') });
}

/** A value as query text; an array is the key repeated. */
const asQueryValues = (value: unknown): string[] =>
  Array.isArray(value) ? value.map((v) => (typeof v === 'string' ? v : JSON.stringify(v) ?? '')) : [typeof value === 'string' ? value : JSON.stringify(value) ?? ''];

function queryOf(route: RouteSpec, world: World, mode: Mode): fc.Arbitrary<string> {
  const values = new Values(world, mode);
  // The pairs of parameters a refinement compares (from/to) generated together, as in a body.
  const schema: JsonSchema = {
    type: 'object',
    properties: Object.fromEntries(route.query.map((p) => [p.name, p.schema])),
    required: route.query.filter((p) => p.required).map((p) => p.name),
  };
  const pairs = encodePairs(values.of(schema, 'query'), mode === 'clean' ? 'replace' : 'cesu');
  if (mode === 'clean') return pairs.map((ps) => ps.join('&'));
  const extra = oneof(
    fc.constantFrom('foo=bar', '__proto__=x', 'constructor[prototype][x]=1', 'limit', 'limit=', '=', '&&', 'a[]=1&a[]=2'),
    fc.tuple(fc.constantFrom(...route.query.map((p) => p.name), 'x'), fc.constantFrom(...RAW_ESCAPES, ...NUMBER_TEXTS.map((n) => encodeComponent(n)))).map(([k, v]) => `${k}=${v}`),
    fc.tuple(fc.constantFrom(...route.query.map((p) => p.name), 'x'), fc.constantFrom(...ANY_FRAGMENT, ...LONG_STRINGS)).map(([k, v]) => `${k}=${encodeComponent(v, 'cesu')}`),
  );
  return fc.tuple(pairs, fc.array(extra, { maxLength: 2 })).map(([ps, ex]) => [...ps, ...ex].join('&'));
}

function encodePairs(value: fc.Arbitrary<unknown>, loneSurrogates: 'replace' | 'cesu'): fc.Arbitrary<string[]> {
  const encode = (text: string) => encodeComponent(text, loneSurrogates);
  return value.map((v) => {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return [`q=${encode(String(v))}`];
    return Object.entries(v).flatMap(([k, inner]) => asQueryValues(inner).map((text) => `${encode(k)}=${encode(text)}`));
  });
}

function pathOf(route: RouteSpec, world: World, mode: Mode): fc.Arbitrary<string> {
  const params = fc.tuple(...route.params.map((p) => pathValue(route, p, world, mode).map((v) => [p.name, v] as const)));
  return params.map((ps) => ps.reduce((acc, [name, v]) => acc.replace(`{${name}}`, v), route.path));
}

// ---------------------------------------------------------------------------------------------
// Headers and bodies

function headersOf(route: RouteSpec, mode: Mode): fc.Arbitrary<Record<string, string>> {
  const entries = route.headers.map((h) => {
    const clean = oneof(fc.constantFrom('fuzz-key-1', 'fuzz-key-2'), fc.stringMatching(/^[A-Za-z0-9-]{1,100}$/));
    const messy = fc.constantFrom('', 'x'.repeat(101), '\u00ff\u00fe', ' spaced ', 'k\tk', '%00');
    const value = mode === 'clean' ? clean : oneof(clean, messy);
    return fc.option(value, { nil: undefined }).map((v) => [h.name, v] as const);
  });
  return fc.tuple(...entries).map((es) => Object.fromEntries(es.filter((e): e is readonly [string, string] => e[1] !== undefined)));
}

interface Body {
  body?: FuzzRequest['body'];
  headers: Record<string, string>;
}

const json = (body: string, contentType = 'application/json'): Body => ({ body, headers: { 'content-type': contentType } });

/** What else a client may send where JSON (or nothing) is expected. */
function junkBody(): fc.Arbitrary<Body> {
  return oneof(
    fc.tuple(fc.constantFrom(...RAW_BODIES), fc.constantFrom(...CONTENT_TYPES)).map(([b, ct]) => json(b, ct)),
    fc.constantFrom(...RAW_BODIES).map((b) => json(b)),
    fc.constant<Body>({ body: '{"a":1}', headers: {} }),
    fc.constant<Body>({ body: { oversize: 1_100_000 }, headers: { 'content-type': 'application/json' } }),
  );
}

function jsonBody(schema: JsonSchema, world: World, mode: Mode): fc.Arbitrary<Body> {
  const value = new Values(world, mode).of(schema, 'body').map((v) => JSON.stringify(v) ?? 'null');
  if (mode === 'clean') return value.map((b) => json(b));
  return oneof(
    { weight: 6, arbitrary: value.map((b) => json(b)) },
    { weight: 2, arbitrary: fc.tuple(value, fc.constantFrom(...CONTENT_TYPES)).map(([b, ct]) => json(b, ct)) },
    { weight: 1, arbitrary: value.map((b): Body => ({ body: b, headers: {} })) },
    { weight: 2, arbitrary: junkBody() },
    { weight: 1, arbitrary: fc.constant<Body>({ headers: {} }) },
  );
}

/** A roster as CSV: a header (right or not) and rows whose cells carry hostile text. */
function csvOf(world: World): fc.Arbitrary<string> {
  const header = fc.constantFrom('name,phone,branch', '姓名,手机号,支部', 'phone,name', '\ufeffname,phone,branch', 'x', '');
  const cell = oneof(textOf(1, 30), fc.constantFrom(...world.phones), fc.constantFrom(...LONG_STRINGS.slice(0, 2)));
  const quoted = fc.tuple(cell, fc.boolean()).map(([c, q]) => (q ? `"${c.replace(/"/g, '""')}"` : c));
  const phone = oneof(fc.constantFrom(...world.phones), fc.integer({ min: 0, max: 99_999_999 }).map((n) => `137${String(n).padStart(8, '0')}`), quoted);
  const row = fc.tuple(quoted, phone, quoted).map((cells) => cells.join(','));
  return fc.tuple(header, fc.array(row, { maxLength: 5 }), fc.constantFrom('\n', '\r\n')).map(([h, rows, eol]) => [h, ...rows].join(eol));
}

function fileOf(world: World, accepts: 'image' | 'roster'): fc.Arbitrary<string | FileContent> {
  const file = (name: FileName) => {
    const count = world.files[name].length;
    return fc.record(
      { file: fc.constant(name), index: fc.nat({ max: Math.max(0, count - 1) }), cutAt: fc.nat({ max: 400 }), flip: fc.nat({ max: 400 }) },
      { requiredKeys: ['file', 'index'] },
    );
  };
  const images = oneof(file('jpeg'), file('png'), file('webp'));
  const rosters = oneof<string | FileContent>(csvOf(world), file('xlsx'));
  const other = oneof(fc.constantFrom('', 'PK\u0003\u0004garbage', '\u00ff\u00d8\u00ffnot a jpeg', 'RIFF\u0000\u0000\u0000\u0000WEBPVP8 '), textOf(0, 50));
  return accepts === 'image'
    ? oneof<string | FileContent>({ weight: 6, arbitrary: images }, { weight: 1, arbitrary: rosters }, { weight: 2, arbitrary: other })
    : oneof<string | FileContent>({ weight: 6, arbitrary: rosters }, { weight: 1, arbitrary: images }, { weight: 2, arbitrary: other });
}

function fileBody(world: World, accepts: 'image' | 'roster', mode: Mode): fc.Arbitrary<Body> {
  const filename = oneof(fc.constantFrom('photo.jpg', 'roster.csv', '名册.xlsx', 'a'), withFragment(fc.constant('f.jpg')));
  const contentType = fc.constantFrom('image/jpeg', 'image/png', 'text/csv', 'application/octet-stream', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  const filePart = (name: fc.Arbitrary<string>) =>
    fc.record({ name, filename, contentType, content: fileOf(world, accepts) }, { requiredKeys: ['name', 'content'] });
  const form = (parts: fc.Arbitrary<FormPart[]>, boundary: fc.Arbitrary<MultipartForm['boundary']>, cut: fc.Arbitrary<boolean>) =>
    fc.record({ boundary, cut, parts }).map((f): Body => ({ body: f, headers: {} }));
  const clean = form(filePart(fc.constant('file')).map((p) => [p]), fc.constant('ok'), fc.constant(false));
  if (mode === 'clean') return clean;
  const field = fc.record({ name: fc.constantFrom('note', 'file', ''), content: textOf(0, 30) });
  const parts = fc.array(oneof(filePart(fc.constantFrom('file', 'photo', '', 'file\u0000')), field), { maxLength: 3 });
  return oneof(
    { weight: 4, arbitrary: form(parts, fc.constantFrom('ok', 'ok', 'missing', 'wrong'), fc.boolean()) },
    { weight: 1, arbitrary: junkBody() },
    { weight: 1, arbitrary: fc.constant<Body>({ headers: {} }) },
  );
}

function bodyOf(route: RouteSpec, world: World, mode: Mode): fc.Arbitrary<Body> {
  const accepts = world.fileRoutes[routeKey(route)];
  if (accepts) return fileBody(world, accepts, mode);
  if (route.body) return jsonBody(route.body, world, mode);
  if (mode === 'clean') return fc.constant({ headers: {} });
  return oneof({ weight: 2, arbitrary: fc.constant<Body>({ headers: {} }) }, { weight: 1, arbitrary: junkBody() }, { weight: 1, arbitrary: fc.constant(json('{}')) });
}

/** Who calls and on what: the caller's name and the request's path. */
export interface Target {
  as: string;
  path: string;
}

/**
 * Requests for one route, clean or messy (see Mode), as any of the world's callers. `focus` are
 * targets known to get past authorization (a caller with an object it may act on): most requests
 * then go to one of them, with a new query and body.
 */
export function requestsFor(route: RouteSpec, world: World, mode: Mode, focus: readonly Target[] = []): fc.Arbitrary<FuzzRequest> {
  const caller = oneof(
    { weight: mode === 'clean' ? 12 : 2, arbitrary: fc.constantFrom(...world.callers) },
    { weight: 1, arbitrary: fc.constantFrom(...world.strangers) },
  );
  const anyTarget = fc.record({ as: caller, path: pathOf(route, world, mode) });
  const target = focus.length > 0 ? oneof({ weight: 3, arbitrary: fc.constantFrom(...focus) }, { weight: 1, arbitrary: anyTarget }) : anyTarget;
  const query = route.query.length > 0 || mode === 'messy' ? queryOf(route, world, mode) : fc.constant('');
  return fc.record({ target, query, headers: headersOf(route, mode), body: bodyOf(route, world, mode) }).map(
    (r): FuzzRequest => ({
      as: r.target.as,
      method: route.method,
      url: r.query ? `${r.target.path}?${r.query}` : r.target.path,
      headers: { ...r.headers, ...r.body.headers },
      ...(r.body.body !== undefined ? { body: r.body.body } : {}),
    }),
  );
}

/** Paths no route of the document has, or only half: the hidden ones, odd spellings, traversal. */
const ODD_PATHS: readonly string[] = [
  '/',
  '/api',
  '/api/',
  '/API/WISHES',
  '//api//wishes',
  '/api/wishes//1',
  '/api/docs',
  '/api/docs/',
  '/api/docs/json',
  '/api/docs/yaml',
  '/api/docs/static/index.html',
  '/api/docs/static/%ZZ',
  '/api/docs/static/..%2F..%2Fpackage.json',
  '/api/docs/static/%2e%2e/%2e%2e/package.json',
  '/api/openapi.json',
  '/api/openapi.json?x=%ZZ',
  '/api/%2e%2e/%2e%2e/etc/passwd',
  '/api/wishes%2F1',
  '/api/wishes?%ZZ',
  '/api/wishes/1#x',
  '/api/wishes/%',
  `/api/${'a'.repeat(5_000)}`,
  `/api/wishes?cursor=${'a'.repeat(10_000)}`,
];

/** Requests no route is for: a route's path with another method or more after it, and ODD_PATHS. */
export function strayRequests(routes: readonly RouteSpec[], world: World): fc.Arbitrary<FuzzRequest> {
  const method = fc.constantFrom<FuzzRequest['method']>('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS');
  const known = fc.constantFrom(...routes.map((r) => r.path.replace(/\{[^}]+\}/g, '1')));
  const tail = oneof(fc.constant(''), fc.constantFrom('/x', '/', '//', '/..', '/%2e%2e', '/%ZZ', '/%00', '.json', ';a=1'), textOf(1, 10).map((t) => `/${encodeComponent(t)}`));
  const path = oneof(fc.tuple(known, tail).map(([p, t]) => p + t), fc.constantFrom(...ODD_PATHS));
  const as = fc.constantFrom(...world.callers, ...world.strangers);
  const body = oneof(fc.constant<Body>({ headers: {} }), junkBody());
  return fc.record({ as, method, url: path, body }).map(
    (r): FuzzRequest => ({ as: r.as, method: r.method, url: r.url, headers: r.body.headers, ...(r.body.body !== undefined ? { body: r.body.body } : {}) }),
  );
}

/**
 * Adds what an answer names to what later requests send: the id of what a POST created (201), of
 * the kind its path ends with (`/api/wishes`, `/api/communities/{id}/grid`), and a list's cursor.
 */
export function remember(world: World, route: RouteSpec, status: number, body: unknown): void {
  if (status >= 300 || typeof body !== 'object' || body === null) return;
  const cursor = (body as { nextCursor?: unknown }).nextCursor;
  if (typeof cursor === 'string' && !world.known.cursor?.includes(cursor)) (world.known.cursor ??= []).push(cursor);
  if (route.method !== 'POST' || status !== 201) return;
  const id = (body as { id?: unknown }).id;
  const last = route.path.split('/').filter((s) => s && !s.startsWith('{')).pop() ?? '';
  const kind = last === 'pair' ? 'pairing' : SEGMENT_KINDS[last];
  if (typeof id === 'string' && kind && !world.ids[kind].includes(id)) world.ids[kind].push(id);
}

// ---------------------------------------------------------------------------------------------
// Sending

const BOUNDARY = 'huijia-fuzz-boundary';

function fileBytes(world: World, content: string | FileContent): Buffer {
  if (typeof content === 'string') return Buffer.from(content, 'utf8');
  const original = world.files[content.file][content.index] ?? Buffer.alloc(0);
  let bytes = Buffer.from(original);
  if (content.flip !== undefined && bytes.length > 0) {
    const at = content.flip % bytes.length;
    bytes[at] = bytes[at]! ^ 0xff;
  }
  if (content.cutAt !== undefined) bytes = bytes.subarray(0, content.cutAt);
  return bytes;
}

function multipartPayload(world: World, form: MultipartForm): { payload: Buffer; contentType: string } {
  const chunks: Buffer[] = [];
  for (const part of form.parts) {
    let head = `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${part.name}"`;
    if (part.filename !== undefined) head += `; filename="${part.filename}"`;
    head += '\r\n';
    if (part.contentType) head += `Content-Type: ${part.contentType}\r\n`;
    chunks.push(Buffer.from(`${head}\r\n`, 'utf8'), fileBytes(world, part.content), Buffer.from('\r\n'));
  }
  if (!form.cut) chunks.push(Buffer.from(`--${BOUNDARY}--\r\n`));
  const contentType = { ok: `multipart/form-data; boundary=${BOUNDARY}`, missing: 'multipart/form-data', wrong: 'multipart/form-data; boundary=another' }[form.boundary];
  return { payload: Buffer.concat(chunks), contentType };
}

/** The request as `app.inject` takes it, signed in by `auth` (the caller's headers). */
export function injectOptions(world: World, request: FuzzRequest, auth: Record<string, string>, remoteAddress: string): InjectOptions {
  const headers: Record<string, string> = { ...auth, ...request.headers };
  let payload: string | Buffer | undefined;
  const body = request.body;
  if (typeof body === 'string') payload = body;
  else if (body && 'oversize' in body) payload = `{"name":"${'x'.repeat(body.oversize)}"}`;
  else if (body) {
    const form = multipartPayload(world, body);
    payload = form.payload;
    headers['content-type'] = form.contentType;
  }
  return { method: request.method, url: request.url, headers, remoteAddress, ...(payload !== undefined ? { payload } : {}) };
}
