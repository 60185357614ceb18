import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { z } from 'zod';
import { fieldLabel, humanize, isZodDefaultMessage, plainMessage } from '../../src/core/plain-issues.ts';
import { fromZodIssues } from '../../src/http/errors.ts';
import { int32, key, text } from '../../src/core/schema-types.ts';

/** zod's default issues, said again in plain words that name the field; a schema's own words kept. */
const messagesOf = (schema: z.ZodType, value: unknown) => {
  const parsed = schema.safeParse(value);
  assert.equal(parsed.success, false, 'the value should be refused');
  return parsed.error!.issues.map((i) => plainMessage(i));
};

describe('plain refusals', () => {
  test('field names read as words', () => {
    assert.equal(humanize('externalLineId'), 'External line id');
    assert.equal(humanize('sync_from'), 'Sync from');
    assert.equal(fieldLabel(['username']), 'Username');
    assert.equal(fieldLabel(['lines', 1, 'quantity']), 'Quantity (item 2 of lines)');
    assert.equal(fieldLabel(['lines', 0]), 'Item 1 of lines');
    assert.equal(fieldLabel(['limit'], 'querystring'), 'Limit (in the query)');
    assert.equal(fieldLabel([]), 'The body');
  });

  test('each kind of zod issue in plain words', () => {
    const schema = z.object({
      name: z.string().min(1).max(5),
      quantity: z.number().int().min(1).max(10),
      kind: z.enum(['box', 'unit']),
      tags: z.array(z.string()).min(2),
      date: z.iso.date(),
      sure: z.boolean(),
    });
    assert.deepEqual(messagesOf(schema, {}), [
      'Name is required.',
      'Quantity is required.',
      'Kind must be one of box, unit.',
      'Tags is required.',
      'Date is required.',
      'Sure is required.',
    ]);
    assert.deepEqual(messagesOf(schema, { name: '', quantity: 1.5, kind: 'x', tags: ['a'], date: 'soon', sure: 'y' }), [
      'Name is required.',
      'Quantity must be a whole number.',
      'Kind must be one of box, unit.',
      'Tags must have at least 2 items.',
      'Date must be a date as YYYY-MM-DD, such as 2026-11-01.',
      'Sure must be true or false.',
    ]);
    assert.deepEqual(
      messagesOf(schema, {
        name: 'toolong',
        quantity: 0,
        kind: 'box',
        tags: ['a', 'b'],
        date: '2026-01-01',
        sure: true,
      }),
      ['Name must be at most 5 characters.', 'Quantity must be at least 1.'],
    );
    assert.deepEqual(messagesOf(z.object({ n: z.number().gt(0) }), { n: 0 }), ['N must be more than 0.']);
    assert.deepEqual(messagesOf(z.object({ n: z.number() }), { n: 'x' }), ['N must be a number.']);
    assert.deepEqual(messagesOf(z.object({ a: z.union([z.string(), z.number()]) }), { a: true }), [
      'A is not in any of the accepted forms (see /api/docs).',
    ]);
    assert.deepEqual(messagesOf(z.object({ a: z.string() }), 5), [
      'The body must be a group of fields (a JSON object).',
    ]);
  });

  test("a schema's own message is kept", () => {
    assert.deepEqual(messagesOf(z.object({ code: key('SKU code') }), { code: '' }), ['Give the SKU code.']);
    assert.deepEqual(messagesOf(z.object({ n: int32({ min: 1, max: 9 }) }), { n: 0 }), [
      'Give a whole number from 1 to 9.',
    ]);
    assert.deepEqual(messagesOf(z.object({ t: text({ max: 3 }) }), { t: 'long' }), ['Give at most 3 characters.']);
    assert.equal(isZodDefaultMessage('Give the SKU code.'), false);
    assert.equal(isZodDefaultMessage('Too small: expected string to have >=1 characters'), true);
  });

  test('the API error body: a plain message stands alone; a schema message follows the path', () => {
    const parsed = z.object({ username: z.string().min(1), note: key('note') }).safeParse({ username: '', note: '' });
    const body = fromZodIssues(parsed.error!.issues);
    assert.equal(body.error.message, 'Username is required.');
    assert.equal(body.error.field, 'username');
    assert.deepEqual(body.error.details, [
      { field: 'username', message: 'Username is required.' },
      { field: 'note', message: 'Give the note.' },
    ]);
    const own = fromZodIssues([{ path: ['note'], message: 'Give the note.', code: 'too_small' }]);
    assert.equal(own.error.message, 'note: Give the note.');
  });
});
