/** The product editor: title, description, status, tags, variants (SKU, price, weight, stock tracking) and images. */
import { useEffect, useState } from 'react';
import { Alert, Button, Card, Checkbox, Input, PageHeader, Select, TextArea, useToast } from '@shared/ui';
import { formatMoney, parseMoney } from '@shared/format';
import { call } from '../app/api';
import { Link, navigate } from '../app/router';
import { useSession } from '../app/session';
import { StatusBadge } from '../components/bits';
import type { Product } from './Products';

const CURRENCY = 'USD';
interface VariantForm { id?: string; title: string; sku: string; price: string; weight: string; manageInventory: boolean }
const blank: VariantForm = { title: 'Default', sku: '', price: '', weight: '', manageInventory: true };
const toPrice = (amount?: number) => (amount === undefined ? '' : (amount / 100).toFixed(2));

export function ProductEditorPage({ id }: { id?: string }) {
  const toast = useToast();
  const { can } = useSession();
  const [product, setProduct] = useState<Product>();
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [status, setStatus] = useState('draft');
  const [tags, setTags] = useState('');
  const [variants, setVariants] = useState<VariantForm[]>([{ ...blank }]);
  const [imageUrl, setImageUrl] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const fill = (p: Product) => {
    setProduct(p); setTitle(p.title); setDescription(p.description); setStatus(p.status); setTags(p.tags.join(', '));
    setVariants(p.variants.map((v) => ({ id: v.id, title: v.title, sku: v.sku ?? '', price: toPrice(v.prices.find((x) => x.currency === CURRENCY)?.amount), weight: v.weightGrams?.toString() ?? '', manageInventory: v.manageInventory })));
  };
  useEffect(() => { if (id) call<Product>('GET', `/admin/products/${id}`).then(fill, (e) => setError(e.message)); }, [id]);

  const variantBody = (v: VariantForm) => {
    const amount = parseMoney(v.price, CURRENCY);
    if (amount === null) throw new Error(`enter a price for "${v.title}"`);
    return { title: v.title.trim() || 'Default', sku: v.sku.trim() || null, weightGrams: v.weight ? Number(v.weight) : null, manageInventory: v.manageInventory, prices: [{ currency: CURRENCY, amount }] };
  };

  const save = async () => {
    setBusy(true); setError(undefined);
    try {
      const base = { title: title.trim(), description, status, tags: tags.split(',').map((t) => t.trim()).filter(Boolean) };
      if (!product) {
        const created = await call<Product>('POST', '/admin/products', { body: { ...base, variants: variants.map((v) => { const b = variantBody(v); return { ...b, sku: b.sku ?? undefined, weightGrams: b.weightGrams ?? undefined }; }) } });
        toast.success('Product created');
        navigate(`/products/${created.id}`, { replace: true });
        return;
      }
      await call('PATCH', `/admin/products/${product.id}`, { body: base });
      for (const v of variants) {
        if (v.id) await call('PATCH', `/admin/variants/${v.id}`, { body: variantBody(v) });
        else { const b = variantBody(v); await call('POST', `/admin/products/${product.id}/variants`, { body: { ...b, sku: b.sku ?? undefined, weightGrams: b.weightGrams ?? undefined } }); }
      }
      fill(await call<Product>('GET', `/admin/products/${product.id}`));
      toast.success('Saved');
    } catch (e) { setError((e as Error).message); } finally { setBusy(false); }
  };

  const addImage = async () => {
    if (!product || !imageUrl.trim()) return;
    try {
      await call('POST', `/admin/products/${product.id}/images`, { body: { url: imageUrl.trim(), alt: title } });
      setImageUrl('');
      fill(await call<Product>('GET', `/admin/products/${product.id}`));
    } catch (e) { toast.error((e as Error).message); }
  };
  const removeImage = async (imageId: string) => {
    if (!product) return;
    await call('DELETE', `/admin/products/${product.id}/images/${imageId}`);
    fill(await call<Product>('GET', `/admin/products/${product.id}`));
  };
  const set = (i: number, patch: Partial<VariantForm>) => setVariants(variants.map((v, j) => (j === i ? { ...v, ...patch } : v)));
  const editable = can('catalog:write');

  return (
    <>
      <div className="crumbs"><Link to="/products">Products</Link> / {product?.title ?? 'New product'}</div>
      <PageHeader title={<span className="order-title">{product?.title ?? 'New product'} {product && <StatusBadge status={product.status} />}</span>}
        subtitle={product ? `/${product.handle}` : 'Draft products stay off the storefront until you make them active.'}
        actions={editable && <Button busy={busy} onClick={() => void save()}>{product ? 'Save' : 'Create product'}</Button>} />
      {error && <Alert tone="danger">{error}</Alert>}
      <div className="order-grid">
        <div className="order-main">
          <Card title="Details">
            <Input label="Title" value={title} onChange={(e) => setTitle(e.target.value)} maxLength={200} required />
            <TextArea label="Description" value={description} onChange={(e) => setDescription(e.target.value)} rows={5} />
          </Card>
          <Card title="Variants" actions={editable && <Button size="sm" variant="secondary" onClick={() => setVariants([...variants, { ...blank, title: `Variant ${variants.length + 1}` }])}>Add variant</Button>}>
            <table className="lines variants">
              <thead><tr><th>Variant</th><th>SKU</th><th className="num">Price ({CURRENCY})</th><th className="num">Weight (g)</th><th>Track stock</th></tr></thead>
              <tbody>
                {variants.map((v, i) => (
                  <tr key={v.id ?? `new${i}`}>
                    <td><input className="ui-input" aria-label="Variant title" value={v.title} onChange={(e) => set(i, { title: e.target.value })} /></td>
                    <td><input className="ui-input" aria-label="SKU" value={v.sku} onChange={(e) => set(i, { sku: e.target.value })} /></td>
                    <td><input className="ui-input num" aria-label="Price" inputMode="decimal" value={v.price} onChange={(e) => set(i, { price: e.target.value })} /></td>
                    <td><input className="ui-input num" aria-label="Weight in grams" inputMode="numeric" value={v.weight} onChange={(e) => set(i, { weight: e.target.value.replace(/\D/g, '') })} /></td>
                    <td><Checkbox label={<span className="ui-visually-hidden">Track stock</span>} checked={v.manageInventory} onChange={(e) => set(i, { manageInventory: e.target.checked })} /></td>
                  </tr>
                ))}
              </tbody>
            </table>
            {product && <p className="small muted">Stock per location is on the <Link to={`/inventory?variantId=${product.variants[0]?.id ?? ''}`}>inventory</Link> page.</p>}
          </Card>
        </div>
        <aside className="order-side">
          <Card title="Status">
            <Select label="Status" hideLabel value={status} onChange={(e) => setStatus(e.target.value)} options={[{ value: 'draft', label: 'Draft' }, { value: 'active', label: 'Active' }, { value: 'archived', label: 'Archived' }]} />
            <Input label="Tags" hint="Comma-separated" value={tags} onChange={(e) => setTags(e.target.value)} />
          </Card>
          <Card title="Images">
            {!product && <p className="small muted">Add images once the product is created.</p>}
            <div className="images">
              {product?.images.map((im) => (
                <figure key={im.id} className="images__item">
                  <img src={im.url} alt={im.alt ?? ''} loading="lazy" />
                  {editable && <button type="button" className="ui-icon-btn images__remove" aria-label="Remove image" onClick={() => void removeImage(im.id)}>×</button>}
                </figure>
              ))}
            </div>
            {product && editable && <form onSubmit={(e) => { e.preventDefault(); void addImage(); }}>
              <Input label="Image URL" placeholder="https://…" value={imageUrl} onChange={(e) => setImageUrl(e.target.value)} />
              <Button type="submit" size="sm" variant="secondary" disabled={!imageUrl.trim()}>Add image</Button>
            </form>}
          </Card>
          {product && <Card title="Summary">
            <p className="small">{product.variants.length} variant(s) · from {formatMoney(Math.min(...product.variants.flatMap((v) => v.prices.filter((x) => x.currency === CURRENCY).map((x) => x.amount)), Infinity) === Infinity ? 0 : Math.min(...product.variants.flatMap((v) => v.prices.filter((x) => x.currency === CURRENCY).map((x) => x.amount))), CURRENCY)}</p>
          </Card>}
        </aside>
      </div>
    </>
  );
}
