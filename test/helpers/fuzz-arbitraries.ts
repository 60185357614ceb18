import fc from 'fast-check';

/**
 * fast-check arbitraries shaped by an operation's JSON schema (as the OpenAPI document gives it), with
 * hostile leaves: most values have the right shape but carry NUL bytes, lone surrogates, 100k-character
 * strings, numbers at and past int4/int8/2^53, numeric-looking text, wrong types, missing and extra
 * fields — plus wholly random JSON. Known values (existing codes and ids) are mixed in so requests get
 * past the "not found" answers into the code behind them.
 */
export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  nullable?: boolean;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  additionalProperties?: boolean | JsonSchema;
}

export interface Pools {
  /** Existing codes and names (warehouse, SKU, channel, user, stream…). */
  strings: string[];
  /** Existing ids. */
  numbers: number[];
  /** Known values by resource ("channels", "orders", "picklists"…), for parameters and fields that name one. */
  named: Record<string, (string | number)[]>;
}

/** Body and query fields that name a resource, and which. */
const fieldResources: Record<string, string> = {
  warehouse: 'warehouses',
  sku: 'skus',
  channel: 'channels',
  username: 'users',
  stream: 'streams',
  code: 'skus',
  record: 'records',
};

/** The known values for a parameter or field, or none. */
export function knownFor(pools: Pools, resource: string | undefined, name: string | undefined): (string | number)[] {
  const byResource = resource ? (pools.named[resource] ?? []) : [];
  return byResource.length ? byResource : name ? (pools.named[fieldResources[name]] ?? []) : [];
}

const huge = 'x'.repeat(100_000);
const hugeWide = '€'.repeat(50_000);

export const hostileStrings = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\u0000\u0000',
  '\uD800',
  'x\uDC00y',
  'ab\uDBFF',
  '\uDFFF\uD800',
  '😀',
  '👩‍👩‍👧‍👦',
  '\u202Eevil\u202C',
  'שלום עולם',
  'مرحبا',
  'ñ́',
  '\uFEFF',
  '\u200B',
  '\r\n',
  '\t',
  "' OR '1'='1",
  "'; drop table skus; --",
  '"',
  '\\',
  '%',
  '%00',
  '%E0%A4%A',
  '../../etc/passwd',
  '/',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template-injection probe, meant literally.
  '${7*7}',
  '{{7*7}}',
  '__proto__',
  'constructor',
  'NaN',
  'Infinity',
  '-Infinity',
  '-0',
  '1e309',
  '0x10',
  '1.5',
  '2147483647',
  '2147483648',
  '-2147483649',
  '9007199254740993',
  '99999999999999999999',
  'null',
  'true',
  '[]',
  '{}',
  '2026-02-30',
  '9999-12-31T99:99:99Z',
  huge,
  hugeWide,
  `${'a'.repeat(65_535)}\u0000`,
];

/** Text that looks like a number to a lax parser. */
export const numericStrings = [
  'NaN',
  'Infinity',
  '-0',
  '1e309',
  '0x10',
  '1.5',
  '2147483648',
  '-2147483649',
  '9007199254740993',
  '99999999999999999999',
  '',
  ' 1',
];

export const hostileNumbers = [
  0,
  -0,
  1,
  -1,
  0.5,
  -0.5,
  1.000001,
  2 ** 31 - 1,
  2 ** 31,
  -(2 ** 31),
  -(2 ** 31) - 1,
  2 ** 32,
  2 ** 53 - 1,
  2 ** 53,
  2 ** 53 + 2,
  -(2 ** 53),
  2 ** 63,
  1e308,
  -1e308,
  Number.MIN_VALUE,
  1_000_000,
  1_000_001,
  -1_000_001,
];

/** Path segments as sent on the wire, not encoded again: malformed and tricky escapes. */
export const rawPathSegments = [
  '%00',
  'a%00b',
  '%E0%A4%A',
  '%',
  '%Z1',
  '%ED%A0%80',
  '%C0%80',
  '%FF',
  '%2F',
  '%2e%2e',
  '..',
  '.',
  '%20',
  '%F0%9F%98%80',
  'a'.repeat(1_200),
  'a%2Fb',
  '-1',
  '0',
  '1.5',
  '2147483648',
  '9223372036854775808',
  '1e3',
];

/** Extra raw query text appended to some requests. */
export const rawQueries = [
  'q=%00',
  'x=%E0%A4%A',
  '%=',
  '&&&',
  'a[b]=1',
  'limit=1&limit=2',
  '__proto__=x',
  'constructor[prototype]=1',
  'limit=',
  'after=-1',
  'before=99999999999999999999',
  `q=${'%F0%9F%98%80'.repeat(10)}`,
  `q=${'a'.repeat(5_000)}`,
];

