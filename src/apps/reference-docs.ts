/**
 * Renders the reference pages that must never drift from the code: the event catalogue (from the
 * event definitions) and the permission matrix (from the routes and the role table).
 */
import { eventCatalogue, PERMISSIONS, ROLE_PERMISSIONS, ROLES, type AnyRoute } from '../platform/index.js';

/** docs/events.md: every event type with its version, meaning and payload fields. */
export function renderEventCatalogue(): string {
  const lines = [
    '# Event catalogue',
    '',
    'Generated from the event definitions by `npm run docs`; a test fails when this page is out of date.',
    'Every event travels in one envelope (`id`, `seq`, `type`, `version`, `aggregateId`, `payload`,',
    '`occurredAt`, `actor`, `requestId`), is written in the same transaction as the change it announces,',
    'and is delivered at least once to each consumer.',
    '',
    '| type | v | meaning | payload |',
    '|---|---|---|---|',
  ];
  for (const e of eventCatalogue()) {
    const props = (e.schema as any).properties ?? {};
    const required = new Set<string>((e.schema as any).required ?? []);
    const fields = Object.entries(props).map(([k, v]: [string, any]) => `\`${k}${required.has(k) ? '' : '?'}\`: ${typeName(v)}`).join(', ');
    lines.push(`| \`${e.type}\` | ${e.version} | ${e.description.replace(/\|/g, '\\|')} | ${fields} |`);
  }
  return `${lines.join('\n')}\n`;
}

function typeName(s: any): string {
  if (s.anyOf) return s.anyOf.map(typeName).join(' \\| ');
  if (s.const !== undefined) return JSON.stringify(s.const);
  if (s.type === 'array') return `${typeName(s.items ?? {})}[]`;
  if (s.type === 'object') return 'object';
  return s.type ?? 'any';
}

/** docs/permissions.md: which role holds which permission, and which admin routes need each. */
export function renderPermissionMatrix(routes: AnyRoute[]): string {
  const lines = [
    '# Roles and permissions',
    '',
    'Generated from `src/platform/access/permissions.ts` and the routes by `npm run docs`; a test fails when',
    'this page is out of date, and `test/e2e/access.test.ts` checks every role against every admin route.',
    '',
    `| permission | ${ROLES.join(' | ')} |`,
    `|---|${ROLES.map(() => '---').join('|')}|`,
    ...PERMISSIONS.map((p) => `| \`${p}\` | ${ROLES.map((r) => (ROLE_PERMISSIONS[r].has(p) ? 'yes' : '')).join(' | ')} |`),
    `| \`self\` (own profile, MFA, password) | ${ROLES.map(() => 'yes').join(' | ')} |`,
    '',
    '## Admin routes by permission',
    '',
  ];
  const byPermission = new Map<string, string[]>();
  for (const r of routes) {
    if (r.access.kind !== 'staff') continue;
    const list = byPermission.get(r.access.permission) ?? [];
    list.push(`\`${r.method} ${r.url}\``);
    byPermission.set(r.access.permission, list);
  }
  for (const [p, list] of [...byPermission.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    lines.push(`- **${p}**: ${list.sort().join(', ')}`);
  }
  return `${lines.join('\n')}\n`;
}
