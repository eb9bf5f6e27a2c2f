export * from './errors.js';
export * from './id.js';
export * from './money.js';
export * from './clock.js';
export * from './result.js';
export * from './html.js';