/** Whole bodies that are not what any schema describes. */
export const rawBodies = [
  '{',
  '{"a":',
  'nul',
  '"text"',
  '123',
  '[]',
  '[1,2,3]',
  'null',
  '{"__proto__":{"admin":true}}',
  '{"constructor":{"prototype":{"x":1}}}',
  `${'['.repeat(5_000)}${']'.repeat(5_000)}`,
  `{"a":${'{"a":'.repeat(2_000)}1${'}'.repeat(2_000)}}`,
  '\u0000',
  '{"\u0000":1}',
  '{"a":"\\ud800"}',
];

const wrongType: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.double(),
  fc.string({ maxLength: 5 }),
  fc.array(fc.integer(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 3 }), fc.integer(), { maxKeys: 2 }),
);

/** Any UTF-16 code unit, so lone surrogates and NUL turn up in otherwise ordinary strings. */
const anyCodeUnit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));

export function hostileString(pools: Pools): fc.Arbitrary<string> {
  return fc.oneof(
    { arbitrary: fc.constantFrom(...hostileStrings), weight: 4 },
    { arbitrary: fc.string({ unit: anyCodeUnit, maxLength: 30 }), weight: 2 },
    { arbitrary: fc.string({ unit: 'grapheme', maxLength: 30 }), weight: 1 },
    { arbitrary: pools.strings.length ? fc.constantFrom(...pools.strings) : fc.constant('x'), weight: 2 },
  );
}

function validString(schema: JsonSchema): fc.Arbitrary<string> {
  if (schema.pattern) {
    try {
      return fc.stringMatching(new RegExp(schema.pattern)).filter((s) => s.length <= (schema.maxLength ?? Infinity));
    } catch {
      // A pattern fast-check cannot generate from falls through to plain strings.
    }
  }
  if (schema.format === 'date')
    return fc
      .date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10));
  if (schema.format === 'date-time') return fc.date({ noInvalidDate: true }).map((d) => d.toISOString());
  // No valid URLs are generated: a channel's base URL must never point the server at a real host.
  if (schema.format === 'uri') return fc.constantFrom('not a url', 'ftp://', 'http://', 'javascript:alert(1)');
  return fc.string({ minLength: schema.minLength ?? 0, maxLength: Math.min(schema.maxLength ?? 40, 40) });
}

function numberArb(schema: JsonSchema, integer: boolean): fc.Arbitrary<number> {
  const min = schema.minimum ?? -(2 ** 40);
  const max = schema.maximum ?? 2 ** 40;
  const valid = integer
    ? fc.integer({ min: Math.max(min, Number.MIN_SAFE_INTEGER), max: Math.min(max, Number.MAX_SAFE_INTEGER) })
    : fc.double({ min, max, noNaN: true });
  return fc.oneof({ arbitrary: valid, weight: 2 }, { arbitrary: fc.constantFrom(...hostileNumbers), weight: 3 });
}

const typeOf = (schema: JsonSchema) => (Array.isArray(schema.type) ? schema.type[0] : schema.type);

/** A value for `schema`: mostly the right shape, with hostile leaves and the odd wrong type. */
export function valueFor(schema: JsonSchema, pools: Pools, depth = 0): fc.Arbitrary<unknown> {
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives?.length) return fc.oneof(...alternatives.map((s) => valueFor(s, pools, depth + 1)));
  if (schema.allOf?.length) return valueFor(schema.allOf[0], pools, depth + 1);

  let shaped: fc.Arbitrary<unknown>;
  if (schema.enum?.length)
    shaped = fc.oneof(
      { arbitrary: fc.constantFrom(...schema.enum), weight: 3 },
      { arbitrary: hostileString(pools), weight: 1 },
    );
  else if (schema.const !== undefined) shaped = fc.oneof(fc.constant(schema.const), hostileString(pools));
  else {
    switch (typeOf(schema)) {
      case 'string':
        shaped = fc.oneof(
          { arbitrary: validString(schema), weight: 2 },
          { arbitrary: hostileString(pools), weight: 3 },
        );
        break;
      case 'integer':
        shaped = fc.oneof(
          { arbitrary: numberArb(schema, true), weight: 4 },
          { arbitrary: pools.numbers.length ? fc.constantFrom(...pools.numbers) : fc.constant(1), weight: 1 },
          { arbitrary: fc.constantFrom(...numericStrings), weight: 1 },
        );
        break;
      case 'number':
        shaped = fc.oneof(
          { arbitrary: numberArb(schema, false), weight: 4 },
          { arbitrary: fc.constantFrom('1.5', 'NaN', '1e309'), weight: 1 },
        );
        break;
      case 'boolean':
        shaped = fc.oneof(
          { arbitrary: fc.boolean(), weight: 3 },
          { arbitrary: fc.constantFrom('true', 'yes', 1, 0, null), weight: 1 },
        );
        break;
      case 'array':
        shaped =
          depth > 4
            ? fc.constant([])
            : fc.oneof(
                { arbitrary: fc.array(valueFor(schema.items ?? {}, pools, depth + 1), { maxLength: 4 }), weight: 4 },
                { arbitrary: fc.constant(Array.from({ length: 2_000 }, () => 1)), weight: 1 },
              );
        break;
      case 'object':
        shaped = depth > 4 ? fc.constant({}) : objectFor(schema, pools, depth);
        break;
      default:
        shaped = fc.oneof(hostileString(pools), wrongType, fc.jsonValue({ maxDepth: 2 }));
    }
  }
  return fc.oneof(
    { arbitrary: shaped, weight: 8 },
    { arbitrary: wrongType, weight: 1 },
    ...(schema.nullable ? [{ arbitrary: fc.constant(null), weight: 1 }] : []),
  );
}

