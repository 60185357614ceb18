/**
 * Zod's own messages ("Too small: expected string to have >=1 characters", "Invalid input: expected
 * number, received undefined") are for programmers. The schema building blocks (core/schema-types.ts)
 * give their own words; wherever a rule has none, the issue is said again here in plain words that
 * name the field: "Username is required.", "Name must be at most 200 characters.", "Quantity must be a
 * whole number.". A message a schema wrote itself is kept as it is.
 */

/** A validation issue as zod reports it (or fastify-type-provider-zod passes it on: code and params). */
export interface Issue {
  code?: string;
  path: PropertyKey[];
  message: string;
  expected?: unknown;
  origin?: unknown;
  minimum?: unknown;
  maximum?: unknown;
  inclusive?: unknown;
  format?: unknown;
  values?: unknown;
  divisor?: unknown;
  keys?: unknown;
}

/** The marks of zod's default English messages; a schema's own message never reads like these. */
const zodPhrases = /^(Invalid|Too small|Too big|Unrecognized key)|expected|received|[<>]=?\s?\d/;

export const isZodDefaultMessage = (message: string) => zodPhrases.test(message);

/** `externalLineId` → "External line id"; `sync_from` → "Sync from". */
export function humanize(name: string): string {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .trim()
    .toLowerCase();
  return words ? words[0].toUpperCase() + words.slice(1) : name;
}

/**
 * How a person would name the field at `path`: its last name, humanized, with the place in a list
 * when it sits in one ("Quantity (item 2 of lines)"); `where` names the part of the request that is not
 * the body ("query", "params").
 */
export function fieldLabel(path: PropertyKey[], where = ''): string {
  const names = path.map(String);
  const isIndex = (n: string) => /^\d+$/.test(n);
  const last = names.findLastIndex((n) => !isIndex(n));
  const index = names.findLastIndex(isIndex);
  let label: string;
  if (index < 0) label = last >= 0 ? humanize(names[last]) : '';
  else {
    const list = names.slice(0, index).findLast((n) => !isIndex(n));
    const place = `item ${Number(names[index]) + 1}${list ? ` of ${humanize(list).toLowerCase()}` : ''}`;
    label = last > index ? `${humanize(names[last])} (${place})` : humanize(place);
  }
  if (!label)
    return where === 'query' || where === 'querystring' ? 'The query' : where === 'params' ? 'The path' : 'The body';
  if (where === 'query' || where === 'querystring') return `${label} (in the query)`;
  if (where === 'params') return `${label} (in the path)`;
  return label;
}

const typeWords: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  bigint: 'a whole number',
  boolean: 'true or false',
  object: 'a group of fields (a JSON object)',
  array: 'a list',
  date: 'a date',
  nan: 'a number',
};

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const numberOf = (value: unknown) => (typeof value === 'bigint' ? Number(value) : Number(value));

function sizeRule(issue: Issue, bound: 'least' | 'most'): string {
  const limit = numberOf(bound === 'least' ? issue.minimum : issue.maximum);
  const inclusive = issue.inclusive !== false;
  switch (issue.origin) {
    case 'string':
      if (bound === 'least' && limit <= 1) return 'is required';
      return `must be at ${bound} ${plural(limit, 'character')}`;
    case 'array':
    case 'set':
      if (bound === 'least' && limit <= 1) return 'needs at least one item';
      return `must have at ${bound} ${plural(limit, 'item')}`;
    case 'file':
      return `must be at ${bound} ${plural(limit, 'byte')}`;
    default:
      if (!inclusive) return bound === 'least' ? `must be more than ${limit}` : `must be less than ${limit}`;
      return `must be at ${bound} ${limit}`;
  }
}

const formatWords: Record<string, string> = {
  email: 'must be an email address',
  url: 'must be a web address such as https://example.com',
  uuid: 'must be an id such as 123e4567-e89b-12d3-a456-426614174000',
  date: 'must be a date as YYYY-MM-DD, such as 2026-11-01',
  datetime: 'must be a date and time such as 2026-11-01T10:00:00Z',
  time: 'must be a time such as 10:00:00',
  ipv4: 'must be an IPv4 address',
  ipv6: 'must be an IPv6 address',
};

/** The rule broken, in words, without the field's name ("is required", "must be at most 3 characters"). */
function ruleOf(issue: Issue): string {
  switch (issue.code) {
    case 'invalid_type': {
      if (/received undefined/.test(issue.message)) return 'is required';
      const expected = typeWords[String(issue.expected)];
      return expected ? `must be ${expected}` : 'is not valid';
    }
    case 'too_small':
      return sizeRule(issue, 'least');
    case 'too_big':
      return sizeRule(issue, 'most');
    case 'invalid_format':
      return formatWords[String(issue.format)] ?? 'is not in the right form';
    case 'invalid_value': {
      const values = Array.isArray(issue.values) ? issue.values.map(String) : [];
      if (values.length === 1) return `must be ${values[0]}`;
      return values.length ? `must be one of ${values.join(', ')}` : 'is not one of the allowed values';
    }
    case 'not_multiple_of':
      return `must be a multiple of ${String(issue.divisor)}`;
    case 'unrecognized_keys':
      return `has fields Weft does not know: ${Array.isArray(issue.keys) ? issue.keys.join(', ') : ''}`;
    case 'invalid_union':
      return 'is not in any of the accepted forms (see /api/docs)';
    case 'invalid_key':
      return 'has a field name that is not allowed';
    case 'invalid_element':
      return 'has a value that is not allowed';
    default:
      return 'is not valid';
  }
}

/**
 * The issue's message a person can act on: the schema's own when it wrote one, else the rule in plain
 * words after the field's name.
 */
export function plainMessage(issue: Issue, where = ''): string {
  if (!isZodDefaultMessage(issue.message)) return issue.message;
  return `${fieldLabel(issue.path, where)} ${ruleOf(issue)}.`;
}
