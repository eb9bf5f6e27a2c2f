/**
 * Tracking numbers of the built-in flat-rate carrier: `FR`, fourteen digits derived from the
 * fulfilment id, and a Luhn check digit so a mistyped number is caught before it is looked up.
 * Deterministic: shipping the same fulfilment again yields the same number.
 */
const CROCKFORD = '0123456789abcdefghjkmnpqrstvwxyz';
const BODY_DIGITS = 14;

/** The Luhn (mod 10) check digit of a string of digits. */
export function luhnCheckDigit(digits: string): number {
  let sum = 0;
  // Doubling starts with the rightmost digit, since the check digit will be appended after it.
  for (let i = digits.length - 1, double = true; i >= 0; i--, double = !double) {
    let d = digits.charCodeAt(i) - 48;
    if (double) { d *= 2; if (d > 9) d -= 9; }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

/** `FR` + 14 digits from the id's sortable base32 body + a check digit. */
export function flatRateTrackingNumber(fulfillmentId: string): string {
  const body = fulfillmentId.slice(fulfillmentId.indexOf('_') + 1).toLowerCase();
  let n = 0n;
  for (const ch of body) {
    const v = CROCKFORD.indexOf(ch);
    if (v < 0) throw new Error(`'${fulfillmentId}' is not an id`);
    n = n * 32n + BigInt(v);
  }
  // The low digits hold the id's random part, which differs even between ids of the same millisecond.
  const digits = (n % 10n ** BigInt(BODY_DIGITS)).toString().padStart(BODY_DIGITS, '0');
  return `FR${digits}${luhnCheckDigit(digits)}`;
}

/** Whether a string is a well-formed flat-rate tracking number (right shape and check digit). */
export function isFlatRateTrackingNumber(s: string): boolean {
  const m = /^FR(\d{14})(\d)$/.exec(s);
  return !!m && luhnCheckDigit(m[1]) === Number(m[2]);
}
