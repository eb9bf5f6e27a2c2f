import { randomBytes } from 'node:crypto';

/** Crockford base32: sortable, unambiguous, URL-safe. */
const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

let lastTime = 0;
let lastRandom = new Uint8Array(10);

function encodeTime(ms: number): string {
  let out = '';
  for (let i = 0; i < 10; i++) {
    out = ALPHABET[ms % 32] + out;
    ms = Math.floor(ms / 32);
  }
  return out;
}

function encodeRandom(bytes: Uint8Array): string {
  // 10 bytes = 80 bits = 16 base32 characters.
  let bits = 0;
  let value = 0;
  let out = '';
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  return out;
}

/**
 * A prefixed, time-sortable, opaque identifier such as `prod_01hx…`. Ids made in the same
 * millisecond stay ordered because the random part is incremented rather than redrawn.
 */
export function newId(prefix: string): string {
  const now = Date.now();
  if (now <= lastTime) {
    const next = new Uint8Array(lastRandom);
    for (let i = next.length - 1; i >= 0; i--) {
      if (next[i] === 255) next[i] = 0;
      else { next[i]++; break; }
    }
    lastRandom = next;
  } else {
    lastTime = now;
    lastRandom = new Uint8Array(randomBytes(10));
  }
  return `${prefix}_${encodeTime(lastTime)}${encodeRandom(lastRandom)}`;
}

/** Whether a string looks like an id of the given prefix. */
export const isId = (prefix: string, value: string): boolean =>
  new RegExp(`^${prefix}_[0-9a-z]{26}$`).test(value);
