/**
 * Reading inbound channel messages: the address in a From header, the new text of an email reply
 * (without the quoted history below it), HTML reduced to text, and phone numbers to digits.
 */

/** `Ann Lee <ann@example.com>` → address and name; a bare address has no name. */
export function parseMailbox(raw: string): { email: string; name: string | null } | null {
  const m = /^\s*(?:"?([^"<]*?)"?\s*)?<([^<>\s@]+@[^<>\s@]+)>\s*$/.exec(raw) ?? /^\s*()([^<>\s@]+@[^<>\s@]+\.[^<>\s@]+)\s*$/.exec(raw);
  if (!m) return null;
  return { email: m[2].toLowerCase(), name: m[1]?.trim() || null };
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", nbsp: ' ', apos: "'" };

/** Visible text of an HTML body: block ends become line breaks, tags and scripts go. */
export function htmlToText(html: string): string {
  return html
    .replace(/<(script|style|head)[\s\S]*?<\/\1>/gi, '')
    .replace(/<br\s*\/?>/gi, '\n').replace(/<\/(p|div|li|tr|h[1-6]|blockquote)>/gi, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&(amp|lt|gt|quot|#39|nbsp|apos);/g, (_m, e: string) => ENTITIES[e])
    .replace(/[ \t]+\n/g, '\n').replace(/\n{3,}/g, '\n\n').trim();
}

/** The new part of a reply: everything above the quoted message ("On … wrote:", "> …", a signature marker). */
export function replyText(text: string): string {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    if (/^\s*>/.test(l)) break;
    if (/^\s*(On|Le|Am)\s.+(wrote|a écrit|schrieb)\s*:\s*$/i.test(l)) break;
    // Mail clients wrap the attribution line: "On Mon, … <x@y>" then "wrote:".
    if (/^\s*(On|Le|Am)\s.+$/i.test(l) && /^\s*.*(wrote|a écrit|schrieb)\s*:\s*$/i.test(lines[i + 1] ?? '')) break;
    if (/^-{2,}\s*Original Message\s*-{2,}/i.test(l) || /^_{5,}$/.test(l.trim()) || /^--\s*$/.test(l)) break;
    out.push(l);
  }
  return out.join('\n').trim();
}

/** A phone number as digits (a leading + dropped), or null when it cannot be one. */
export function phoneDigits(raw: string): string | null {
  const d = raw.replace(/\D/g, '');
  return d.length >= 6 && d.length <= 15 ? d : null;
}
