import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/apps/app.js';
import { renderEventCatalogue, renderPermissionMatrix } from '../../src/apps/reference-docs.js';
import { loadConfig } from '../../src/platform/index.js';

describe('generated reference pages', () => {
  it('docs/events.md and docs/permissions.md match the code (run `npm run docs` after changing events, roles or routes)', async () => {
    const app = await createApp(loadConfig({ NODE_ENV: 'test', SQLITE_FILE: ':memory:', LOG_LEVEL: 'error' }));
    try {
      expect(readFileSync('docs/events.md', 'utf8')).toBe(renderEventCatalogue());
      expect(readFileSync('docs/permissions.md', 'utf8')).toBe(renderPermissionMatrix(app.routes));
      expect(renderEventCatalogue()).toContain('`inventory.level_changed`');
    } finally {
      await app.close();
    }
  });
});
