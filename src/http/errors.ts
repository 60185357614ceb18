import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { ZodError } from 'zod';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError } from '../core/errors.ts';

/**
 * The one error shape of the API: `{ error: { code, message, field?, details? } }`, with a message a
 * person can act on. Every failure path ends here.
 */
export interface ErrorBody {
  error: { code: string; message: string; field?: string; details?: unknown };
}

const pathOf = (path: PropertyKey[]) => path.map(String).join('.');

function fromZodIssues(issues: { path: PropertyKey[]; message: string }[], where = ''): ErrorBody {
  const [first] = issues;
  const field = pathOf(first.path);
  const label = [where, field].filter(Boolean).join(' ');
  return {
    error: {
      code: 'invalid',
      message: label ? `${label}: ${first.message}` : first.message,
      field: field || undefined,
      details: issues.map((i) => ({ field: pathOf(i.path), message: i.message })),
    },
  };
}

export function errorHandler(error: FastifyError | Error, request: FastifyRequest, reply: FastifyReply) {
  if (error instanceof AppError) {
    if (error.retryAfterSeconds !== undefined) reply.header('retry-after', String(error.retryAfterSeconds));
    return reply.status(error.status).send({ error: { code: error.code, message: error.message, field: error.field, details: error.details } });
  }
  if (error instanceof ZodError) return reply.status(400).send(fromZodIssues(error.issues));
  if (hasZodFastifySchemaValidationErrors(error)) {
    const where = (error as FastifyError).validationContext ?? '';
    const issues = error.validation.map((v) => ({
      path: (v.instancePath || '').split('/').filter(Boolean),
      message: v.message ?? 'is not valid',
    }));
    return reply.status(400).send(fromZodIssues(issues, where === 'body' ? '' : where));
  }
  const status = (error as FastifyError).statusCode ?? 500;
  if (status < 500) {
    return reply.status(status).send({ error: { code: status === 413 ? 'too_large' : 'invalid', message: error.message } });
  }
  request.log.error({ err: error }, 'request failed');
  return reply.status(500).send({
    error: { code: 'internal', message: `Something went wrong on the server (request ${request.id}); the log has the details.` },
  });
}

export function notFoundHandler(request: FastifyRequest, reply: FastifyReply) {
  reply.status(404).send({ error: { code: 'not_found', message: `There is no ${request.method} ${request.url.split('?')[0]}; see /api/docs.` } });
}
