export * from './database.js';
export * from './migrations.js';
export * from './platform-migrations.js';
export * from './backup.js';
