/**
 * Forecasting evaluation: M3 (3,003 series, official horizons) and the Online Retail derived series.
 * The official M3 holdout is kept outside shared/; when it is absent we hold out the last `horizon`
 * points of each dev series instead (same horizons, one origin earlier) — see docs/models/forecast.md.
 * Set EMPORIA_M3_HOLDOUT to a `series_id,t,value` CSV of the official holdout to score on it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { EvalReport, EvalRow } from '../../src/ai/ml/model.js';
import { coverage, initAugurs, mase, smape, train, type MethodName } from '../../src/ai/ml/forecast/index.js';

interface Series { id: string; frequency: string; category: string; horizon: number; period: number; train: number[]; test: number[] }

const PERIOD: Record<string, number> = { yearly: 1, quarterly: 4, monthly: 12, other: 1 };

function loadAugurs(): void {
  const req = createRequire(import.meta.url);
  const dir = dirname(req.resolve('@bsull/augurs/ets'));
  initAugurs({ ets: readFileSync(join(dir, 'ets_bg.wasm')), mstl: readFileSync(join(dir, 'mstl_bg.wasm')) });
}

function readCsv(path: string): string[][] {
  return readFileSync(path, 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));
}

/** Loads M3; `shift` extra horizons are cut from the end of dev (1 = the evaluation fold, 2 = a calibration fold). */
export function loadM3(dir: string, shift = 1): { series: Series[]; official: boolean } {
  const meta = readCsv(join(dir, 'm3_series.csv'));
  const values = new Map<string, number[]>();
  for (const [id, , v] of readCsv(join(dir, 'm3_dev.csv'))) {
    if (!values.has(id)) values.set(id, []);
    values.get(id)!.push(Number(v));
  }
  const holdoutPath = process.env.EMPORIA_M3_HOLDOUT;
  const holdout = new Map<string, number[]>();
  if (holdoutPath && existsSync(holdoutPath) && shift === 1) {
    for (const [id, , v] of readCsv(holdoutPath)) {
      if (!holdout.has(id)) holdout.set(id, []);
      holdout.get(id)!.push(Number(v));
    }
  }
  const official = holdout.size > 0;
  const series = meta.map(([id, frequency, category, , horizon]) => {
    const h = Number(horizon);
    const all = values.get(id)!;
    const cut = official ? all.length : all.length - h * shift;
    const test = official ? holdout.get(id)! : all.slice(cut, cut + h);
    return { id, frequency, category, horizon: h, period: PERIOD[frequency] ?? 1, train: all.slice(0, cut), test };
  });
  return { series, official };
}

interface Score { smape: number; mase: number; coverage: number; seconds: number; n: number }

/** Fits `method` to every series and averages sMAPE / MASE / 80 % coverage over series. */
export function scoreMethod(series: Series[], method: MethodName | 'auto', calibration?: number): Score {
  const t0 = performance.now();
  let s = 0; let m = 0; let c = 0; let n = 0;
  for (const x of series) {
    const model = train({ values: x.train, period: x.period }, { horizon: x.horizon, method, intervalCalibration: calibration, nonNegative: false });
    const f = model.predict({ horizon: x.horizon, level: 0.8 });
    s += smape(x.test, f.point);
    m += mase(x.test, f.point, x.train, x.period);
    c += coverage(x.test, f.lower, f.upper);
    n++;
  }
  return { smape: s / n, mase: m / n, coverage: c / n, seconds: (performance.now() - t0) / 1000, n };
}

