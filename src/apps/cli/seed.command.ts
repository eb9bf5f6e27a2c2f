import { parseArgs } from 'node:util';
import { DEMO_DEFAULTS, todayUtc } from '../../flows/demo-store/generate.js';
import { seedDemo, storeIsEmpty } from './demo-seed.js';
import { CliError, formatInt, openApp, positiveInt, type Command } from './command.js';
import { createProgress } from './progress.js';

export const seedCommand: Command = {
  name: 'seed',
  usage: 'seed --demo [--products N ...]',
  summary: 'fill an empty database with the generated demo store',
  help: `Usage: emporia seed --demo [--products N] [--customers N] [--orders N] [--seed S] [--end YYYY-MM-DD] [--days N]

Generates the demo store (docs/demo-store.md) and writes it into an empty database. The same seed,
sizes and end date always give the same store; its digest is printed at the end.

  --products N    products (default ${DEMO_DEFAULTS.products})
  --customers N   customers (default ${formatInt(DEMO_DEFAULTS.customers)})
  --orders N      orders in the history (default ${formatInt(DEMO_DEFAULTS.orders)})
  --days N        length of the history in days (default ${DEMO_DEFAULTS.days})
  --seed S        random seed (default '${DEMO_DEFAULTS.seed}')
  --end DATE      the history ends before this UTC day (default: today)`,
  async run(argv, io) {
    const { values } = parseArgs({
      args: argv, strict: true,
      options: {
        demo: { type: 'boolean' }, products: { type: 'string' }, customers: { type: 'string' }, orders: { type: 'string' },
        days: { type: 'string' }, seed: { type: 'string' }, end: { type: 'string' },
      },
    });
    if (!values.demo) throw new CliError('only the demo store can be seeded; pass --demo', 1, true);
    if (values.end !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(values.end)) throw new CliError(`--end must be a date like 2025-01-31, got '${values.end}'`);
    const opts = {
      products: positiveInt('products', values.products, DEMO_DEFAULTS.products),
      customers: positiveInt('customers', values.customers, DEMO_DEFAULTS.customers),
      orders: positiveInt('orders', values.orders, DEMO_DEFAULTS.orders),
      days: positiveInt('days', values.days, DEMO_DEFAULTS.days),
      seed: values.seed ?? DEMO_DEFAULTS.seed,
      end: values.end ?? todayUtc(),
    };
    if (opts.customers < 10) throw new CliError('--customers must be at least 10');
    const app = await openApp(process.env, { quiet: true });
    try {
      await app.migrate();
      if (!(await storeIsEmpty(app))) throw new CliError('the database already has products or orders; the demo store needs an empty one (point DATA_DIR or DATABASE_URL elsewhere)');
      io.err.write(`Seeding the demo store (seed '${opts.seed}', history to ${opts.end})…\n`);
      const report = await seedDemo(app, opts, createProgress(io.err));
      const s = report.summary;
      io.out.write([
        `Seeded the demo store in ${(report.totalMs / 1000).toFixed(1)} s:`,
        `  ${s.categories} categories, ${formatInt(s.products)} products, ${formatInt(s.variants)} variants, ${formatInt(s.images)} images`,
        `  ${s.locations} locations, ${formatInt(s.stockLevels)} stock levels`,
        `  ${formatInt(s.customers)} customers, ${formatInt(s.orders)} orders (${formatInt(s.orderLines)} lines, ${formatInt(s.returns)} with returns, ${s.fraud} fraudulent)`,
        `  history ${s.from.slice(0, 10)} – ${s.to.slice(0, 10)}, ${s.promotions} promotions`,
        `  digest ${report.digest}`,
        `  timings (ms): ${Object.entries(report.timings).map(([k, v]) => `${k} ${v}`).join(', ')}`,
        '',
      ].join('\n'));
      return 0;
    } finally {
      await app.close();
    }
  },
};
