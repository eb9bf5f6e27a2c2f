/**
 * Knowledge-base articles are cited by passage, not whole: an article's body (plain text with
 * optional `#` headings) is cut into sections at headings, and a section into passages of about
 * a paragraph, never splitting a sentence. The assistant quotes a passage and cites the article
 * and version it came from.
 */
export interface Passage { index: number; heading: string | null; text: string }

const MAX = 700;
const MIN = 160;

function sentences(paragraph: string): string[] {
  return paragraph.match(/[^.!?]+(?:[.!?]+["')\]]*\s*|$)/g)?.map((s) => s.trim()).filter(Boolean) ?? [paragraph];
}

/** Paragraphs over the limit are cut at sentence ends; short neighbours are joined. */
function pack(paragraphs: string[]): string[] {
  const pieces: string[] = [];
  for (const p of paragraphs) {
    if (p.length <= MAX) { pieces.push(p); continue; }
    let cur = '';
    for (const s of sentences(p)) {
      if (cur && cur.length + s.length + 1 > MAX) { pieces.push(cur); cur = ''; }
      cur = cur ? `${cur} ${s}` : s;
    }
    if (cur) pieces.push(cur);
  }
  const out: string[] = [];
  for (const piece of pieces) {
    const last = out[out.length - 1];
    if (last !== undefined && (last.length < MIN || piece.length < MIN) && last.length + piece.length + 1 <= MAX) out[out.length - 1] = `${last}\n${piece}`;
    else out.push(piece);
  }
  return out;
}

/** Cuts an article body into passages, each with the heading it sits under. */
export function splitPassages(body: string): Passage[] {
  const out: Passage[] = [];
  let heading: string | null = null;
  let paragraphs: string[] = [];
  let para: string[] = [];
  const endPara = () => { if (para.length) paragraphs.push(para.join(' ').replace(/\s+/g, ' ').trim()); para = []; };
  const endSection = () => {
    endPara();
    for (const text of pack(paragraphs.filter(Boolean))) out.push({ index: out.length, heading, text });
    paragraphs = [];
  };
  for (const raw of body.replace(/\r\n?/g, '\n').split('\n')) {
    const line = raw.trim();
    const h = /^#{1,6}\s+(.+)$/.exec(line);
    if (h) { endSection(); heading = h[1].trim(); continue; }
    if (!line) { endPara(); continue; }
    // A list item is its own line of meaning; keep it apart from the sentence before.
    if (/^([-*•]|\d+[.)])\s+/.test(line)) { endPara(); para.push(line); endPara(); continue; }
    para.push(line);
  }
  endSection();
  return out;
}
