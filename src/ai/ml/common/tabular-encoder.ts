/**
 * Turns plain records of named features into standardised numeric vectors: numbers are z-scored
 * (missing → mean, plus a "missing" flag when any were missing), strings are one-hot encoded,
 * booleans become 0/1. The fitted encoder is plain JSON, so models using it serialise cleanly.
 */

export type FeatureValue = number | string | boolean | null | undefined;
export type FeatureRecord = Record<string, FeatureValue>;

export interface NumericColumn { kind: 'numeric'; name: string; mean: number; std: number; hasMissing: boolean }
export interface CategoricalColumn { kind: 'categorical'; name: string; levels: string[] }
export type EncodedColumn = NumericColumn | CategoricalColumn;

export interface EncoderState { columns: EncodedColumn[] }

/** One encoded slot: which feature it came from and, for one-hot slots, which level. */
export interface Slot { feature: string; label: string }

export class TabularEncoder {
  readonly slots: Slot[];

  constructor(readonly state: EncoderState) {
    this.slots = [];
    for (const c of state.columns) {
      if (c.kind === 'numeric') {
        this.slots.push({ feature: c.name, label: c.name });
        if (c.hasMissing) this.slots.push({ feature: c.name, label: `${c.name} missing` });
      } else {
        for (const l of c.levels) this.slots.push({ feature: c.name, label: `${c.name} = ${l}` });
      }
    }
  }

  /** Learns column kinds, means and levels from training records; rare levels (< minCount) are dropped. */
  static fit(rows: FeatureRecord[], minCount = 5): TabularEncoder {
    const names = [...new Set(rows.flatMap((r) => Object.keys(r)))].sort();
    const columns: EncodedColumn[] = names.map((name) => {
      const vals = rows.map((r) => r[name]);
      const isNumeric = vals.every((v) => v === undefined || v === null || typeof v === 'number' || typeof v === 'boolean');
      if (isNumeric) {
        const xs = vals.filter((v): v is number | boolean => v !== undefined && v !== null && !(typeof v === 'number' && Number.isNaN(v))).map(Number);
        const mean = xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : 0;
        const variance = xs.length ? xs.reduce((s, x) => s + (x - mean) ** 2, 0) / xs.length : 0;
        return { kind: 'numeric', name, mean, std: Math.sqrt(variance) || 1, hasMissing: xs.length < vals.length };
      }
      const counts = new Map<string, number>();
      for (const v of vals) if (v !== undefined && v !== null) counts.set(String(v), (counts.get(String(v)) ?? 0) + 1);
      const levels = [...counts].filter(([, n]) => n >= minCount).map(([l]) => l).sort();
      return { kind: 'categorical', name, levels };
    });
    return new TabularEncoder({ columns });
  }

  /** Encodes one record; unknown features are ignored and unseen levels encode as all-zero. */
  encode(row: FeatureRecord): Float64Array {
    const out = new Float64Array(this.slots.length);
    let p = 0;
    for (const c of this.state.columns) {
      const v = row[c.name];
      if (c.kind === 'numeric') {
        const missing = v === undefined || v === null || (typeof v === 'number' && Number.isNaN(v));
        out[p++] = missing ? 0 : (Number(v) - c.mean) / c.std;
        if (c.hasMissing) out[p++] = missing ? 1 : 0;
      } else {
        const at = v === undefined || v === null ? -1 : c.levels.indexOf(String(v));
        if (at >= 0) out[p + at] = 1;
        p += c.levels.length;
      }
    }
    return out;
  }
}
