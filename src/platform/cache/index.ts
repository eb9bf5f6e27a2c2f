export * from './cache.js';
export * from './locks.js';
export * from './redis.js';
export * from './redis-cache.js';
export * from './signals.js';
