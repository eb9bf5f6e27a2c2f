/** Password hashing (argon2id) and the password policy. */
import { hash, verify } from '@node-rs/argon2';

// OWASP's argon2id minimum (19 MiB, 2 passes) keeps a login near 20 ms on these machines.
const OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export const hashPassword = (password: string): Promise<string> => hash(password, OPTIONS);

export async function verifyPassword(hashed: string | null | undefined, password: string): Promise<boolean> {
  if (!hashed) {
    // Spend the same time as a real check so response timing does not reveal unknown emails.
    await hash(password, OPTIONS);
    return false;
  }
  try { return await verify(hashed, password); } catch { return false; }
}

/** Returns a reason when a password is too weak, or null when it is acceptable. */
export function passwordProblem(password: string, email?: string): string | null {
  if (password.length < 10) return 'must be at least 10 characters';
  if (password.length > 200) return 'must be at most 200 characters';
  if (email && password.toLowerCase().includes(email.split('@')[0].toLowerCase()) && email.split('@')[0].length >= 4) return 'must not contain your email name';
  if (/^(.)\1+$/.test(password)) return 'must not be one repeated character';
  return null;
}

export const normaliseEmail = (email: string): string => email.trim().toLowerCase();
