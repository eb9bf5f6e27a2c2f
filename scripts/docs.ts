/** `npm run docs`: rewrites the generated reference pages (event catalogue, permission matrix). */
import { writeFileSync } from 'node:fs';
import { createApp } from '../src/apps/app.js';
import { renderEventCatalogue, renderPermissionMatrix } from '../src/apps/reference-docs.js';
import { loadConfig } from '../src/platform/index.js';

const app = await createApp(loadConfig({ NODE_ENV: 'test', SQLITE_FILE: ':memory:', LOG_LEVEL: 'error' }));
writeFileSync(new URL('../docs/events.md', import.meta.url), renderEventCatalogue());
writeFileSync(new URL('../docs/permissions.md', import.meta.url), renderPermissionMatrix(app.routes));
await app.close();
console.log('wrote docs/events.md and docs/permissions.md');
