/**
 * Roles map to permissions; routes ask for a permission, never a role, so a role can change
 * without touching a route. The admin reads this table to show what each role may do.
 */
import type { Role } from '../context/index.js';

export const PERMISSIONS = [
  'catalog:read', 'catalog:write',
  'inventory:read', 'inventory:write',
  'orders:read', 'orders:write',
  // Picking, packing, shipping and handing over orders; receiving returns.
  'orders:fulfil',
  // Money going back: refunds, cancellations of paid orders, store credit.
  'orders:refund',
  'customers:read', 'customers:write',
  'support:read', 'support:write',
  'pos:sell',
  'reports:read',
  'staff:manage',
  'settings:manage',
  'audit:read',
  'events:manage',
  // Agent runs: what each agent was asked, the tools it called and what it answered.
  'ai:read',
] as const;

export type Permission = (typeof PERMISSIONS)[number];

export const ROLES: Role[] = ['owner', 'admin', 'staff', 'support', 'clerk'];

const ALL = new Set<string>(PERMISSIONS);

export const ROLE_PERMISSIONS: Record<Role, ReadonlySet<string>> = {
  owner: ALL,
  admin: ALL,
  staff: new Set(['catalog:read', 'catalog:write', 'inventory:read', 'inventory:write', 'orders:read', 'orders:write', 'orders:fulfil', 'customers:read', 'reports:read']),
  support: new Set(['catalog:read', 'orders:read', 'orders:write', 'orders:refund', 'customers:read', 'customers:write', 'support:read', 'support:write', 'ai:read']),
  clerk: new Set(['catalog:read', 'inventory:read', 'orders:read', 'orders:fulfil', 'customers:read', 'pos:sell']),
};

export const isRole = (r: string): r is Role => (ROLES as string[]).includes(r);
