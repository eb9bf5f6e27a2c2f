export * from './event.js';
export * from './outbox.js';
export * from './bus.js';
export * from './stream.js';
export { deleteNamespaceStreams, natsNames, type JetStreamSettings, type NatsHealth } from './jetstream.js';
