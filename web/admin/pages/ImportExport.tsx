/** CSV import of products (ours or Shopify's export) with an upload progress bar, and CSV export of the catalog. */
import { useState } from 'react';
import { Alert, Button, Card, PageHeader } from '@shared/ui';
import { callAll, freshToken } from '../app/api';
import type { Product } from './Products';

const csvCell = (v: unknown) => { const s = v === null || v === undefined ? '' : String(v); return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s; };

export function ImportExportPage() {
  const [file, setFile] = useState<File>();
  const [upload, setUpload] = useState<number | null>(null);
  const [report, setReport] = useState<any>();
  const [error, setError] = useState<string>();
  const [exported, setExported] = useState<number | null>(null);

  const runImport = async () => {
    if (!file) return;
    setError(undefined); setReport(undefined); setUpload(0);
    const token = await freshToken();
    // XMLHttpRequest, not fetch: it reports upload progress.
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/admin/products/import');
    xhr.setRequestHeader('content-type', 'text/csv');
    if (token) xhr.setRequestHeader('authorization', `Bearer ${token}`);
    xhr.upload.onprogress = (e) => { if (e.lengthComputable) setUpload(e.loaded / e.total); };
    xhr.onload = () => {
      setUpload(1);
      let body: any;
      try { body = JSON.parse(xhr.responseText); } catch { body = xhr.responseText; }
      if (xhr.status >= 300) setError(body?.error?.message ?? `import answered ${xhr.status}`); else setReport(body);
    };
    xhr.onerror = () => setError('the upload failed');
    xhr.send(file);
  };

  const runExport = async () => {
    setError(undefined); setExported(0);
    try {
      const products = await callAll<Product>('/admin/products', { limit: 100 }, setExported);
      const rows = [['handle', 'title', 'status', 'tags', 'variant_title', 'sku', 'price', 'currency', 'weight_grams']];
      for (const p of products) for (const v of p.variants) {
        const price = v.prices[0];
        rows.push([p.handle, p.title, p.status, p.tags.join(';'), v.title, v.sku ?? '', price ? (price.amount / 100).toFixed(2) : '', price?.currency ?? '', v.weightGrams?.toString() ?? '']);
      }
      const blob = new Blob([rows.map((r) => r.map(csvCell).join(',')).join('\n') + '\n'], { type: 'text/csv' });
      const a = document.createElement('a');
      a.href = URL.createObjectURL(blob);
      a.download = `products-${new Date().toISOString().slice(0, 10)}.csv`;
      a.click();
      URL.revokeObjectURL(a.href);
    } catch (e) { setError((e as Error).message); }
  };

  return (
    <>
      <PageHeader title="Import and export" subtitle="Products as CSV (our format or Shopify's product export)" />
      {error && <Alert tone="danger">{error}</Alert>}
      <div className="two-col">
        <Card title="Import products">
          <input type="file" accept=".csv,text/csv" aria-label="CSV file" onChange={(e) => setFile(e.target.files?.[0])} />
          {upload !== null && <div className="progress" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(upload * 100)}><span style={{ width: `${upload * 100}%` }} /></div>}
          {report && <Alert tone="success" title="Import finished"><pre className="small">{JSON.stringify(report, null, 2).slice(0, 1200)}</pre></Alert>}
          <Button disabled={!file} onClick={() => void runImport()}>Import</Button>
        </Card>
        <Card title="Export products">
          <p className="small muted">Every product and variant with SKU, price and weight.</p>
          {exported !== null && <p className="small">{exported} products read…</p>}
          {exported !== null && <div className="progress progress--indeterminate" role="progressbar" aria-label="Export progress"><span /></div>}
          <Button variant="secondary" onClick={() => void runExport()}>Export CSV</Button>
        </Card>
      </div>
    </>
  );
}
