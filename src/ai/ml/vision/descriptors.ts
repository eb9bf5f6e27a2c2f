/**
 * Image descriptors for visual search, computed from raw RGB pixels (no I/O; the caller decodes):
 *
 * - colour: a histogram in a perceptual space — CIELAB, split into achromatic bins by lightness
 *   and chromatic bins by hue (soft-assigned to the two nearest hues) and lightness — weighted
 *   towards the object: pixels unlike the border (the usual photo background) and near the
 *   centre count most;
 * - shape: a histogram of edge orientations (Sobel on lightness, weighted by edge strength) over a
 *   2×2 grid, plus the share of edge pixels;
 * - texture: local binary patterns (uniform codes by number of set bits, non-uniform apart).
 *
 * Similarity is a weighted sum of histogram intersections (colour, texture) and cosine (shape).
 */

export const DESCRIPTOR_VERSION = 'colour-shape-texture/v1';
export const DESCRIPTOR_SIZE = 64;

const HUES = 12;
const LIGHT = 3;
const GREYS = 5;
const COLOUR_BINS = GREYS + HUES * LIGHT;
const ORIENT = 8;
const SHAPE_BINS = ORIENT * 4 + 1;
const TEXTURE_BINS = 10;
const CHROMA_MIN = 14;

export interface ImageDescriptor {
  version: string;
  colour: number[];
  shape: number[];
  texture: number[];
  /** The object's main colour in words ("red", "navy blue" → "blue", "white"). */
  dominant: string;
}

function srgbToLinear(c: number): number {
  const v = c / 255;
  return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
}

const LIN = Array.from({ length: 256 }, (_, i) => srgbToLinear(i));
const f = (t: number) => (t > 216 / 24389 ? Math.cbrt(t) : (t * 24389 / 27 + 16) / 116);

/** sRGB (0–255) to CIELAB (D65). */
export function rgbToLab(r: number, g: number, b: number): [number, number, number] {
  const R = LIN[r], G = LIN[g], B = LIN[b];
  const x = (0.4124 * R + 0.3576 * G + 0.1805 * B) / 0.95047;
  const y = 0.2126 * R + 0.7152 * G + 0.0722 * B;
  const z = (0.0193 * R + 0.1192 * G + 0.9505 * B) / 1.08883;
  const fx = f(x), fy = f(y), fz = f(z);
  return [116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)];
}

const normalise = (h: number[]): number[] => {
  const s = h.reduce((a, b) => a + b, 0);
  return s > 0 ? h.map((v) => v / s) : h;
};

/** Hue names by the hue angle of CIELAB (degrees), for the reason shown to a shopper. */
function hueName(deg: number): string {
  const h = (deg + 360) % 360;
  if (h >= 350 || h < 20) return 'pink';
  if (h < 62) return 'red';
  if (h < 85) return 'orange';
  if (h < 115) return 'yellow';
  if (h < 170) return 'green';
  if (h < 240) return 'teal';
  if (h < 315) return 'blue';
  return 'purple';
}

/** Name of a colour bin. */
function binName(bin: number): string {
  if (bin < GREYS) return ['black', 'dark grey', 'grey', 'light grey', 'white'][bin];
  const hue = Math.floor((bin - GREYS) / LIGHT);
  return hueName((hue + 0.5) * (360 / HUES));
}

