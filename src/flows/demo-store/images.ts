/**
 * Product images drawn locally as PNGs (nothing can be downloaded): a soft gradient in the
 * category's colour, a shape in an accent colour and the product's initials. The catalogue only
 * serves raster images whose bytes it can check, so these are real PNG files, not SVG.
 */
import { deflateSync } from 'node:zlib';
import type { DemoImage } from './catalog.gen.js';

export const IMAGE_SIZE = 256;

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(buf: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < buf.length; i++) c = CRC_TABLE[(c ^ buf[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'ascii');
  Buffer.from(data.buffer, data.byteOffset, data.length).copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

/** Encodes 8-bit RGB pixels (width × height × 3) as a PNG. */
export function encodePng(width: number, height: number, rgb: Uint8Array): Buffer {
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width * 3 + 1)] = 0;
    raw.set(rgb.subarray(y * width * 3, (y + 1) * width * 3), y * (width * 3 + 1) + 1);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; ihdr[9] = 2; ihdr[10] = 0; ihdr[11] = 0; ihdr[12] = 0;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 6 })),
    chunk('IEND', new Uint8Array(0)),
  ]);
}

function hsl(h: number, s: number, l: number): [number, number, number] {
  const a = s * Math.min(l, 1 - l);
  const f = (n: number) => {
    const k = (n + h / 30) % 12;
    return Math.round(255 * (l - a * Math.max(-1, Math.min(k - 3, 9 - k, 1))));
  };
  return [f(0), f(8), f(4)];
}

// A 5×7 bitmap font for capital letters and digits, one row per 5-bit number.
const GLYPHS: Record<string, number[]> = {
  A: [14, 17, 17, 31, 17, 17, 17], B: [30, 17, 17, 30, 17, 17, 30], C: [14, 17, 16, 16, 16, 17, 14], D: [30, 17, 17, 17, 17, 17, 30],
  E: [31, 16, 16, 30, 16, 16, 31], F: [31, 16, 16, 30, 16, 16, 16], G: [14, 17, 16, 23, 17, 17, 15], H: [17, 17, 17, 31, 17, 17, 17],
  I: [14, 4, 4, 4, 4, 4, 14], J: [7, 2, 2, 2, 2, 18, 12], K: [17, 18, 20, 24, 20, 18, 17], L: [16, 16, 16, 16, 16, 16, 31],
  M: [17, 27, 21, 21, 17, 17, 17], N: [17, 17, 25, 21, 19, 17, 17], O: [14, 17, 17, 17, 17, 17, 14], P: [30, 17, 17, 30, 16, 16, 16],
  Q: [14, 17, 17, 17, 21, 18, 13], R: [30, 17, 17, 30, 20, 18, 17], S: [15, 16, 16, 14, 1, 1, 30], T: [31, 4, 4, 4, 4, 4, 4],
  U: [17, 17, 17, 17, 17, 17, 14], V: [17, 17, 17, 17, 17, 10, 4], W: [17, 17, 17, 21, 21, 21, 10], X: [17, 17, 10, 4, 10, 17, 17],
  Y: [17, 17, 10, 4, 4, 4, 4], Z: [31, 1, 2, 4, 8, 16, 31], '0': [14, 17, 19, 21, 25, 17, 14], '1': [4, 12, 4, 4, 4, 4, 14],
  '2': [14, 17, 1, 2, 4, 8, 31], '3': [30, 1, 1, 14, 1, 1, 30], '4': [2, 6, 10, 18, 31, 2, 2], '5': [31, 16, 30, 1, 1, 17, 14],
  '6': [6, 8, 16, 30, 17, 17, 14], '7': [31, 1, 2, 4, 8, 8, 8], '8': [14, 17, 17, 14, 17, 17, 14], '9': [14, 17, 17, 15, 1, 2, 12],
};

