/**
 * Turns a product CSV into product drafts, row by row, keeping the line of every row so problems
 * can be reported by line. Two formats are read by the same code through column aliases:
 *
 * - Shopify's product export: `Handle, Title, Body (HTML), Vendor, Product Category, Type, Tags,
 *   Published, Option1 Name, Option1 Value, … Variant SKU, Variant Grams, Variant Inventory Qty,
 *   Variant Price, Variant Compare At Price, Variant Barcode, Image Src, Image Position, Image Alt
 *   Text, Status …`, several rows per handle (variants, then extra images).
 * - Our simpler CSV: `handle, title, description, vendor, category, tags, status, option1_name,
 *   option1_value, …, sku, barcode, price, compare_at_price, weight_grams, stock, image_url`, one
 *   row per variant.
 */
import { parseDecimal } from '../../kernel/index.js';
import type { ProductInput, VariantInput } from '../../modules/catalog/contracts/schemas.js';
import { parseCsv, type CsvRecord } from './csv.js';

export interface RowProblem { line: number; handle: string | null; column?: string; message: string }

export interface VariantDraft { line: number; input: VariantInput; quantity: number | null }

export interface ProductDraft {
  handle: string;
  /** Line of the row that defines the product (its first row). */
  line: number;
  lines: number[];
  input: Omit<ProductInput, 'variants' | 'categoryIds'> & { variants: VariantInput[] };
  /** Merchant's own product type (Shopify `Type`, ours `category`), placed into a catalogue category by the importer. */
  categoryName: string | null;
  variants: VariantDraft[];
}

export interface ParsedProducts { format: 'shopify' | 'simple'; drafts: ProductDraft[]; problems: RowProblem[]; warnings: RowProblem[]; rows: number }

/** Canonical column → accepted header spellings (compared lower-case without spaces or punctuation). */
const ALIASES: Record<string, string[]> = {
  handle: ['handle', 'urlhandle', 'slug'],
  title: ['title', 'name', 'producttitle'],
  body: ['bodyhtml', 'body', 'description', 'descriptionhtml'],
  vendor: ['vendor', 'brand'],
  productCategory: ['productcategory', 'standardizedproducttype', 'googleshoppinggoogleproductcategory'],
  type: ['type', 'producttype', 'customproducttype', 'category'],
  tags: ['tags'],
  published: ['published', 'publishedonlinestore'],
  status: ['status'],
  option1Name: ['option1name'], option1Value: ['option1value'],
  option2Name: ['option2name'], option2Value: ['option2value'],
  option3Name: ['option3name'], option3Value: ['option3value'],
  sku: ['variantsku', 'sku'],
  grams: ['variantgrams', 'weightgrams', 'grams'],
  tracker: ['variantinventorytracker'],
  quantity: ['variantinventoryqty', 'variantinventoryquantity', 'stock', 'quantity', 'inventory', 'onhandnew'],
  price: ['variantprice', 'price'],
  compareAt: ['variantcompareatprice', 'compareatprice'],
  barcode: ['variantbarcode', 'barcode'],
  imageSrc: ['imagesrc', 'imageurl', 'image'],
  imagePosition: ['imageposition'],
  imageAlt: ['imagealttext', 'imagealt'],
  variantImage: ['variantimage'],
  weightUnit: ['variantweightunit'],
  giftCard: ['giftcard'],
};

const norm = (h: string) => h.toLowerCase().replace(/[^a-z0-9]/g, '');
const HANDLE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const SKU = /^[A-Za-z0-9._\-/]+$/;
const BARCODE = /^[A-Za-z0-9-]+$/;
const IMAGE_URL = /^https?:\/\/\S+$/;

/** Makes a URL-safe handle from a title, as Shopify does when the handle is missing. */
export const toHandle = (s: string) => s.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 120);

const stripHtml = (html: string) => html.replace(/<\s*br\s*\/?>/gi, '\n').replace(/<\/p>/gi, '\n').replace(/<[^>]*>/g, '').replace(/&nbsp;/g, ' ').replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/\n{3,}/g, '\n\n').trim();

