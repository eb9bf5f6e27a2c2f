/** Access tokens (short-lived JWTs) and refresh tokens (opaque, stored hashed, rotated on use). */
import { createHash, randomBytes } from 'node:crypto';
import { jwtVerify, SignJWT, errors as joseErrors } from 'jose';
import type { Role } from '../../../platform/index.js';

export interface AccessClaims {
  sub: string;
  kind: 'staff' | 'customer';
  sid: string;
  role?: Role;
  /** Set when a staff member must enrol in MFA before doing anything else. */
  enr?: boolean;
}

export class TokenSigner {
  private key: Uint8Array;
  constructor(secret: string, private ttlSeconds: number) {
    this.key = new TextEncoder().encode(secret);
  }

  async sign(claims: AccessClaims, now: Date): Promise<string> {
    const iat = Math.floor(now.getTime() / 1000);
    return new SignJWT({ kind: claims.kind, sid: claims.sid, ...(claims.role ? { role: claims.role } : {}), ...(claims.enr ? { enr: true } : {}) })
      .setProtectedHeader({ alg: 'HS256' }).setSubject(claims.sub).setIssuedAt(iat).setExpirationTime(iat + this.ttlSeconds).setIssuer('emporia')
      .sign(this.key);
  }

  /** Returns the claims, or a reason the token is not acceptable. */
  async verify(token: string, now: Date): Promise<AccessClaims | 'expired' | 'invalid'> {
    try {
      const { payload } = await jwtVerify(token, this.key, { issuer: 'emporia', algorithms: ['HS256'], currentDate: now });
      if ((payload.kind !== 'staff' && payload.kind !== 'customer') || typeof payload.sub !== 'string' || typeof payload.sid !== 'string') return 'invalid';
      return { sub: payload.sub, kind: payload.kind, sid: payload.sid, role: payload.role as Role | undefined, enr: payload.enr === true };
    } catch (e) {
      return e instanceof joseErrors.JWTExpired ? 'expired' : 'invalid';
    }
  }

  get expiresIn(): number { return this.ttlSeconds; }
}

export const sha256 = (s: string): string => createHash('sha256').update(s).digest('hex');

/** A refresh token is `<session id>.<secret>`; only the secret's hash is stored. */
export function newRefreshSecret(): string {
  return randomBytes(32).toString('base64url');
}

export function parseRefreshToken(token: string): { sessionId: string; secret: string } | null {
  const m = /^(ses_[0-9a-z]{26})\.([A-Za-z0-9_-]{20,100})$/.exec(token);
  return m ? { sessionId: m[1], secret: m[2] } : null;
}
