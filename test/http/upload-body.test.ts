import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { spoolUpload, withSpooledUpload } from '../../src/http/upload-body.ts';
import { AppError } from '../../src/core/errors.ts';

/** Uploads are read to their end into a temporary file, within a size limit, and the file is always removed. */
const requestWith = (chunks: string[]) =>
  ({ body: Readable.from(chunks.map((c) => Buffer.from(c))) }) as unknown as FastifyRequest;
const replyStub = () => {
  const headers: Record<string, string> = {};
  return {
    headers,
    reply: {
      header: (name: string, value: string) => {
        headers[name] = value;
      },
    } as unknown as FastifyReply,
  };
};

test('the whole body is read before work starts, can be read again, and is removed afterwards', async () => {
  const { reply } = replyStub();
  const upload = await spoolUpload(requestWith(['code,name,mrp\n', 'A,Tee,100\n']), reply, 1024);
  assert.equal(upload.bytes, 24);
  assert.equal(await text(upload.open()), 'code,name,mrp\nA,Tee,100\n');
  assert.equal(await text(upload.open()), 'code,name,mrp\nA,Tee,100\n');
  await upload.discard();
  let seen = '';
  await assert.rejects(
    withSpooledUpload(requestWith(['x,y\n']), reply, 1024, async (body) => {
      seen = await text(body);
      throw new Error('refused after reading');
    }),
    /refused after reading/,
  );
  assert.equal(seen, 'x,y\n');
});

test('a body over the limit is refused with a sentence, the connection is closed after the answer, and nothing is left on disk', async () => {
  const { reply, headers } = replyStub();
  const paths: string[] = [];
  await assert.rejects(
    spoolUpload(requestWith(['a'.repeat(600), 'b'.repeat(600)]), reply, 1000),
    (error: Error) =>
      error instanceof AppError &&
      error.status === 400 &&
      /^The upload is larger than 1000 bytes: split the file and send the parts one after another\.$/.test(
        error.message,
      ),
  );
  assert.equal(headers.connection, 'close');
  const { reply: other } = replyStub();
  const fine = await spoolUpload(requestWith(['ok']), other, 1000);
  paths.push(fine.path);
  assert.ok(existsSync(fine.path));
  await fine.discard();
  assert.ok(
    paths.every((p) => !existsSync(p)),
    'the temporary file is removed',
  );
});
