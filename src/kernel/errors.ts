/**
 * The one error model. Every failure that reaches a client is an AppError with a stable code
 * (`module.reason`), an HTTP status and optional details naming the offending fields.
 */
export interface ErrorDetail {
  field?: string;
  message: string;
  [k: string]: unknown;
}

export class AppError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number = 400,
    readonly details: ErrorDetail[] | Record<string, unknown> = [],
  ) {
    super(message);
    this.name = 'AppError';
  }
}

/** 400 for input that failed validation, naming each field. */
export const validationError = (message: string, details: ErrorDetail[] = []) =>
  new AppError('validation.failed', message, 400, details);

/** 404 for a missing resource of a kind, e.g. notFound('catalog.product_not_found', 'product', id). */
export const notFound = (code: string, what: string, id: string) =>
  new AppError(code, `${what} '${id}' was not found`, 404, { id });

export const conflict = (code: string, message: string, details: Record<string, unknown> = {}) =>
  new AppError(code, message, 409, details);

export const unauthorized = (message = 'authentication is required', code = 'auth.unauthenticated') =>
  new AppError(code, message, 401);

export const forbidden = (message = 'you do not have permission for this action', code = 'auth.forbidden') =>
  new AppError(code, message, 403);

export const isAppError = (e: unknown): e is AppError => e instanceof AppError;