export function parseProductsCsv(text: string, opts: { currency: string }): ParsedProducts {
  const records = parseCsv(text);
  const problems: RowProblem[] = [];
  const warnings: RowProblem[] = [];
  if (!records.length) return { format: 'simple', drafts: [], problems: [{ line: 1, handle: null, message: 'the file is empty' }], warnings, rows: 0 };
  const header = records[0].cells.map(norm);
  const col: Record<string, number> = {};
  for (const [key, names] of Object.entries(ALIASES)) {
    const i = header.findIndex((h) => names.includes(h));
    if (i >= 0) col[key] = i;
  }
  const format: ParsedProducts['format'] = records[0].cells.some((h) => /^(Variant Price|Body \(HTML\)|Variant SKU)$/.test(h.trim())) ? 'shopify' : 'simple';
  if (col.handle === undefined && col.title === undefined) {
    return { format, drafts: [], problems: [{ line: records[0].line, handle: null, message: 'the header names no Handle or Title column; is this a product CSV?' }], warnings, rows: records.length - 1 };
  }
  if (col.price === undefined) {
    return { format, drafts: [], problems: [{ line: records[0].line, handle: null, message: 'the header names no price column (Variant Price or price)' }], warnings, rows: records.length - 1 };
  }
  const get = (r: CsvRecord, key: string) => (col[key] === undefined ? '' : (r.cells[col[key]] ?? '').trim());
  const has = (key: string) => col[key] !== undefined;

  const drafts = new Map<string, ProductDraft>();
  const broken = new Map<string, number>();
  const images = new Map<string, { url: string; alt?: string; position: number; order: number }[]>();
  let order = 0;
  for (const r of records.slice(1)) {
    const bad = (message: string, column?: string) => problems.push({ line: r.line, handle: handle || null, column, message });
    if (r.cells.length !== records[0].cells.length && r.cells.length > 1) {
      warnings.push({ line: r.line, handle: null, message: `has ${r.cells.length} cells where the header has ${records[0].cells.length}` });
    }
    let handle = get(r, 'handle');
    const title = get(r, 'title');
    if (!handle && title) handle = toHandle(title);
    if (!handle) { bad('has no Handle (and no Title to make one from)', 'Handle'); continue; }
    if (!HANDLE.test(handle)) { bad(`Handle '${handle}' must be lower-case letters, digits and single dashes`, 'Handle'); broken.set(handle, r.line); continue; }
    let draft = drafts.get(handle);
    if (!draft) {
      if (!title) { bad(`is the first row of '${handle}' but has no Title`, 'Title'); broken.set(handle, r.line); continue; }
      draft = newDraft(r, handle, title, get, has, bad, warnings);
      drafts.set(handle, draft);
    } else draft.lines.push(r.line);

    const imageUrl = get(r, 'imageSrc');
    if (imageUrl) {
      if (!IMAGE_URL.test(imageUrl)) bad(`Image Src '${imageUrl.slice(0, 80)}' is not an http(s) URL`, 'Image Src');
      else {
        const pos = Number(get(r, 'imagePosition'));
        (images.get(handle) ?? images.set(handle, []).get(handle)!).push({ url: imageUrl, alt: get(r, 'imageAlt') || undefined, position: Number.isFinite(pos) && pos > 0 ? pos : 1e6, order: order++ });
      }
    }
    const variantImage = get(r, 'variantImage');
    if (variantImage && IMAGE_URL.test(variantImage)) (images.get(handle) ?? images.set(handle, []).get(handle)!).push({ url: variantImage, position: 1e6, order: order++ });

    // A row that only adds an image carries no variant.
    const isVariant = ['option1Value', 'option2Value', 'option3Value', 'sku', 'price', 'barcode', 'quantity', 'grams'].some((k) => get(r, k) !== '');
    if (!isVariant) continue;
    const before = problems.length;
    const variant = parseVariant(r, draft, get, has, opts.currency, bad, warnings);
    if (problems.length > before || !variant) { broken.set(handle, broken.get(handle) ?? r.line); continue; }
    draft.variants.push(variant);
  }

  const out: ProductDraft[] = [];
  for (const d of drafts.values()) {
    if (broken.has(d.handle)) {
      problems.push({ line: d.line, handle: d.handle, message: `product '${d.handle}' was not imported because of the problem on line ${broken.get(d.handle)}` });
      continue;
    }
    if (!d.variants.length) { problems.push({ line: d.line, handle: d.handle, column: 'Variant Price', message: `product '${d.handle}' has no variant row with a price` }); continue; }
    const optionProblems = checkOptions(d);
    if (optionProblems.length) { problems.push(...optionProblems); continue; }
    const imgs = (images.get(d.handle) ?? []).sort((a, b) => a.position - b.position || a.order - b.order);
    const seen = new Set<string>();
    d.input.images = imgs.filter((i) => !seen.has(i.url) && seen.add(i.url)).slice(0, 50).map((i) => ({ url: i.url, ...(i.alt ? { alt: i.alt.slice(0, 300) } : {}) }));
    d.input.variants = d.variants.map((v) => v.input);
    out.push(d);
  }
  problems.sort((a, b) => a.line - b.line);
  return { format, drafts: out, problems, warnings, rows: records.length - 1 };
}

