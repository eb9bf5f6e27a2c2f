import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('config', () => {
  it('has working defaults for development', () => {
    const c = loadConfig({});
    expect(c.port).toBe(3000);
    expect(c.dataDir).toBe('./data');
    expect(c.databaseUrl).toBeUndefined();
    expect(c.defaultCurrency).toBe('USD');
  });

  it('names every wrong value in one message', () => {
    try {
      loadConfig({ PORT: 'abc', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud', LOGIN_MAX_ATTEMPTS: '0', DEFAULT_CURRENCY: 'dollars' });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      const problems = (e as ConfigError).problems.join('\n');
      expect(problems).toContain('PORT must be a whole number');
      expect(problems).toContain('DATABASE_URL must use postgres');
      expect(problems).toContain('LOG_LEVEL must be one of');
      expect(problems).toContain('LOGIN_MAX_ATTEMPTS must be between 1');
      expect(problems).toContain('DEFAULT_CURRENCY must be a 3-letter');
    }
  });

  it('refuses to start in production without a secret, and refuses a short one', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/AUTH_SECRET must be set in production/);
    expect(() => loadConfig({ NODE_ENV: 'production', AUTH_SECRET: 'short' })).toThrow(/AUTH_SECRET must be at least 32/);
    expect(loadConfig({ NODE_ENV: 'production', AUTH_SECRET: 'x'.repeat(40) }).authSecret).toHaveLength(40);
  });

  it('takes SMTP settings from the environment only, and checks them', () => {
    const c = loadConfig({ SMTP_URL: 'smtp://user:pass@mail.example.com:587', MAIL_FROM: 'Shop <orders@example.com>', DEFAULT_LOCALE: 'fr' });
    expect(c).toMatchObject({ smtpUrl: 'smtp://user:pass@mail.example.com:587', mailFrom: 'Shop <orders@example.com>', defaultLocale: 'fr' });
    expect(loadConfig({}).smtpUrl).toBeUndefined();
    expect(loadConfig({}).mailFrom).toBe('store@emporia.local');
    expect(() => loadConfig({ SMTP_URL: 'http://mail.example.com' })).toThrow(/SMTP_URL must use smtp or smtps/);
    expect(() => loadConfig({ MAIL_FROM: 'orders@example.com\r\nBcc: x@y.z' })).toThrow(/MAIL_FROM must be an address/);
    expect(() => loadConfig({ DEFAULT_LOCALE: 'French' })).toThrow(/DEFAULT_LOCALE must be a language tag/);
  });

  it('derives background work from the role, and namespaces Redis by schema unless told otherwise', () => {
    expect(loadConfig({}).role).toBe('all');
    expect(loadConfig({ EMPORIA_ROLE: 'api' }).workers).toBe(false);
    expect(loadConfig({ EMPORIA_ROLE: 'worker', EVENT_WORKERS: 'false' }).workers).toBe(true);
    expect(loadConfig({ EVENT_WORKERS: 'false' }).workers).toBe(false);
    expect(() => loadConfig({ EMPORIA_ROLE: 'web' })).toThrow(/EMPORIA_ROLE must be one of api, worker, all/);
    expect(loadConfig({}).redisPrefix).toBe('emporia');
    expect(loadConfig({ DATABASE_SCHEMA: 'shop_a' }).redisPrefix).toBe('shop_a');
    expect(loadConfig({ DATABASE_SCHEMA: 'shop_a', REDIS_PREFIX: 'eu1:shop' }).redisPrefix).toBe('eu1:shop');
    expect(() => loadConfig({ REDIS_PREFIX: 'has space' })).toThrow(/REDIS_PREFIX must be 1-64 letters/);
    expect(() => loadConfig({ REDIS_URL: 'http://cache:6379' })).toThrow(/REDIS_URL must use redis or rediss/);
    expect(loadConfig({}).shutdownTimeout).toBe(20);
  });
});
