/**
 * `npm run gen:client`: writes web/shared/api/schema.d.ts, the TypeScript types of the HTTP API,
 * from the server's own OpenAPI document. The app is built in-process (nothing listens), so the
 * types always match the routes in this tree. A test fails when the committed file is stale.
 */
import { writeFileSync } from 'node:fs';
import { renderClientTypes } from './client-types.js';

const out = new URL('../web/shared/api/schema.d.ts', import.meta.url);
writeFileSync(out, await renderClientTypes());
console.log('wrote web/shared/api/schema.d.ts');
