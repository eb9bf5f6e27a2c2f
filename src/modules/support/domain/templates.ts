/**
 * Canned replies: `{{customer.firstName}}`-style placeholders filled from the conversation. The
 * plain-text body goes into the chat (the widget renders text, never HTML); the HTML body escapes
 * every substituted value and the template itself, for channels that send HTML (email).
 */
export type TemplateValues = Record<string, string | null | undefined>;

const PLACEHOLDER = /\{\{\s*([A-Za-z][A-Za-z0-9]*(?:\.[A-Za-z][A-Za-z0-9]*)*)\s*\}\}/g;

/** The placeholders a template may use, for the console's help text. */
export const PLACEHOLDERS = [
  'customer.firstName', 'customer.lastName', 'customer.name', 'customer.email',
  'agent.name', 'agent.firstName', 'conversation.id', 'order.number',
] as const;

export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

export interface Rendered { body: string; html: string; missing: string[] }

/** Fills placeholders; an unknown or empty one becomes empty text and is named in `missing`. */
export function renderTemplate(template: string, values: TemplateValues): Rendered {
  const missing = new Set<string>();
  const value = (key: string): string => {
    const v = values[key];
    if (v == null || v === '') { missing.add(key); return ''; }
    return v;
  };
  const body = template.replace(PLACEHOLDER, (_m, key: string) => value(key));
  // Escape the literal parts and the values separately, so a value can never close a tag.
  let html = '';
  let last = 0;
  for (const m of template.matchAll(PLACEHOLDER)) {
    html += escapeHtml(template.slice(last, m.index)) + escapeHtml(value(m[1]));
    last = m.index! + m[0].length;
  }
  html = (html + escapeHtml(template.slice(last))).replace(/\r?\n/g, '<br>');
  return { body, html, missing: [...missing] };
}