/** Computes the descriptor of an image given as packed RGB bytes, width × height × 3. */
export function describeImage(rgb: Uint8Array | Buffer, width: number, height: number): ImageDescriptor {
  const n = width * height;
  const L = new Float32Array(n), A = new Float32Array(n), B = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const [l, a, b] = rgbToLab(rgb[i * 3], rgb[i * 3 + 1], rgb[i * 3 + 2]);
    L[i] = l; A[i] = a; B[i] = b;
  }
  // The background: the median border colour (photos and our generated images alike sit on one).
  const border: number[] = [];
  for (let x = 0; x < width; x++) border.push(x, (height - 1) * width + x);
  for (let y = 1; y < height - 1; y++) border.push(y * width, y * width + width - 1);
  const med = (arr: Float32Array) => { const v = border.map((i) => arr[i]).sort((p, q) => p - q); return v[Math.floor(v.length / 2)]; };
  const bg = [med(L), med(A), med(B)];
  const weight = new Float32Array(n);
  const cx = (width - 1) / 2, cy = (height - 1) / 2;
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) {
    const i = y * width + x;
    const d = Math.hypot(L[i] - bg[0], A[i] - bg[1], B[i] - bg[2]);
    const fg = d > 18 ? 1 : 0.08;
    const r2 = ((x - cx) / width) ** 2 + ((y - cy) / height) ** 2;
    weight[i] = fg * Math.exp(-r2 / (2 * 0.35 ** 2));
  }

  // Colour.
  const colour = new Array<number>(COLOUR_BINS).fill(0);
  for (let i = 0; i < n; i++) {
    const w = weight[i];
    const chroma = Math.hypot(A[i], B[i]);
    if (chroma < CHROMA_MIN) {
      colour[Math.min(GREYS - 1, Math.max(0, Math.floor(L[i] / (100 / GREYS))))] += w;
      continue;
    }
    const deg = ((Math.atan2(B[i], A[i]) * 180) / Math.PI + 360) % 360;
    const pos = deg / (360 / HUES) - 0.5;
    const h0 = ((Math.floor(pos) % HUES) + HUES) % HUES;
    const h1 = (h0 + 1) % HUES;
    const t = pos - Math.floor(pos);
    // Lightness is soft-assigned too, so a dark red and a red share bins instead of falling either side of an edge.
    const lpos = Math.min(LIGHT - 1, Math.max(0, L[i] / (100 / LIGHT) - 0.5));
    const l0 = Math.floor(lpos), l1 = Math.min(LIGHT - 1, l0 + 1), u = lpos - l0;
    // Weak colours count partly as grey: a pale pink is close to a light grey.
    const sat = Math.min(1, (chroma - CHROMA_MIN) / 20 + 0.5);
    for (const [h, wh] of [[h0, 1 - t], [h1, t]] as const) {
      colour[GREYS + h * LIGHT + l0] += w * wh * (1 - u) * sat;
      colour[GREYS + h * LIGHT + l1] += w * wh * u * sat;
    }
    colour[Math.min(GREYS - 1, Math.floor(L[i] / (100 / GREYS)))] += w * (1 - sat);
  }

  // Shape: edge orientations on a 2×2 grid.
  const shape = new Array<number>(SHAPE_BINS).fill(0);
  let edges = 0;
  for (let y = 1; y < height - 1; y++) for (let x = 1; x < width - 1; x++) {
    const p = (dx: number, dy: number) => L[(y + dy) * width + x + dx];
    const gx = p(1, -1) + 2 * p(1, 0) + p(1, 1) - p(-1, -1) - 2 * p(-1, 0) - p(-1, 1);
    const gy = p(-1, 1) + 2 * p(0, 1) + p(1, 1) - p(-1, -1) - 2 * p(0, -1) - p(1, -1);
    const mag = Math.hypot(gx, gy);
    if (mag < 40) continue;
    edges++;
    const angle = ((Math.atan2(gy, gx) * 180) / Math.PI + 180) % 180;
    const o = Math.min(ORIENT - 1, Math.floor(angle / (180 / ORIENT)));
    const cell = (y < height / 2 ? 0 : 2) + (x < width / 2 ? 0 : 1);
    shape[cell * ORIENT + o] += mag;
  }
  const shapeNorm = Math.hypot(...shape.slice(0, ORIENT * 4)) || 1;
  for (let k = 0; k < ORIENT * 4; k++) shape[k] /= shapeNorm;
  shape[ORIENT * 4] = edges / ((width - 2) * (height - 2));

  // Texture: uniform LBP codes by their number of set bits (0..8), non-uniform codes in bin 9.
  const texture = new Array<number>(TEXTURE_BINS).fill(0);
  const ring = [[-1, -1], [0, -1], [1, -1], [1, 0], [1, 1], [0, 1], [-1, 1], [-1, 0]];
  for (let y = 1; y < height - 1; y++) for (let x = 1; x < width - 1; x++) {
    const c = L[y * width + x];
    let bits = 0, ones = 0, transitions = 0, prev = -1, first = -1;
    for (const [dx, dy] of ring) {
      const bit = L[(y + dy) * width + x + dx] >= c + 2 ? 1 : 0;
      if (first < 0) first = bit;
      if (prev >= 0 && bit !== prev) transitions++;
      prev = bit;
      ones += bit;
      bits = (bits << 1) | bit;
    }
    if (prev !== first) transitions++;
    texture[transitions <= 2 ? ones : 9] += weight[y * width + x] + 0.05;
  }

  const col = normalise(colour);
  let best = 0;
  for (let k = 1; k < col.length; k++) if (col[k] > col[best]) best = k;
  return { version: DESCRIPTOR_VERSION, colour: col, shape, texture: normalise(texture), dominant: binName(best) };
}

const intersection = (a: number[], b: number[]) => { let s = 0; for (let i = 0; i < a.length; i++) s += Math.min(a[i], b[i]); return s; };
function cosine(a: number[], b: number[]): number {
  let dot = 0, na = 0, nb = 0;
  for (let i = 0; i < a.length; i++) { dot += a[i] * b[i]; na += a[i] * a[i]; nb += b[i] * b[i]; }
  return na && nb ? dot / Math.sqrt(na * nb) : 0;
}

export const WEIGHTS = { colour: 0.6, shape: 0.25, texture: 0.15 } as const;

/** Similarity of two descriptors in [0, 1], with its parts (for the reason shown to the shopper). */
export function similarity(a: ImageDescriptor, b: ImageDescriptor): { score: number; colour: number; shape: number; texture: number } {
  const colour = intersection(a.colour, b.colour);
  const shape = Math.max(0, cosine(a.shape.slice(0, -1), b.shape.slice(0, -1))) * (1 - Math.min(1, Math.abs(a.shape[a.shape.length - 1] - b.shape[b.shape.length - 1]) * 4));
  const texture = intersection(a.texture, b.texture);
  return { score: WEIGHTS.colour * colour + WEIGHTS.shape * shape + WEIGHTS.texture * texture, colour, shape, texture };
}

/** Cosine similarity of two embedding vectors (from an embeddings endpoint), mapped to [0, 1]. */
export function embeddingSimilarity(a: number[], b: number[]): number {
  return (cosine(a, b) + 1) / 2;
}
