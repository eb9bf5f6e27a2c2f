/** Money is an integer number of minor units with an ISO 4217 currency code; never a float. */
export interface Money {
  amount: number;
  currency: string;
}

const DIGITS: Record<string, number> = { JPY: 0, KRW: 0, VND: 0, CLP: 0, ISK: 0, KWD: 3, BHD: 3, JOD: 3, OMR: 3, TND: 3 };

/** Number of minor-unit digits for a currency (2 unless listed). */
export const minorDigits = (currency: string): number => DIGITS[currency.toUpperCase()] ?? 2;

export function money(amount: number, currency: string): Money {
  if (!Number.isSafeInteger(amount)) throw new RangeError(`money amount must be an integer of minor units, got ${amount}`);
  return { amount, currency: currency.toUpperCase() };
}

/** Parses a decimal string such as "19.99" into minor units without going through a float. */
export function parseDecimal(text: string, currency: string): number | null {
  const m = /^\s*(-)?(\d+)(?:[.,](\d+))?\s*$/.exec(text);
  if (!m) return null;
  const digits = minorDigits(currency);
  const frac = (m[3] ?? '').padEnd(digits, '0');
  if (frac.length > digits && /[1-9]/.test(frac.slice(digits))) return null;
  const value = Number(m[2]) * 10 ** digits + Number(frac.slice(0, digits) || '0');
  return m[1] ? -value : value;
}

/** Formats minor units as a decimal string, e.g. 1999 USD → "19.99". */
export function formatDecimal(amount: number, currency: string): string {
  const digits = minorDigits(currency);
  if (digits === 0) return String(amount);
  const sign = amount < 0 ? '-' : '';
  const abs = Math.abs(amount);
  return `${sign}${Math.floor(abs / 10 ** digits)}.${String(abs % 10 ** digits).padStart(digits, '0')}`;
}
