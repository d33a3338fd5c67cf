import { describe, expect, it } from 'vitest';
import { loadEnv } from '../../src/config/env.js';

describe('loadEnv', () => {
  it('starts with defaults when nothing is set', () => {
    const env = loadEnv({});
    expect(env.port).toBe(3000);
    expect(env.mongodbUri).toBeUndefined();
    expect(env.dataDir).toMatch(/[/\\]data$/);
    expect(env.roles).toEqual(['web', 'bot', 'jobs']);
    expect(env.timeZone).toBe('Asia/Shanghai');
  });

  it('reads every setting, trimming and de-duplicating roles', () => {
    const env = loadEnv({
      PORT: '8080',
      MONGODB_URI: 'mongodb://db.internal:27017/tiantong',
      DATA_DIR: '/var/lib/tiantong',
      LOG_LEVEL: 'debug',
      ROLES: ' web, JOBS ,web',
      PUBLIC_URL: 'https://tiantong.example.cn/',
    });
    expect(env).toMatchObject({
      port: 8080,
      mongodbUri: 'mongodb://db.internal:27017/tiantong',
      dataDir: '/var/lib/tiantong',
      logLevel: 'debug',
      roles: ['web', 'jobs'],
      publicUrl: 'https://tiantong.example.cn',
    });
  });

  it('treats empty values as unset', () => {
    expect(loadEnv({ PORT: '', MONGODB_URI: '', ROLES: '' })).toMatchObject({ port: 3000, roles: ['web', 'bot', 'jobs'] });
  });

  it('works in Shanghai time whatever TZ the machine has', () => {
    expect(loadEnv({ TZ: 'America/New_York' }).timeZone).toBe('Asia/Shanghai');
  });

  it('lists every problem at once, in Chinese and English, without echoing values', () => {
    let message = '';
    try {
      loadEnv({
        PORT: 'eighty',
        MONGODB_URI: 'postgres://user:hunter2@x/db',
        LOG_LEVEL: 'loud',
        ROLES: 'web,cron',
        PUBLIC_URL: 'ftp://x',
      });
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toContain('环境变量有误');
    for (const name of ['PORT', 'MONGODB_URI', 'LOG_LEVEL', 'ROLES', 'PUBLIC_URL']) {
      expect(message).toMatch(new RegExp(`^- ${name}: `, 'm'));
    }
    expect(message).toContain('cron');
    expect(message).toContain('例如 ROLES=web,jobs');
    expect(message).not.toContain('hunter2');
  });
});
