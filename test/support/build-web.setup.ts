/** Vitest global setup of the `browser` project: builds the web apps once when web/ changed since the last build. */
import { buildWeb, isWebStale } from '../../scripts/build-web.mjs';

export default async function setup(): Promise<void> {
  if (isWebStale()) await buildWeb({ quiet: true });
}
