import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { isAppError } from '../../kernel/index.js';
import { ProductImportService } from '../../flows/import-products/index.js';
import { catalogPort } from '../../flows/import-products/catalog-port.js';
import { CliError, formatInt, openApp, type Command } from './command.js';

export const importCommand: Command = {
  name: 'import',
  usage: 'import products FILE.csv',
  summary: 'import products from a Shopify product export or a simple CSV',
  help: `Usage: emporia import products FILE.csv [--location CODE] [--currency USD] [--dry-run] [--json]

Reads Shopify's product CSV export (Handle, Title, Body (HTML), Vendor, Type, Tags, Option1 Name,
Option1 Value, …, Variant SKU, Variant Price, Variant Inventory Qty, Image Src, Status) or the
simple format (handle, title, description, category, tags, option1_name, option1_value, sku, price,
stock, image_url). Good products are imported; each bad row is reported with its line number.
Stock quantities go to --location (a location code or id; default the first warehouse).

Exit status: 0 all rows imported, 2 some rows were rejected (the rest imported), 1 nothing imported.`,
  async run(argv, io) {
    const { values, positionals } = parseArgs({
      args: argv, allowPositionals: true, strict: true,
      options: { location: { type: 'string' }, currency: { type: 'string' }, 'dry-run': { type: 'boolean' }, json: { type: 'boolean' } },
    });
    if (positionals[0] !== 'products' || positionals.length !== 2) throw new CliError('expected: emporia import products FILE.csv', 1, true);
    let text: string;
    try { text = readFileSync(positionals[1], 'utf8'); } catch (e) { throw new CliError(`cannot read ${positionals[1]}: ${(e as Error).message}`); }
    if (values.currency !== undefined && !/^[A-Za-z]{3}$/.test(values.currency)) throw new CliError(`--currency must be a 3-letter code, got '${values.currency}'`);
    const app = await openApp(process.env, { quiet: true });
    try {
      await app.migrate();
      const service = new ProductImportService(catalogPort(app.modules.catalog.service), app.modules.inventory.service);
      const report = await service.importCsv(app.systemCtx(), text, {
        currency: (values.currency ?? app.config.defaultCurrency).toUpperCase(), location: values.location, dryRun: values['dry-run'],
      });
      if (values.json) io.out.write(`${JSON.stringify(report, null, 2)}\n`);
      else {
        const i = report.imported;
        io.out.write(`${report.dryRun ? 'Dry run: would import' : 'Imported'} ${formatInt(report.dryRun ? report.products.length : i.products)} product(s)` +
          `${report.dryRun ? '' : `, ${formatInt(i.variants)} variant(s), ${formatInt(i.stockLevels)} stock level(s)${i.categoriesCreated ? `, ${i.categoriesCreated} new categor${i.categoriesCreated === 1 ? 'y' : 'ies'}` : ''}`}` +
          ` from ${formatInt(report.rows)} row(s) (${report.format} format).\n`);
        for (const w of report.warnings) io.err.write(`  warning: line ${w.line}: ${w.column ? `${w.column}: ` : ''}${w.message}\n`);
        if (report.problems.length) {
          io.err.write(`${report.problems.length} problem(s):\n`);
          for (const p of report.problems) io.err.write(`  line ${p.line}: ${p.column ? `${p.column}: ` : ''}${p.message}\n`);
        }
      }
      const imported = report.dryRun ? report.products.length : report.imported.products;
      return report.problems.length === 0 ? 0 : imported > 0 ? 2 : 1;
    } catch (e) {
      if (isAppError(e)) throw new CliError(e.message);
      throw e;
    } finally {
      await app.close();
    }
  },
};
