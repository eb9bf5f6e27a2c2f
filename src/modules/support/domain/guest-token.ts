/** A guest's conversation secret: shown once, kept only as a hash, compared in constant time. */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export const newGuestToken = (): string => randomBytes(32).toString('base64url');

export const hashGuestToken = (token: string): string => createHash('sha256').update(token).digest('hex');

export function guestTokenMatches(stored: string | null, presented: string | undefined): boolean {
  if (!stored || !presented) return false;
  const a = Buffer.from(hashGuestToken(presented), 'hex');
  const b = Buffer.from(stored, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}
