import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/harness.js';

let t: TestApp;
let agent: { id: string; token: string };
beforeAll(async () => {
  t = await startTestApp();
  agent = await t.staff('support');
});
afterAll(async () => { await t?.close(); });

const create = async (body: Record<string, unknown>) => {
  const res = await t.api('POST', '/admin/support/kb/articles', { token: agent.token, body });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
};

describe('support: knowledge base', () => {
  it('every edit is a new version; old versions stay readable; search cites the newest published version', async () => {
    const a = await create({
      title: 'Returns policy', category: 'returns', language: 'en', status: 'published', translationKey: 'returns-policy', tags: ['Refund', 'return'],
      body: '# Return window\nYou can return unworn items within 30 days of delivery.\n\n# Refunds\nRefunds go back to the original payment method within 5 business days of us receiving the parcel.',
    });
    expect(a).toMatchObject({ version: 1, status: 'published', language: 'en', category: 'returns', tags: ['refund', 'return'], translations: [] });

    let hits = (await t.api('GET', '/admin/support/kb/search?q=how+many+days+to+return&language=en', { token: agent.token })).body.items;
    expect(hits[0]).toMatchObject({ articleId: a.id, version: 1, title: 'Returns policy', heading: 'Return window', category: 'returns', language: 'en' });
    expect(hits[0].passage).toContain('30 days');

    const edited = await t.api('PATCH', `/admin/support/kb/articles/${a.id}`, {
      token: agent.token, body: { body: '# Return window\nYou can return unworn items within 45 days of delivery.\n\n# Refunds\nRefunds take 5 business days.', note: 'longer window' },
    });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    expect(edited.body.version).toBe(2);

    hits = (await t.api('GET', '/admin/support/kb/search?q=return+days&language=en', { token: agent.token })).body.items;
    expect(hits[0]).toMatchObject({ articleId: a.id, version: 2 });
    expect(hits[0].passage).toContain('45 days');
    expect(hits.some((h: any) => h.passage.includes('30 days'))).toBe(false);

    const versions = (await t.api('GET', `/admin/support/kb/articles/${a.id}/versions`, { token: agent.token })).body.items;
    expect(versions.map((v: any) => v.version)).toEqual([2, 1]);
    expect(versions[0].note).toBe('longer window');
    const v1 = await t.api('GET', `/admin/support/kb/articles/${a.id}/versions/1`, { token: agent.token });
    expect(v1.status).toBe(200);
    expect(v1.body.body).toContain('30 days');
    expect((await t.api('GET', `/admin/support/kb/articles/${a.id}/versions/9`, { token: agent.token })).status).toBe(404);

    // The service the support assistant calls answers the same.
    const direct = await t.app.modules.support.service.kb.search(t.app.systemCtx(), 'refund business days', { language: 'en', limit: 1 });
    expect(direct).toEqual([expect.objectContaining({ articleId: a.id, version: 2, heading: 'Refunds' })]);
  });

  it('drafts and archived articles are not searchable; languages and categories filter; translations are linked', async () => {
    const fr = await create({ title: 'Politique de retour', category: 'returns', language: 'fr', status: 'published', translationKey: 'returns-policy', body: 'Vous pouvez retourner les articles sous 30 jours après la livraison.' });
    const draft = await create({ title: 'Warranty draft', category: 'warranty', language: 'en', body: 'Every kettle has a two year warranty against defects.' });
    expect(draft.status).toBe('draft');
    const q = (s: string) => t.api('GET', `/admin/support/kb/search?${s}`, { token: agent.token }).then((r) => r.body.items);
    expect(await q('q=kettle+warranty')).toEqual([]);
    await t.api('PATCH', `/admin/support/kb/articles/${draft.id}`, { token: agent.token, body: { status: 'published' } });
    expect((await q('q=kettle+warranty'))[0]).toMatchObject({ articleId: draft.id, version: 2 });
    expect(await q('q=kettle+warranty&language=fr')).toEqual([]);
    await t.api('PATCH', `/admin/support/kb/articles/${draft.id}`, { token: agent.token, body: { status: 'archived' } });
    expect(await q('q=kettle+warranty')).toEqual([]);

    const frHits = await q('q=retourner+livraison&language=fr');
    expect(frHits[0]).toMatchObject({ articleId: fr.id, language: 'fr' });
    expect((await q('q=retourner&category=warranty'))).toEqual([]);
    // Accents do not matter.
    expect((await q('q=apres+livraison&language=fr'))[0]?.articleId).toBe(fr.id);

    const en = (await t.api('GET', '/admin/support/kb/articles?language=en&category=returns', { token: agent.token })).body.items[0];
    const full = await t.api('GET', `/admin/support/kb/articles/${en.id}`, { token: agent.token });
    expect(full.body.translations).toEqual([{ id: fr.id, language: 'fr', status: 'published', title: 'Politique de retour' }]);

    const cats = (await t.api('GET', '/admin/support/kb/categories', { token: agent.token })).body.items;
    expect(cats).toEqual(expect.arrayContaining([{ category: 'returns', articles: 2, published: 2, languages: ['en', 'fr'] }]));

    // The store searches published articles without signing in.
    const store = await t.api('GET', '/store/support/kb/search?q=retourner&language=fr');
    expect(store.status).toBe(200);
    expect(store.body.items[0].articleId).toBe(fr.id);
  });

  it('bad input names the field; a second article with the same translation key and language is a conflict', async () => {
    const bad = await t.api('POST', '/admin/support/kb/articles', { token: agent.token, body: { title: 'x', body: 'y', category: 'Bad Category', language: 'en' } });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body.error.details)).toContain('category');
    const dup = await t.api('POST', '/admin/support/kb/articles', { token: agent.token, body: { title: 'x', body: 'y', category: 'returns', language: 'fr', translationKey: 'returns-policy' } });
    expect(dup.status).toBe(409);
    expect(dup.body.error.code).toBe('support.kb_translation_taken');
    const empty = await t.api('PATCH', '/admin/support/kb/articles/kb_nope', { token: agent.token, body: {} });
    expect(empty.status).toBe(400);
    expect((await t.api('PATCH', '/admin/support/kb/articles/kb_nope', { token: agent.token, body: { title: 'z' } })).status).toBe(404);
    const clerk = await t.staff('clerk');
    expect((await t.api('GET', '/admin/support/kb/articles', { token: clerk.token })).status).toBe(403);
  });
});

