/**
 * Tracking tokens: each recommended item carries a signed note of where it came from (experiment,
 * arm, model version, surface, product), so a click or add-to-cart the storefront reports back is
 * counted for the right arm and cannot be forged to inflate one. Who clicked comes from the request
 * (the signed-in customer, or the anonymous session), so one list can be served to many shoppers.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export interface TokenClaims {
  /** Experiment id, or '' outside one. */
  e: string;
  /** 'control' | 'treatment' | ''. */
  a: string;
  /** Model version id, or '' when no model served it (cold start). */
  v: string;
  s: string;
  p: string;
  /** Issued, epoch seconds. */
  t: number;
}

export class TokenSigner {
  private key: Buffer;

  constructor(secret: string) {
    this.key = createHmac('sha256', secret).update('emporia recommendation tokens').digest();
  }

  sign(c: TokenClaims): string {
    const body = Buffer.from(JSON.stringify([c.e, c.a, c.v, c.s, c.p, c.t])).toString('base64url');
    return `${body}.${this.mac(body)}`;
  }

  /** The claims of a token this store signed, or undefined. */
  verify(token: string): TokenClaims | undefined {
    const dot = token.indexOf('.');
    if (dot <= 0) return undefined;
    const body = token.slice(0, dot);
    const mac = Buffer.from(token.slice(dot + 1));
    const want = Buffer.from(this.mac(body));
    if (mac.length !== want.length || !timingSafeEqual(mac, want)) return undefined;
    try {
      const [e, a, v, s, p, t] = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as [string, string, string, string, string, number];
      if ([e, a, v, s, p].some((x) => typeof x !== 'string') || typeof t !== 'number') return undefined;
      return { e, a, v, s, p, t };
    } catch { return undefined; }
  }

  private mac(body: string): string {
    return createHmac('sha256', this.key).update(body).digest('base64url').slice(0, 22);
  }
}
