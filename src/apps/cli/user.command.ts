import { parseArgs } from 'node:util';
import { isAppError } from '../../kernel/index.js';
import { isRole, ROLES } from '../../platform/index.js';
import { CliError, generatePassword, openApp, type Command } from './command.js';

export const userCommand: Command = {
  name: 'user',
  usage: 'user create --email E --role R',
  summary: 'add a staff user (prints a generated password when none is given)',
  help: `Usage: emporia user create --email EMAIL --role ROLE [--name NAME] [--password PASSWORD]

Adds a staff user who can sign in to the admin. Roles: ${ROLES.join(', ')}.
Without --password a random one is generated and printed once.`,
  async run(argv, io) {
    const { values, positionals } = parseArgs({
      args: argv, allowPositionals: true, strict: true,
      options: { email: { type: 'string' }, role: { type: 'string' }, name: { type: 'string' }, password: { type: 'string' } },
    });
    if (positionals[0] !== 'create' || positionals.length > 1) throw new CliError(`expected 'user create', got 'user ${positionals.join(' ')}'`, 1, true);
    if (!values.email) throw new CliError('--email is required', 1, true);
    if (!values.role) throw new CliError('--role is required', 1, true);
    if (!isRole(values.role)) throw new CliError(`--role must be one of ${ROLES.join(', ')}, got '${values.role}'`);
    const password = values.password ?? generatePassword();
    const name = values.name ?? values.email.split('@')[0];
    const app = await openApp(process.env, { quiet: true });
    try {
      await app.migrate();
      const user = await app.modules.identity.service.staff.create(app.systemCtx(), { email: values.email, name, role: values.role, password });
      io.out.write(`Created ${user.role} ${user.email} (${user.id}).\n`);
      if (!values.password) io.out.write(`Password (shown once, store it now): ${password}\n`);
      return 0;
    } catch (e) {
      if (isAppError(e)) throw new CliError(e.message);
      throw e;
    } finally {
      await app.close();
    }
  },
};
