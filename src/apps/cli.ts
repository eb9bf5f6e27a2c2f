/**
 * The `emporia` command line: start, migrate, seed, user, import, config, backup, restore. Each
 * command parses its arguments with node:util parseArgs, builds the store through createApp (or,
 * for backup and restore, opens the database alone) and calls services; a bad configuration prints
 * the ConfigError and exits 1.
 */
import { ConfigError } from '../platform/index.js';
import { VERSION } from './app.js';
import { backupCommand, restoreCommand } from './cli/backup.command.js';
import { CliError, type Command } from './cli/command.js';
import { configCommand } from './cli/config.command.js';
import { importCommand } from './cli/import.command.js';
import { migrateCommand } from './cli/migrate.command.js';
import { seedCommand } from './cli/seed.command.js';
import { startCommand } from './cli/start.command.js';
import { userCommand } from './cli/user.command.js';

const COMMANDS: Command[] = [startCommand, migrateCommand, seedCommand, userCommand, importCommand, configCommand, backupCommand, restoreCommand];

function usage(): string {
  const width = Math.max(...COMMANDS.map((c) => c.usage.length));
  return [
    `Emporia ${VERSION} — a self-hosted, AI-native commerce platform`,
    '',
    'Usage: emporia <command> [options]',
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.usage.padEnd(width)}  ${c.summary}`),
    '',
    'Options for every command: --help. Configuration comes from environment variables (see `emporia config`).',
    'Docs: docs/cli.md',
  ].join('\n');
}

/** Runs a command; resolves to an exit code, or null when the command keeps running (start). */
export async function main(argv: string[], io: { out: NodeJS.WriteStream; err: NodeJS.WriteStream } = { out: process.stdout, err: process.stderr }): Promise<number | null> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') { io.out.write(`${usage()}\n`); return name ? 0 : 1; }
  if (name === '--version' || name === '-v' || name === 'version') { io.out.write(`${VERSION}\n`); return 0; }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) { io.err.write(`emporia: unknown command '${name}'\n\n${usage()}\n`); return 1; }
  if (rest.includes('--help') || rest.includes('-h')) { io.out.write(`${command.help}\n`); return 0; }
  try {
    return await command.run(rest, io);
  } catch (e) {
    if (e instanceof ConfigError) { io.err.write(`emporia: ${e.message}\n`); return 1; }
    if (e instanceof CliError) { io.err.write(`emporia ${name}: ${e.message}\n${e.showHelp ? `\n${command.help}\n` : ''}`); return e.exitCode; }
    const err = e as Error & { code?: string };
    if (err?.code?.startsWith('ERR_PARSE_ARGS')) { io.err.write(`emporia ${name}: ${err.message}\n\n${command.help}\n`); return 1; }
    io.err.write(`emporia ${name}: ${err?.stack ?? String(e)}\n`);
    return 1;
  }
}