type Get = (r: CsvRecord, key: string) => string;

function newDraft(r: CsvRecord, handle: string, title: string, get: Get, has: (k: string) => boolean, bad: (m: string, c?: string) => void, warnings: RowProblem[]): ProductDraft {
  const body = get(r, 'body');
  const tags = get(r, 'tags').split(/[,|]/).map((t) => t.trim()).filter(Boolean);
  const attributes: Record<string, string> = {};
  const vendor = get(r, 'vendor');
  if (vendor) attributes.vendor = vendor.slice(0, 200);
  const productCategory = get(r, 'productCategory');
  if (productCategory) attributes.product_category = productCategory.slice(0, 200);
  const type = get(r, 'type');
  if (type) attributes.type = type.slice(0, 200);
  let status: 'active' | 'draft' | 'archived' = 'active';
  const rawStatus = get(r, 'status').toLowerCase();
  const published = get(r, 'published').toLowerCase();
  if (rawStatus) {
    if (rawStatus === 'active' || rawStatus === 'draft' || rawStatus === 'archived') status = rawStatus;
    else bad(`Status must be active, draft or archived, got '${rawStatus}'`, 'Status');
  } else if (published === 'false' || published === 'no' || published === '0') status = 'draft';
  if (title.length > 200) bad('Title is longer than 200 characters', 'Title');
  const longTags = tags.filter((t) => t.length > 60);
  if (longTags.length) warnings.push({ line: r.line, handle, column: 'Tags', message: `${longTags.length} tag(s) longer than 60 characters were dropped` });
  const options: { name: string; values: string[] }[] = [];
  for (const n of [1, 2, 3]) {
    const name = get(r, `option${n}Name`);
    if (name && !(n === 1 && name === 'Title' && get(r, 'option1Value') === 'Default Title')) options.push({ name: name.slice(0, 60), values: [] });
  }
  if (get(r, 'giftCard').toLowerCase() === 'true') warnings.push({ line: r.line, handle, column: 'Gift Card', message: 'gift cards are imported as ordinary products' });
  void has;
  return {
    handle, line: r.line, lines: [r.line], categoryName: type || null, variants: [],
    input: {
      title: title.slice(0, 200), handle,
      description: (/<[a-z][\s\S]*>/i.test(body) ? stripHtml(body) : body).slice(0, 20_000),
      status, tags: [...new Set(tags.filter((t) => t.length <= 60))].slice(0, 50), attributes, options, variants: [],
    },
  };
}

