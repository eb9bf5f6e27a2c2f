/**
 * An RFC 4180 CSV reader that remembers the line each record starts on, so an import can say
 * "line 14: Variant Price is not a number" even when a description spans several lines.
 */
export interface CsvRecord { line: number; cells: string[] }

export class CsvSyntaxError extends Error {
  constructor(readonly line: number, message: string) { super(`line ${line}: ${message}`); }
}

/** Splits CSV text into records. Quoted fields may contain commas, quotes ("") and line breaks. */
export function parseCsv(text: string, delimiter = ','): CsvRecord[] {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const out: CsvRecord[] = [];
  let cells: string[] = [];
  let field = '';
  let line = 1;
  let startLine = 1;
  let i = 0;
  let quoted = false;
  let fieldStarted = false;
  const endRecord = () => {
    cells.push(field);
    // A blank line is not a record.
    if (!(cells.length === 1 && cells[0] === '' && !fieldStarted)) out.push({ line: startLine, cells });
    cells = []; field = ''; fieldStarted = false;
  };
  while (i < src.length) {
    const ch = src[i];
    if (quoted) {
      if (ch === '"') {
        if (src[i + 1] === '"') { field += '"'; i += 2; continue; }
        quoted = false; i++; continue;
      }
      if (ch === '\n') line++;
      field += ch; i++; continue;
    }
    if (ch === '"' && field === '') { quoted = true; fieldStarted = true; i++; continue; }
    if (ch === delimiter) { cells.push(field); field = ''; fieldStarted = true; i++; continue; }
    if (ch === '\r' || ch === '\n') {
      endRecord();
      i += ch === '\r' && src[i + 1] === '\n' ? 2 : 1;
      line++;
      startLine = line;
      continue;
    }
    field += ch; fieldStarted = true; i++;
  }
  if (quoted) throw new CsvSyntaxError(startLine, 'a quoted field is not closed');
  if (field !== '' || cells.length || fieldStarted) endRecord();
  return out;
}
