/**
 * Invalid input of every kind gets a 4xx that names the problem, and nothing is written. The
 * routes and their schemas are read from the app, so every new route is swept too.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnyRoute } from '../../src/platform/index.js';
import { startTestApp, type TestApp } from '../support/harness.js';

let t: TestApp;
let token: string;
let customerToken: string;
beforeAll(async () => {
  t = await startTestApp();
  token = (await t.staff('owner')).token;
  customerToken = (await t.customer()).token;
});
afterAll(async () => { await t?.close(); });

const fill = (url: string) => url.replace(/:seq/g, '999999').replace(/:[A-Za-z]+/g, 'zz_missing');
const bodyRoutes = () => t.app.routes.filter((r) => r.body && !r.rawBody && !r.url.endsWith('/logout'));
const auth = (r: AnyRoute) => (r.access.kind === 'staff' ? token : r.access.kind === 'customer' ? customerToken : undefined);

async function tableCounts(): Promise<Record<string, number>> {
  const db = t.app.database.db;
  const names = t.dialect === 'postgres'
    ? (await db.selectFrom('information_schema.tables' as any).select('table_name as name').where('table_schema', '=', (await import('kysely')).sql`current_schema()` as any).execute()).map((r: any) => r.name)
    : (await db.selectFrom('sqlite_master').select('name').where('type', '=', 'table').where('name', 'not like', 'sqlite_%').execute()).map((r: any) => r.name);
  const out: Record<string, number> = {};
  for (const n of names) out[n] = Number((await db.selectFrom(n).select((eb) => eb.fn.countAll().as('c')).executeTakeFirstOrThrow()).c);
  return out;
}

/** Walks a JSON schema and reports strings without a bound, objects that accept unknown keys, arrays without maxItems. */
function unbounded(schema: any, path: string, out: string[]): string[] {
  if (!schema || typeof schema !== 'object') return out;
  for (const key of ['anyOf', 'oneOf', 'allOf']) for (const s of schema[key] ?? []) unbounded(s, path, out);
  if (schema.type === 'string' && schema.maxLength === undefined && !schema.enum && schema.const === undefined && !schema.format) out.push(`${path} (string without maxLength)`);
  if (schema.type === 'object' && schema.properties && schema.additionalProperties !== false) out.push(`${path} (object accepts unknown fields)`);
  if (schema.type === 'array' && schema.maxItems === undefined) out.push(`${path} (array without maxItems)`);
  for (const [k, v] of Object.entries(schema.properties ?? {})) unbounded(v, `${path}.${k}`, out);
  if (schema.items) unbounded(schema.items, `${path}[]`, out);
  return out;
}

describe('invalid input', () => {
  it('every request schema bounds its strings and arrays and refuses unknown fields', () => {
    const problems = t.app.routes.flatMap((r) => [
      ...unbounded(r.body, `${r.method} ${r.url} body`, []),
      ...unbounded(r.query, `${r.method} ${r.url} query`, []),
    ]);
    expect(problems).toEqual([]);
  });

  it('answers every kind of bad body with a 4xx naming the problem, and writes nothing', async () => {
    const before = await tableCounts();
    for (const r of bodyRoutes()) {
      const url = fill(r.url);
      const name = `${r.method} ${r.url}`;
      const malformed = await t.api(r.method, url, { token: auth(r), raw: '{"a": ', headers: { 'content-type': 'application/json' } });
      expect(malformed.status, `${name} malformed`).toBe(400);
      expect(malformed.body.error.code).toBe('request.malformed_json');
      const wrongType = await t.api(r.method, url, { token: auth(r), raw: '<x/>', headers: { 'content-type': 'application/xml' } });
      expect(wrongType.status, `${name} xml`).toBe(415);
      const notObject = await t.api(r.method, url, { token: auth(r), body: ['a'] });
      expect(notObject.status, `${name} array body`).toBe(400);
      const unknown = await t.api(r.method, url, { token: auth(r), body: { zz_unknown_field: 1 } });
      expect(unknown.status, `${name} unknown field`).toBe(400);
      expect(unknown.body.error.details.map((d: any) => d.field), name).toContain('body.zz_unknown_field');
      const props = Object.entries((r.body as any).properties ?? {}) as [string, any][];
      for (const [prop, schema] of props) {
        const bad = schema.type === 'string' ? 12345 : schema.type === 'integer' || schema.type === 'number' || schema.type === 'boolean' ? { not: 'scalar' } : schema.type === 'array' ? 'not-an-array' : undefined;
        if (bad === undefined) continue;
        const res = await t.api(r.method, url, { token: auth(r), body: { [prop]: bad } });
        expect(res.status, `${name} ${prop} wrong type`).toBe(400);
        expect(res.body.error.details.map((d: any) => d.field), `${name} ${prop}`).toContain(`body.${prop}`);
        if (schema.type === 'string' && schema.maxLength) {
          const huge = await t.api(r.method, url, { token: auth(r), body: { [prop]: 'x'.repeat(schema.maxLength + 1) } });
          expect(huge.status, `${name} ${prop} huge`).toBe(400);
          expect(huge.body.error.details.map((d: any) => d.field)).toContain(`body.${prop}`);
        }
      }
      const required: string[] = (r.body as any).required ?? [];
      if (required.length) {
        const missing = await t.api(r.method, url, { token: auth(r), body: {} });
        expect(missing.status, `${name} missing`).toBe(400);
        expect(missing.body.error.details.map((d: any) => d.field)).toContain(`body.${required[0]}`);
      }
    }
    const oversized = await t.api('POST', '/store/auth/register', { raw: JSON.stringify({ email: 'a@b.co', password: 'x'.repeat(2 * 1024 * 1024) }), headers: { 'content-type': 'application/json' } });
    expect(oversized.status).toBe(413);
    expect(await tableCounts()).toEqual(before);
  });

  it('refuses out-of-range and non-finite page sizes on every listing', async () => {
    const listings = t.app.routes.filter((r) => r.method === 'GET' && (r.query as any)?.properties?.limit);
    expect(listings.length).toBeGreaterThan(0);
    for (const r of listings) {
      for (const bad of ['-1', '0', '1e9', 'Infinity', '-Infinity', 'NaN', 'abc', '2.5']) {
        const res = await t.api('GET', `${fill(r.url)}?limit=${bad}`, { token: auth(r) });
        expect(res.status, `${r.url}?limit=${bad}`).toBe(400);
        expect(res.body.error.details.map((d: any) => d.field)).toContain('query.limit');
      }
      const unknown = await t.api('GET', `${fill(r.url)}?zz_unknown=1`, { token: auth(r) });
      expect(unknown.status, `${r.url} unknown query`).toBe(400);
    }
  });
});
