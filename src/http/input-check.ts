import type { FastifyInstance } from 'fastify';
import { invalid } from '../core/errors.ts';
import { unstorableCharacter } from '../core/schema-types.ts';

/**
 * The safety net under the route schemas: before any schema or handler runs, every string in the path
 * parameters, query and JSON body — object keys included, at any depth — is checked for what no text
 * column can hold (NUL, an unpaired surrogate). A route whose schema forgets a rule still answers 400
 * naming the field, never a database error. Runs at preValidation: after routing and authentication
 * (onRequest), before the body's schema.
 */
export function registerInputCheck(app: FastifyInstance) {
  app.addHook('preValidation', async (request) => {
    checkPart(request.params, 'params');
    checkPart(request.query, 'query');
    if (isPlainData(request.body)) checkPart(request.body, 'body');
  });
}

/** Parsed JSON is plain objects, arrays and scalars; a CSV upload is a stream, left to its parser. */
function isPlainData(value: unknown): boolean {
  if (value === null || value === undefined) return false;
  if (typeof value === 'string') return true;
  if (typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value);
  return Array.isArray(value) || proto === Object.prototype || proto === null;
}

interface Node {
  value: unknown;
  name?: string;
  parent?: Node;
}

/**
 * Walks the value without recursion (a 1 MB body can nest half a million deep, which would overflow
 * the stack) and throws on the first bad string or key. Each node points at its parent, so the path —
 * named the way schema errors name it, `lines.0.externalLineId` — is built only for the one refused.
 */
function checkPart(root: unknown, where: 'params' | 'query' | 'body') {
  const stack: Node[] = [{ value: root }];
  while (stack.length) {
    const node = stack.pop()!;
    if (typeof node.value === 'string') {
      const problem = unstorableCharacter(node.value);
      if (problem) throw refuse(where, pathOf(node), `this text ${problem}`);
    } else if (node.value && typeof node.value === 'object') {
      for (const [name, value] of Object.entries(node.value)) {
        const child = { value, name, parent: node };
        const problem = unstorableCharacter(name);
        if (problem) throw refuse(where, pathOf(child).map(printable), `this field name ${problem}`);
        stack.push(child);
      }
    }
  }
}

function pathOf(node: Node): string[] {
  const path: string[] = [];
  for (let at: Node | undefined = node; at?.name !== undefined; at = at.parent) path.unshift(at.name);
  return path;
}

/** A refused key is named with its bad characters replaced, so the answer itself is valid text. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is exactly the character being replaced.
const printable = (name: string) => name.replace(/\u0000|[\uD800-\uDFFF]/g, '\uFFFD');

function refuse(where: string, path: string[], problem: string) {
  const field = path.join('.');
  const label = field ? (where === 'body' ? field : `${where} ${field}`) : where;
  return invalid(`${label}: ${problem}. Send it again without that character.`, field || undefined);
}
