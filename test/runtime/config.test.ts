import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../runtime/config';

describe('configuration', () => {
  it('has working defaults: embedded services, data in ./.countersign', () => {
    const cfg = loadConfig({});
    expect(cfg.dataDir).toBe(path.resolve('.countersign'));
    expect(cfg.DATABASE_URL).toBeUndefined();
    expect(cfg.TEMPORAL_ADDRESS).toBeUndefined();
    expect(cfg.TEMPORAL_TASK_QUEUE).toBe('countersign');
    expect(cfg.PORT).toBe(3000);
    expect(cfg.COUNTERSIGN_ADMINS).toEqual([]);
  });

  it('reads values and lists', () => {
    const cfg = loadConfig({ DATABASE_URL: 'postgresql://u:p@db:5432/x', TEMPORAL_ADDRESS: 'temporal:7233', COUNTERSIGN_ADMINS: 'U1, U2', PORT: '8080', DATA_DIR: '/var/lib/cs' });
    expect(cfg.DATABASE_URL).toBe('postgresql://u:p@db:5432/x');
    expect(cfg.COUNTERSIGN_ADMINS).toEqual(['U1', 'U2']);
    expect(cfg.PORT).toBe(8080);
    expect(cfg.dataDir).toBe('/var/lib/cs');
  });

  it('treats empty values as unset', () => {
    expect(loadConfig({ DATABASE_URL: '', TEMPORAL_ADDRESS: '  ' }).DATABASE_URL).toBeUndefined();
  });

  it('names every bad value in one error', () => {
    let err: unknown;
    try {
      loadConfig({ DATABASE_URL: 'mysql://x', PORT: 'eighty', LOG_LEVEL: 'loud' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    const msg = (err as Error).message;
    expect(msg).toMatch(/DATABASE_URL: must start with postgresql:\/\//);
    expect(msg).toMatch(/PORT:/);
    expect(msg).toMatch(/LOG_LEVEL:/);
  });

  it('refuses half of the Slack HTTP credentials', () => {
    expect(() => loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1' })).toThrow(/set both SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET/);
    expect(loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's' }).SLACK_SIGNING_SECRET).toBe('s');
  });
});
