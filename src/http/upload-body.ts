import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { invalid } from '../core/errors.ts';

/**
 * A streamed upload (a CSV body) read to its end into a temporary file before anything is done with it.
 * Whatever is then refused — broken quoting, a bad header, an unknown channel — the request body has
 * been read in full, so the keep-alive connection is free for the next request at once; and the file
 * can be read (and re-read) at disk speed, without holding a database transaction open while a slow
 * client uploads. The body is never held whole in memory.
 */
export interface SpooledUpload {
  /** The temporary file (removed by `discard`). */
  path: string;
  bytes: number;
  /** A fresh stream of the whole body. */
  open(): Readable;
  discard(): Promise<void>;
}

export async function spoolUpload(
  request: FastifyRequest,
  reply: FastifyReply,
  limitBytes: number,
): Promise<SpooledUpload> {
  const dir = await mkdtemp(join(tmpdir(), 'weft-upload-'));
  const path = join(dir, 'body');
  let bytes = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bytes += chunk.length;
      if (bytes > limitBytes) done(new UploadTooLarge());
      else done(null, chunk);
    },
  });
  try {
    await pipeline(request.body as Readable, counter, createWriteStream(path));
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    if (error instanceof UploadTooLarge) {
      // The rest of the body is not read: the connection closes after the answer, as Fastify's own limit does.
      reply.header('connection', 'close');
      const size = limitBytes >= 1024 * 1024 ? `${Math.round(limitBytes / 1024 / 1024)} MB` : `${limitBytes} bytes`;
      throw invalid(`The upload is larger than ${size}: split the file and send the parts one after another.`);
    }
    throw error;
  }
  return {
    path,
    bytes,
    open: () => createReadStream(path),
    discard: () => rm(dir, { recursive: true, force: true }),
  };
}

class UploadTooLarge extends Error {}

/** Spools the upload, hands it to `work`, and removes the temporary file whatever happens. */
export async function withSpooledUpload<T>(
  request: FastifyRequest,
  reply: FastifyReply,
  limitBytes: number,
  work: (body: Readable) => Promise<T>,
): Promise<T> {
  const upload = await spoolUpload(request, reply, limitBytes);
  try {
    return await work(upload.open());
  } finally {
    await upload.discard();
  }
}
