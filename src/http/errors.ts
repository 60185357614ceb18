import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { ZodError } from 'zod';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError } from '../core/errors.ts';
import { TaxRuleError } from '../tax/errors.ts';
import { appErrorFromDatabase, databaseErrorOf } from './database-errors.ts';
import { plainMessage, type Issue } from '../core/plain-issues.ts';

/**
 * The one error shape of the API: `{ error: { code, message, field?, details? } }`, with a message a
 * person can act on. Every failure path ends here.
 */
export interface ErrorBody {
  error: { code: string; message: string; field?: string; details?: unknown };
}

const pathOf = (path: PropertyKey[]) => path.map(String).join('.');

/**
 * Zod's issues in the API's error shape, each in plain words (plain-issues.ts): a message the schema
 * wrote itself goes after the field's path, as before; a message said again in plain words names the
 * field already, so it stands alone.
 */
export function fromZodIssues(issues: Issue[], where = ''): ErrorBody {
  const [first] = issues;
  const field = pathOf(first.path);
  const label = [where, field].filter(Boolean).join(' ');
  const plain = plainMessage(first, where);
  return {
    error: {
      code: 'invalid',
      message: plain !== first.message || !label ? plain : `${label}: ${plain}`,
      field: field || undefined,
      details: issues.map((i) => ({ field: pathOf(i.path), message: plainMessage(i, where) })),
    },
  };
}

function sendAppError(reply: FastifyReply, error: AppError) {
  if (error.retryAfterSeconds !== undefined) reply.header('retry-after', String(error.retryAfterSeconds));
  return reply
    .status(error.status)
    .send({ error: { code: error.code, message: error.message, field: error.field, details: error.details } });
}

/** Fastify's own 4xx errors (body parsing, content type, size), in the one shape with a message to act on. */
const frameworkMessages: Record<string, string> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE:
    'This content type is not accepted here: send JSON with "Content-Type: application/json" (or CSV where the operation says so).',
  FST_ERR_CTP_EMPTY_JSON_BODY:
    'The body is empty but the content type says JSON: send a JSON body, or leave out the Content-Type header.',
  FST_ERR_CTP_INVALID_JSON_BODY: 'The body is not valid JSON: check quotes, commas and brackets.',
  FST_ERR_CTP_BODY_TOO_LARGE: 'The body is larger than this operation accepts.',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'The Content-Length header does not match the body sent.',
};

export function errorHandler(error: FastifyError | Error, request: FastifyRequest, reply: FastifyReply) {
  if (error instanceof AppError) return sendAppError(reply, error);
  if (error instanceof ZodError) return reply.status(400).send(fromZodIssues(error.issues));
  if (hasZodFastifySchemaValidationErrors(error)) {
    const where = (error as FastifyError).validationContext ?? '';
    const issues = error.validation.map(
      (v): Issue => ({
        ...(v.params as Omit<Issue, 'path' | 'message'>),
        code: v.keyword,
        path: (v.instancePath || '').split('/').filter(Boolean),
        message: v.message ?? 'is not valid',
      }),
    );
    return reply.status(400).send(fromZodIssues(issues, where === 'body' ? '' : where));
  }
  // Tax rules refuse data a person must fix (a state code, a GSTIN), never a fault of the server.
  if (error instanceof TaxRuleError)
    return reply.status(400).send({ error: { code: 'invalid', message: error.message, field: error.field } });
  const database = databaseErrorOf(error);
  const mapped = database && appErrorFromDatabase(database);
  if (mapped) {
    // The client is told what to change; the log says which schema let it through.
    request.log.warn(
      { sqlState: database.code, route: request.routeOptions?.url, method: request.method },
      'database refused input a schema should have refused',
    );
    return sendAppError(reply, mapped);
  }
  const status = (error as FastifyError).statusCode ?? 500;
  if (status < 500) {
    const code = (error as FastifyError).code;
    return reply.status(status).send({
      error: { code: status === 413 ? 'too_large' : 'invalid', message: frameworkMessages[code] ?? error.message },
    });
  }
  request.log.error({ err: error }, 'request failed');
  return reply.status(500).send({
    error: {
      code: 'internal',
      message: `Something went wrong on the server (request ${request.id}); the log has the details.`,
    },
  });
}

/**
 * Errors Fastify raises before a route is found: a malformed percent-escape in the path
 * (`/api/skus/%E0%A4%A`) and a path parameter longer than `maxParamLength`. Fastify answers those in its
 * own shape unless given this; here they get the API's.
 */
export function frameworkErrors(error: FastifyError, _request: FastifyRequest, reply: FastifyReply) {
  if (error.code === 'FST_ERR_BAD_URL') {
    return reply.status(400).send({
      error: {
        code: 'invalid',
        message:
          'The path has a malformed percent-escape (such as %E0%A4%A): encode each byte as % and two hex digits.',
      },
    });
  }
  if (error.code === 'FST_ERR_MAX_PARAM_LENGTH') return tooLong(reply);
  reply.log.error({ err: error }, 'routing failed');
  return reply.status(500).send({
    error: { code: 'internal', message: 'Something went wrong while routing the request; the log has the details.' },
  });
}

const tooLong = (reply: FastifyReply) =>
  reply.status(414).send({
    error: {
      code: 'too_long',
      message: `A part of the path is longer than ${maxPathParamLength} characters: no code or id is that long.`,
    },
  });

/**
 * Longest path parameter the router accepts. Above every schema's own maximum (codes are at most 200
 * characters), so a long code is refused by its schema with the field named; only absurd paths get 414.
 */
export const maxPathParamLength = 1000;

export function notFoundHandler(request: FastifyRequest, reply: FastifyReply) {
  // The router gives up on a parameter past maxParamLength; when a wildcard (the console's pages) then
  // matches instead and hands the path on here, the answer must still be the 414 the router would give.
  const path = request.url.split('?')[0];
  if (path.split('/').some((segment) => segment.length > maxPathParamLength)) return tooLong(reply);
  reply.status(404).send({
    error: {
      code: 'not_found',
      message: `There is no ${request.method} ${request.url.split('?')[0]}; see /api/docs.`,
    },
  });
}