/** The demo catalogue's colour option values as RGB, so an image shows the colour its product comes in. */
export const NAMED_COLOURS: Record<string, [number, number, number]> = {
  Black: [28, 28, 30], White: [246, 246, 244], Navy: [27, 42, 92], 'Heather Grey': [150, 150, 155], Olive: [110, 112, 48], Rust: [170, 78, 40],
  Sand: [214, 196, 160], 'Forest Green': [34, 94, 52], Burgundy: [112, 28, 44], 'Sky Blue': [110, 170, 225], Charcoal: [58, 60, 64], Cream: [240, 230, 205],
  Indigo: [48, 56, 120], Khaki: [176, 160, 110], Stone: [180, 172, 158], Mustard: [214, 170, 40], Red: [196, 32, 38], Slate: [96, 110, 124],
  Tan: [196, 150, 100], Brown: [110, 70, 40], Grey: [140, 140, 142], Silver: [196, 198, 204], Gold: [212, 172, 60], 'Rose Gold': [214, 150, 130],
  Ivory: [245, 240, 222], Sage: [156, 176, 140], Terracotta: [196, 100, 70], Ochre: [204, 150, 40], Blush: [230, 176, 176], Natural: [206, 180, 140],
  'Matte Black': [36, 36, 38], 'Slate Blue': [92, 110, 160], Orange: [236, 120, 30], 'Space Grey': [92, 94, 100], 'Midnight Blue': [25, 32, 72],
};

/** Draws one product image. */
export function renderProductImage(spec: DemoImage, size = IMAGE_SIZE): Buffer {
  const px = new Uint8Array(size * size * 3);
  // A light, barely tinted ground; the shape carries the product's colour (or a category accent when it has none).
  const top = hsl(spec.hue, 0.25, 0.95), bottom = hsl(spec.hue, 0.3, 0.88);
  const accent = (spec.colour && NAMED_COLOURS[spec.colour]) || hsl(spec.accent, 0.55, 0.45);
  const c = size / 2, r = size * 0.3;
  for (let y = 0; y < size; y++) {
    const t = y / (size - 1);
    const bg = [0, 1, 2].map((i) => Math.round(top[i] * (1 - t) + bottom[i] * t));
    for (let x = 0; x < size; x++) {
      const dx = x - c, dy = y - c;
      let inside: boolean;
      switch (spec.shape) {
        case 0: inside = dx * dx + dy * dy <= r * r; break;
        case 1: inside = Math.abs(dx) <= r * 0.9 && Math.abs(dy) <= r * 0.9; break;
        case 2: inside = Math.abs(dx) + Math.abs(dy) <= r * 1.2; break;
        default: inside = dy <= r * 0.8 && dy >= -r && Math.abs(dx) <= ((dy + r) / (1.8 * r)) * r * 1.1;
      }
      const o = (y * size + x) * 3;
      const col = inside ? accent : bg;
      px[o] = col[0]; px[o + 1] = col[1]; px[o + 2] = col[2];
    }
  }
  // Initials centred on the shape: white, or dark on a light colour.
  const ink = 0.2126 * accent[0] + 0.7152 * accent[1] + 0.0722 * accent[2] > 170 ? 40 : 255;
  const scale = Math.max(2, Math.floor(size / 40));
  const text = spec.initials.slice(0, 2).toUpperCase();
  const w = text.length * 6 * scale - scale, h = 7 * scale;
  let x0 = Math.round(c - w / 2);
  const y0 = Math.round(c - h / 2);
  for (const ch of text) {
    const g = GLYPHS[ch];
    if (g) {
      for (let row = 0; row < 7; row++) for (let col = 0; col < 5; col++) {
        if (!((g[row] >> (4 - col)) & 1)) continue;
        for (let sy = 0; sy < scale; sy++) for (let sx = 0; sx < scale; sx++) {
          const o = ((y0 + row * scale + sy) * size + x0 + col * scale + sx) * 3;
          px[o] = ink; px[o + 1] = ink; px[o + 2] = ink;
        }
      }
    }
    x0 += 6 * scale;
  }
  return encodePng(size, size, px);
}
