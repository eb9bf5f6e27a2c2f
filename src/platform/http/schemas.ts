/** Schemas shared by many routes: the error shape, pagination, ids. */
import { Type, type TSchema } from '@sinclair/typebox';

export const ErrorResponse = Type.Object({
  error: Type.Object({
    code: Type.String(),
    message: Type.String(),
    details: Type.Any(),
  }),
}, { $id: 'ErrorResponse', description: 'Every error has this shape, with a stable code.' });

/** A page limit that rejects -1, 1e9 and Infinity alike (see the error handler for the coercion guard). */
export const Limit = (max = 100, dflt = 20) => Type.Integer({ minimum: 1, maximum: max, default: dflt, description: `page size, 1–${max}` });

export const Cursor = Type.String({ maxLength: 200, pattern: '^[A-Za-z0-9_\\-=]*$', description: 'opaque cursor from the previous page\'s `nextCursor`' });

/** A list page: items and the cursor for the next page (null at the end). */
export const Page = <T extends TSchema>(item: T) => Type.Object({ items: Type.Array(item), nextCursor: Type.Union([Type.String(), Type.Null()]) });

export const IdParam = (name = 'id') => Type.Object({ [name]: Type.String({ minLength: 1, maxLength: 120 }) }, { additionalProperties: false });

/** Strict object: unknown fields are an error, never silently dropped. */
export const Strict = <P extends Parameters<typeof Type.Object>[0]>(props: P, opts: Parameters<typeof Type.Object>[1] = {}) =>
  Type.Object(props, { additionalProperties: false, ...opts });

export const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);

/** Cursors are base64url JSON, opaque to clients. */
export function encodeCursor(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

export function decodeCursor<T>(cursor: string | undefined): T | undefined {
  if (!cursor) return undefined;
  try { return JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as T; } catch { return undefined; }
}
