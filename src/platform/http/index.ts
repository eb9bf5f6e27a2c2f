export * from './route.js';
export * from './schemas.js';
export * from './server.js';
export { validationDetails } from './errors.js';
export { idempotencyKeyOf } from './idempotency.js';
export { clusterRateLimitStore } from './rate-limit-store.js';
export { checkTimestamped, signTimestamped, type TimestampedCheck } from './signed-payload.js';
