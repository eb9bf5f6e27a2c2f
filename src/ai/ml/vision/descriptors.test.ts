import { describe, expect, it } from 'vitest';
import { describeImage, rgbToLab, similarity } from './descriptors.js';

const S = 64;
type Rgb = [number, number, number];
/** A shape in a colour on a plain ground: 'circle', 'square' or 'stripes' (a textured square). */
function draw(shape: 'circle' | 'square' | 'stripes', fg: Rgb, bg: Rgb = [250, 250, 250]): Uint8Array {
  const px = new Uint8Array(S * S * 3);
  for (let y = 0; y < S; y++) for (let x = 0; x < S; x++) {
    const dx = x - S / 2, dy = y - S / 2;
    const inside = shape === 'circle' ? dx * dx + dy * dy < (S * 0.3) ** 2 : Math.abs(dx) < S * 0.28 && Math.abs(dy) < S * 0.28;
    const stripe = shape === 'stripes' && Math.floor(x / 3) % 2 === 0;
    const c = inside ? (stripe ? fg.map((v) => Math.round(v * 0.6)) as Rgb : fg) : bg;
    px.set(c, (y * S + x) * 3);
  }
  return px;
}

describe('image descriptors', () => {
  it('converts sRGB to CIELAB', () => {
    const [l, a, b] = rgbToLab(255, 0, 0);
    expect(l).toBeCloseTo(53.2, 0);
    expect(a).toBeCloseTo(80.1, 0);
    expect(b).toBeCloseTo(67.2, 0);
    expect(rgbToLab(255, 255, 255)[0]).toBeCloseTo(100, 1);
  });

  it('names the object colour, not the background', () => {
    expect(describeImage(draw('circle', [210, 30, 40]), S, S).dominant).toBe('red');
    expect(describeImage(draw('square', [30, 60, 200]), S, S).dominant).toBe('blue');
    expect(describeImage(draw('circle', [40, 160, 60], [20, 20, 20]), S, S).dominant).toBe('green');
    expect(describeImage(draw('square', [20, 20, 20]), S, S).dominant).toBe('black');
  });

  it('ranks the same colour above the same shape, and the same shape above nothing in common', () => {
    const query = describeImage(draw('circle', [220, 40, 40]), S, S);
    const redSquare = describeImage(draw('square', [200, 30, 30]), S, S);
    const blueCircle = describeImage(draw('circle', [40, 60, 220]), S, S);
    const greenSquare = describeImage(draw('square', [40, 170, 60]), S, S);
    const redCircle = describeImage(draw('circle', [190, 20, 35], [235, 235, 230]), S, S);
    const score = (d: typeof query) => similarity(query, d).score;
    expect(score(redCircle)).toBeGreaterThan(score(redSquare));
    expect(score(redSquare)).toBeGreaterThan(score(blueCircle));
    expect(score(blueCircle)).toBeGreaterThan(score(greenSquare));
    expect(similarity(query, query).score).toBeCloseTo(1, 5);
  });

  it('tells a striped texture from a plain one of the same colour', () => {
    const plain = describeImage(draw('square', [200, 30, 30]), S, S);
    const striped = describeImage(draw('stripes', [200, 30, 30]), S, S);
    const plain2 = describeImage(draw('square', [205, 35, 30]), S, S);
    expect(similarity(plain, plain2).texture).toBeGreaterThan(similarity(plain, striped).texture);
  });
});