describe('support: the demo store\'s help articles', () => {
  it('answer the common policy questions in English, French and German, each hit citable', async () => {
    const { DEMO_ARTICLES } = await import('../../src/flows/demo-store/support-kb.js');
    const s = await startTestApp();
    try {
      const kb = s.app.modules.support.service.kb;
      const ctx = s.app.systemCtx();
      for (const a of DEMO_ARTICLES) await kb.create(ctx, { title: a.title, body: a.body, category: a.category, language: a.language, status: 'published', tags: a.tags, translationKey: a.key });
      const top = async (q: string, language: string) => (await kb.search(ctx, q, { language, limit: 3 }))[0];
      expect(await top('how long does express delivery take', 'en')).toMatchObject({ category: 'shipping', heading: 'Delivery methods in the United States', version: 1 });
      expect((await top('can I return shoes after 30 days', 'en')).category).toBe('returns');
      expect((await top('when will I get my refund', 'en')).passage).toContain('5 working days');
      expect((await top('charged twice', 'en')).category).toBe('payments');
      expect((await top('my item arrived broken', 'en')).category).toBe('warranty');
      expect((await top('which size should I take', 'en')).category).toBe('sizing');
      expect((await top('delete my account data', 'en')).category).toBe('privacy');
      expect((await top('délai de remboursement', 'fr')).category).toBe('returns');
      expect((await top('livraison internationale', 'fr')).category).toBe('shipping');
      expect((await top('Rücksendung Erstattung', 'de')).category).toBe('returns');
      const cats = await kb.categories(ctx);
      expect(cats.map((c) => c.category)).toEqual(['payments', 'privacy', 'returns', 'shipping', 'sizing', 'warranty']);
    } finally { await s.close(); }
  });
});
