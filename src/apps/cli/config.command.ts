import { parseArgs } from 'node:util';
import { describeSettings, loadConfig } from '../../platform/index.js';
import type { Command } from './command.js';

export const configCommand: Command = {
  name: 'config',
  usage: 'config [--check] [--markdown]',
  summary: 'list configuration settings, or check the current environment',
  help: `Usage: emporia config [--check] [--markdown]

Lists every environment variable Emporia reads, with its default. --markdown prints the table for the
README; --check validates the current environment and exits 1 naming each wrong value.`,
  async run(argv, io) {
    const { values } = parseArgs({ args: argv, strict: true, options: { check: { type: 'boolean' }, markdown: { type: 'boolean' } } });
    if (values.check) {
      loadConfig(process.env);
      io.out.write('Configuration is valid.\n');
      return 0;
    }
    const rows = describeSettings();
    if (values.markdown) {
      io.out.write(`| variable | default | description |\n|---|---|---|\n${rows.map((r) => `| \`${r.env}\` | ${r.default ? `\`${r.default}\`` : ''} | ${r.description} |`).join('\n')}\n`);
      return 0;
    }
    const w = Math.max(...rows.map((r) => r.env.length));
    const d = Math.max(...rows.map((r) => r.default.length));
    io.out.write(`${rows.map((r) => `${r.env.padEnd(w)}  ${r.default.padEnd(d)}  ${r.description}`).join('\n')}\n`);
    return 0;
  },
};