const missing = Symbol('missing');

/**
 * A value the schema accepts as far as its JSON schema says (refinements aside), preferring known codes
 * and ids: requests made of these get past validation into the handlers and the database.
 */
export function validValueFor(
  schema: JsonSchema,
  pools: Pools,
  depth = 0,
  known: (string | number)[] = [],
): fc.Arbitrary<unknown> {
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives?.length) return fc.oneof(...alternatives.map((s) => validValueFor(s, pools, depth + 1, known)));
  if (schema.allOf?.length) return validValueFor(schema.allOf[0], pools, depth + 1, known);
  if (schema.enum?.length) return fc.constantFrom(...schema.enum);
  // A parameter or field naming a resource mostly names one that exists.
  const named = known.filter(
    (v) =>
      typeof v === (typeOf(schema) === 'string' ? 'string' : 'number') ||
      (typeOf(schema) === 'string' && schema.pattern === '^-?\\d+$'),
  );
  if (named.length) {
    const asSchema = typeOf(schema) === 'string' ? named.map(String) : named;
    return fc.oneof(
      { arbitrary: fc.constantFrom(...asSchema), weight: 4 },
      { arbitrary: validValueFor(schema, pools, depth, []), weight: 1 },
    );
  }
  if (schema.const !== undefined) return fc.constant(schema.const);
  const orKnown = <T>(values: T[], fallback: fc.Arbitrary<T>) =>
    values.length ? fc.oneof(fc.constantFrom(...values), fallback) : fallback;
  switch (typeOf(schema)) {
    case 'string':
      // Integers carried as text (path and query ids, limits): small ones, which exist or fit.
      if (schema.pattern === '^-?\\d+$')
        return orKnown(pools.numbers.map(String), fc.integer({ min: 0, max: 50 }).map(String));
      return schema.pattern || schema.format ? validString(schema) : orKnown(pools.strings, validString(schema));
    case 'integer': {
      const min = Math.max(schema.minimum ?? 0, Number.MIN_SAFE_INTEGER);
      const max = Math.min(schema.maximum ?? 1_000, Number.MAX_SAFE_INTEGER);
      return orKnown(
        pools.numbers.filter((n) => n >= min && n <= max),
        fc.integer({ min, max: Math.min(max, min + 1_000) }),
      );
    }
    case 'number':
      return fc.double({ min: schema.minimum ?? 0, max: schema.maximum ?? 1_000, noNaN: true });
    case 'boolean':
      return fc.boolean();
    case 'array':
      return depth > 4
        ? fc.constant([])
        : fc.array(validValueFor(schema.items ?? {}, pools, depth + 1, known), { minLength: 1, maxLength: 3 });
    case 'object': {
      const properties = Object.entries(schema.properties ?? {});
      const required = new Set(schema.required ?? []);
      return fc
        .tuple(
          ...properties.map(([name, property]) =>
            required.has(name)
              ? validValueFor(property, pools, depth + 1, knownFor(pools, undefined, name))
              : fc.option(validValueFor(property, pools, depth + 1, knownFor(pools, undefined, name)), {
                  nil: missing as never,
                }),
          ),
        )
        .map((values) => {
          const out: Record<string, unknown> = {};
          properties.forEach(([name], i) => {
            if (values[i] !== missing) out[name] = values[i];
          });
          return out;
        });
    }
    default:
      return fc.jsonValue({ maxDepth: 1 });
  }
}

function objectFor(schema: JsonSchema, pools: Pools, depth: number): fc.Arbitrary<Record<string, unknown>> {
  const properties = Object.entries(schema.properties ?? {});
  const required = new Set(schema.required ?? []);
  const fields = properties.map(([name, property]) =>
    fc.oneof(
      { arbitrary: valueFor(property, pools, depth + 1), weight: required.has(name) ? 9 : 5 },
      { arbitrary: fc.constant(missing), weight: required.has(name) ? 1 : 5 },
    ),
  );
  const additional = typeof schema.additionalProperties === 'object' ? schema.additionalProperties : {};
  const extraKey = fc.oneof(
    fc.constantFrom('__proto__', 'constructor', 'prototype', 'a\u0000b', '\uD800', 'id', 'role', 'admin'),
    fc.string({ maxLength: 8 }),
  );
  const extras = fc.dictionary(extraKey, valueFor(additional, pools, depth + 2), {
    maxKeys: properties.length ? 2 : 4,
  });
  return fc.tuple(fc.tuple(...fields), extras).map(([values, extra]) => {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(extra))
      Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
    properties.forEach(([name], i) => {
      if (values[i] !== missing) out[name] = values[i];
    });
    return out;
  });
}
