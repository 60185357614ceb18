import type { FastifyReply } from 'fastify';

/** The IRP response envelope (docs/gst.md c5), as the sandbox writes it. */
export interface SandboxError {
  readonly code: string;
  readonly message: string;
}

export function ok(reply: FastifyReply, data: unknown, info: unknown[] | null = null) {
  return reply.code(200).send({ Status: 1, Data: data, ErrorDetails: null, InfoDtls: info });
}

/** Business errors come back as HTTP 200 with Status 0, as NIC does. */
export function fail(reply: FastifyReply, errors: readonly SandboxError[], info: unknown[] | null = null) {
  return reply.code(200).send({
    Status: 0,
    Data: null,
    ErrorDetails: errors.map((e) => ({ ErrorCode: e.code, ErrorMessage: e.message })),
    InfoDtls: info,
  });
}

/** IST `yyyy-MM-dd HH:mm:ss` (c6). */
export function istTimestamp(instant: Date): string {
  return new Date(instant.getTime() + 330 * 60_000).toISOString().slice(0, 19).replace('T', ' ');
}
