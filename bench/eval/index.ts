/**
 * `npm run eval`: runs every model-family evaluation in bench/eval/*.eval.ts against the public
 * datasets in ../shared/datasets, prints one table per family and writes JSON to bench/results/.
 * Exits 0 with a clear message when the datasets are absent (they are never shipped with Emporia).
 */
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { EvalReport } from '../../src/ai/ml/model.js';

const here = dirname(fileURLToPath(import.meta.url));
export const datasetsDir = resolve(process.env.EMPORIA_DATASETS ?? join(here, '../../../shared/datasets'));

function printReport(r: EvalReport): void {
  console.log(`\n## ${r.family} — ${r.dataset} (${r.seconds.toFixed(1)} s)`);
  const keys = [...new Set(r.rows.flatMap((row) => Object.keys(row.metrics)))];
  const table = r.rows.map((row) => ({ model: row.model, source: row.source, ...Object.fromEntries(keys.map((k) => [k, fmt(row.metrics[k])])) }));
  console.table(table);
  for (const t of r.targets ?? []) console.log(`  ${t.met ? 'MET ' : 'MISS'} ${t.name}: target ${t.target}, measured ${t.measured}`);
}

function fmt(v: number | string | undefined): string {
  if (v === undefined) return '';
  return typeof v === 'number' ? (Math.abs(v) < 10 ? v.toFixed(4) : v.toFixed(2)) : v;
}

async function main(): Promise<void> {
  const haveDatasets = existsSync(datasetsDir);
  if (!haveDatasets) console.log(`eval: no datasets at ${datasetsDir} — only suites that need none run (set EMPORIA_DATASETS to point elsewhere).`);
  const only = process.argv.slice(2);
  const files = readdirSync(here).filter((f) => f.endsWith('.eval.ts')).sort()
    .filter((f) => only.length === 0 || only.some((o) => f.startsWith(o)));
  const outDir = join(here, '../results');
  mkdirSync(outDir, { recursive: true });
  const all: EvalReport[] = [];
  for (const f of files) {
    // A suite that writes its own cases (support) says so with `needsDatasets = false`.
    const mod = (await import(pathToFileURL(join(here, f)).href)) as { run(datasets: string): Promise<EvalReport[]>; needsDatasets?: boolean };
    if (!haveDatasets && mod.needsDatasets !== false) continue;
    const reports = await mod.run(datasetsDir);
    for (const r of reports) { printReport(r); all.push(r); }
    writeFileSync(join(outDir, `eval-${f.replace('.eval.ts', '')}.json`), JSON.stringify(reports, null, 2));
  }
  writeFileSync(join(outDir, 'eval.json'), JSON.stringify(all, null, 2));
  console.log(`\neval: ${all.length} reports written to ${outDir}`);
}

await main();