function m3Report(datasetsDir: string): EvalReport {
  const t0 = performance.now();
  const { series, official } = loadM3(join(datasetsDir, 'demand-forecasting/m3'));
  const methods: (MethodName | 'auto')[] = (process.env.M3_METHODS?.split(',') as MethodName[] | undefined) ?? ['naive', 'snaive', 'ses', 'damped', 'theta', 'ets', 'comb'];
  const rows: EvalRow[] = [];
  let comb: Score | undefined;
  for (const method of methods) {
    const sc = scoreMethod(series, method);
    if (method === 'comb') comb = sc;
    rows.push({ model: method, source: 'ours', metrics: { sMAPE: sc.smape, MASE: sc.mase, cover80: sc.coverage, seconds: sc.seconds } });
  }
  const published: [string, number, number][] = [['Theta (M3 winner)', 13.01, 1.39], ['ForecastPro', 13.19, 1.47], ['ForecastX', 13.49, 1.42], ['B-J automatic', 14.01, 1.54]];
  for (const [name, sm, ma] of published) rows.push({ model: name, source: 'published', metrics: { sMAPE: sm, MASE: ma }, note: 'official holdout; MASE recalculated (Mcomp vignette)' });
  const split = official ? 'official holdout' : 'last horizon of dev held out (official holdout not available here)';
  return {
    family: 'forecast',
    dataset: `M3, 3,003 series, official horizons — ${split}`,
    rows,
    targets: comb ? [
      { name: 'sMAPE, all 3,003 series (comb)', target: '< 13.01', measured: comb.smape.toFixed(2), met: comb.smape < 13.01 },
      { name: '80 % interval coverage (comb)', target: '75–85 %', measured: `${(comb.coverage * 100).toFixed(1)} %`, met: comb.coverage >= 0.75 && comb.coverage <= 0.85 },
      { name: 'fit + forecast all series (comb)', target: '< 60 s', measured: `${comb.seconds.toFixed(1)} s`, met: comb.seconds < 60 },
    ] : undefined,
    seconds: (performance.now() - t0) / 1000,
  };
}

interface Retail { label: string; period: number; horizon: number; train: number[]; test: number[] }

/** Daily shop units (period 7) and weekly units of the top-50 SKUs; the last 33 days / 5 weeks of dev are held out. */
function loadRetail(dir: string): { daily: Retail[]; weekly: Retail[] } {
  const rows = readCsv(join(dir, 'daily_totals_dev.csv'));
  const units = rows.map((r) => Number(r[4]));
  const revenue = rows.map((r) => Number(r[5]));
  const split = (label: string, y: number[], period: number, h: number): Retail => ({ label, period, horizon: h, train: y.slice(0, -h), test: y.slice(-h) });
  const bySku = new Map<string, number[]>();
  for (const [sku, , u] of readCsv(join(dir, 'weekly_top50_sku_units_dev.csv'))) {
    if (!bySku.has(sku)) bySku.set(sku, []);
    bySku.get(sku)!.push(Number(u));
  }
  // The first week is partial (data start on a Wednesday), so it is dropped rather than read as low demand.
  const weekly = [...bySku].map(([sku, y]) => split(`sku ${sku}`, y.slice(1), 1, 5));
  return { daily: [split('daily units', units, 7, 33), split('daily sales revenue', revenue, 7, 33)], weekly };
}

function retailReport(datasetsDir: string): EvalReport {
  const t0 = performance.now();
  const { daily, weekly } = loadRetail(join(datasetsDir, 'demand-forecasting/online-retail-derived'));
  const rows: EvalRow[] = [];
  const score = (set: Retail[], method: MethodName | 'auto') => {
    let s = 0; let m = 0; let c = 0;
    const chosen = new Map<string, number>();
    for (const x of set) {
      const model = train({ values: x.train, period: x.period, label: x.label }, { horizon: x.horizon, method });
      const f = model.predict({ level: 0.8 });
      chosen.set(f.method, (chosen.get(f.method) ?? 0) + 1);
      s += smape(x.test, f.point); m += mase(x.test, f.point, x.train, x.period); c += coverage(x.test, f.lower, f.upper);
    }
    return { smape: s / set.length, mase: m / set.length, coverage: c / set.length, chosen: [...chosen].map(([k, v]) => `${k}×${v}`).join(' ') };
  };
  for (const method of ['naive', 'snaive', 'comb', 'ets', 'mstl', 'auto'] as const) {
    const r = score(daily, method);
    rows.push({ model: `daily: ${method}`, source: 'ours', metrics: { sMAPE: r.smape, MASE: r.mase, cover80: r.coverage }, note: method === 'auto' ? r.chosen : undefined });
  }
  for (const method of ['naive', 'ses', 'comb', 'croston', 'sba', 'tsb', 'auto'] as const) {
    const r = score(weekly, method);
    rows.push({ model: `weekly SKU: ${method}`, source: 'ours', metrics: { sMAPE: r.smape, MASE: r.mase, cover80: r.coverage }, note: method === 'auto' ? r.chosen : undefined });
  }
  return {
    family: 'forecast',
    dataset: 'Online Retail derived: 2 daily shop series (h=33 days) and 50 weekly SKU series (h=5 weeks); last h of dev held out',
    rows,
    seconds: (performance.now() - t0) / 1000,
  };
}

export async function run(datasetsDir: string): Promise<EvalReport[]> {
  loadAugurs();
  return [m3Report(datasetsDir), retailReport(datasetsDir)];
}
