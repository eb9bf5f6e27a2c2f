/** Maps every thrown error to the one error shape and the right status, in one place. */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { isAppError, type ErrorDetail } from '../../kernel/index.js';

const CONTEXT_NAMES: Record<string, string> = { body: 'body', querystring: 'query', params: 'path', headers: 'header' };

interface AjvError { instancePath: string; keyword: string; message?: string; params: Record<string, any> }

/** Turns Ajv errors into details that name the field, e.g. `body.variants[0].sku`. */
export function validationDetails(context: string | undefined, errors: AjvError[]): ErrorDetail[] {
  const where = CONTEXT_NAMES[context ?? 'body'] ?? context ?? 'body';
  const seen = new Set<string>();
  const out: ErrorDetail[] = [];
  for (const e of errors) {
    let path = e.instancePath.replace(/^\//, '').split('/').filter(Boolean).map((p) => (/^\d+$/.test(p) ? `[${p}]` : `.${p}`)).join('');
    if (e.keyword === 'required') path += `.${e.params.missingProperty}`;
    if (e.keyword === 'additionalProperties') path += `.${e.params.additionalProperty}`;
    const field = `${where}${path}`;
    const message = e.keyword === 'additionalProperties' ? 'is not a known field'
      : e.keyword === 'required' ? 'is required'
      : e.message ?? 'is invalid';
    const key = `${field}:${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ field, message });
  }
  return out;
}

export function errorHandler(error: FastifyError & { validation?: AjvError[]; validationContext?: string }, req: FastifyRequest, reply: FastifyReply): void {
  if (isAppError(error)) {
    if (error.status >= 500) req.log.error({ err: error }, 'request failed');
    void reply.code(error.status).send({ error: { code: error.code, message: error.message, details: error.details } });
    return;
  }
  if (error.validation) {
    const details = validationDetails(error.validationContext, error.validation);
    const message = details.length ? `invalid request: ${details.map((d) => `${d.field} ${d.message}`).join('; ')}` : error.message;
    void reply.code(400).send({ error: { code: 'validation.failed', message, details } });
    return;
  }
  const map: Record<string, [number, string, string]> = {
    FST_ERR_CTP_INVALID_MEDIA_TYPE: [415, 'request.unsupported_media_type', 'unsupported Content-Type; send application/json'],
    FST_ERR_CTP_INVALID_CONTENT_LENGTH: [400, 'request.bad_content_length', 'Content-Length does not match the body'],
    FST_ERR_CTP_BODY_TOO_LARGE: [413, 'request.too_large', 'request body is too large'],
    FST_ERR_CTP_EMPTY_JSON_BODY: [400, 'request.empty_body', 'a JSON body is required'],
    FST_ERR_CTP_INVALID_JSON_BODY: [400, 'request.malformed_json', 'the body is not valid JSON'],
    FST_ERR_CTP_EMPTY_TYPE: [400, 'request.bad_content_type', 'Content-Type is empty'],
    FST_ERR_CTP_INVALID_TYPE: [400, 'request.bad_content_type', 'Content-Type is invalid'],
    FST_ERR_RATE_LIMIT: [429, 'request.rate_limited', 'too many requests; slow down'],
  };
  const known = error.code ? map[error.code] : error.statusCode === 429 ? map.FST_ERR_RATE_LIMIT : undefined;
  if (known) {
    void reply.code(known[0]).send({ error: { code: known[1], message: known[2], details: [] } });
    return;
  }
  if (error instanceof SyntaxError || error.statusCode === 400) {
    void reply.code(400).send({ error: { code: 'request.malformed', message: error.message, details: [] } });
    return;
  }
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
    void reply.code(error.statusCode).send({ error: { code: `request.${error.code ?? 'invalid'}`.toLowerCase(), message: error.message, details: [] } });
    return;
  }
  req.log.error({ err: error }, 'unhandled error');
  void reply.code(500).send({ error: { code: 'internal.error', message: 'something went wrong on our side; the request id is in the x-request-id header', details: [] } });
}
