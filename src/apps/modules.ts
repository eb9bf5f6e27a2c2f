/** The list of modules in this store, in migration order. Adding a module is one line here. */
import { createIdentityModule } from '../modules/identity/index.js';
import type { ModuleDeps } from '../platform/index.js';

export function createModules(deps: ModuleDeps) {
  const identity = createIdentityModule(deps);
  return { identity };
}

export type Modules = ReturnType<typeof createModules>;
