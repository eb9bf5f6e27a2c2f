/** Types for scripts/build-web.mjs (used by the browser tests' setup). */
export const root: string;
export const webSrc: string;
export const webOut: string;
export function newestWebSource(dir?: string): number;
export function isWebStale(): boolean;
export function buildWeb(opts?: { quiet?: boolean }): Promise<string>;