function parseVariant(r: CsvRecord, d: ProductDraft, get: Get, has: (k: string) => boolean, currency: string, bad: (m: string, c?: string) => void, warnings: RowProblem[]): VariantDraft | null {
  const options: Record<string, string> = {};
  d.input.options!.forEach((o, i) => {
    const value = get(r, `option${i + 1}Value`);
    if (!value) { bad(`${o.name} (Option${i + 1} Value) is empty`, `Option${i + 1} Value`); return; }
    options[o.name] = value.slice(0, 100);
    if (!o.values.includes(options[o.name])) o.values.push(options[o.name]);
  });
  const priceText = get(r, 'price');
  const price = priceText ? parseDecimal(priceText.replace(/^\$/, ''), currency) : null;
  if (!priceText) bad('Variant Price is empty', 'Variant Price');
  else if (price === null || price < 0) bad(`Variant Price '${priceText}' is not a price (use a decimal like 19.99)`, 'Variant Price');
  const compareText = get(r, 'compareAt');
  if (compareText && parseDecimal(compareText, currency) === null) bad(`Variant Compare At Price '${compareText}' is not a price`, 'Variant Compare At Price');
  const sku = get(r, 'sku').replace(/^'/, '');
  if (sku && (!SKU.test(sku) || sku.length > 100)) bad(`Variant SKU '${sku}' may contain only letters, digits and . _ - /`, 'Variant SKU');
  const barcode = get(r, 'barcode').replace(/^'/, '');
  if (barcode && (!BARCODE.test(barcode) || barcode.length > 64)) bad(`Variant Barcode '${barcode}' may contain only letters, digits and dashes`, 'Variant Barcode');
  const gramsText = get(r, 'grams');
  let grams: number | undefined;
  if (gramsText) {
    const g = Number(gramsText);
    if (!Number.isFinite(g) || g < 0) bad(`Variant Grams '${gramsText}' is not a weight`, 'Variant Grams');
    else grams = Math.round(g);
  }
  const qtyText = get(r, 'quantity');
  let quantity: number | null = null;
  if (qtyText) {
    if (!/^-?\d+$/.test(qtyText)) bad(`Variant Inventory Qty '${qtyText}' is not a whole number`, 'Variant Inventory Qty');
    else {
      quantity = Number(qtyText);
      if (quantity < 0) { warnings.push({ line: r.line, handle: d.handle, column: 'Variant Inventory Qty', message: `negative stock ${quantity} imported as 0` }); quantity = 0; }
    }
  }
  if (price === null || price < 0) return null;
  // Shopify leaves the tracker empty for variants whose stock it does not count.
  const manageInventory = has('tracker') ? get(r, 'tracker') !== '' : true;
  const input: VariantInput = {
    ...(sku ? { sku } : {}), ...(barcode ? { barcode } : {}),
    ...(Object.keys(options).length ? { options } : {}),
    ...(grams !== undefined ? { weightGrams: grams } : {}),
    manageInventory,
    prices: [{ currency, amount: price }],
  };
  return { line: r.line, input, quantity: manageInventory ? quantity : null };
}

/** Each variant must have a distinct combination of option values. */
function checkOptions(d: ProductDraft): RowProblem[] {
  const out: RowProblem[] = [];
  const seen = new Map<string, number>();
  for (const v of d.variants) {
    const key = JSON.stringify(v.input.options ?? {});
    const first = seen.get(key);
    if (first !== undefined) out.push({ line: v.line, handle: d.handle, column: 'Option1 Value', message: `repeats the options of line ${first} (${Object.values(v.input.options ?? {}).join(' / ') || 'no options'})` });
    else seen.set(key, v.line);
  }
  if (!d.input.options!.length && d.variants.length > 1) out.push({ line: d.variants[1].line, handle: d.handle, column: 'Option1 Name', message: `product '${d.handle}' has several variants but no option names` });
  if (out.length) out.push({ line: d.line, handle: d.handle, message: `product '${d.handle}' was not imported because of the problems above` });
  return out;
}
