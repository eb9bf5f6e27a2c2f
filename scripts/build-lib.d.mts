/** Types for scripts/build-lib.mjs (used by the cluster tests' setup). */
export const root: string;
export const entry: string;
export const outfile: string;
export const EXTERNAL: string[];
export function newestSource(dir?: string): number;
export function isStale(): boolean;
export function build(): Promise<string>;
