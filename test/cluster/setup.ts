/**
 * Vitest global setup of the `cluster` project: builds the CLI bundle and the web apps once when
 * their sources changed, so the nodes a test spawns (several at once) do not each rebuild them.
 */
import { build, isStale } from '../../scripts/build-lib.mjs';
import { buildWeb, isWebStale } from '../../scripts/build-web.mjs';

export default async function setup(): Promise<void> {
  if (isStale()) await build();
  if (isWebStale()) await buildWeb({ quiet: true });
}
