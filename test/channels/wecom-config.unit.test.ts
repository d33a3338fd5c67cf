import { describe, expect, it } from 'vitest';
import { loadWecomConfig, WecomConfigError } from '../../src/channels/wecom.config.js';

const app = {
  WECOM_CORP_ID: 'ww0123456789',
  WECOM_AGENT_ID: '1000002',
  WECOM_SECRET: 'app-secret',
  WECOM_TOKEN: 'QDG6eK',
  WECOM_ENCODING_AES_KEY: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C',
};

describe('WeCom settings', () => {
  it('starts no channel when nothing is set', () => {
    expect(loadWecomConfig({})).toEqual({});
  });

  it('reads a complete app channel with the default API base', () => {
    const c = loadWecomConfig(app);
    expect(c.app).toMatchObject({ corpId: 'ww0123456789', agentId: 1000002, apiBase: 'https://qyapi.weixin.qq.com' });
    expect(c.bot).toBeUndefined();
  });

  it('reads the bot with the default long-connection URL and the robot with a custom base', () => {
    const c = loadWecomConfig({ WECOM_BOT_ID: 'bot', WECOM_BOT_SECRET: 's', WECOM_WEBHOOK_KEY: 'abcd-1234-efgh', WECOM_WEBHOOK_BASE: 'http://wecom.local/' });
    expect(c.bot?.wsUrl).toBe('wss://openws.work.weixin.qq.com');
    expect(c.robot).toEqual({ webhookKey: 'abcd-1234-efgh', webhookBase: 'http://wecom.local' });
  });

  it('lists every problem of half-set channels in one error, without secret values', () => {
    let error: WecomConfigError | undefined;
    try {
      loadWecomConfig({ ...app, WECOM_SECRET: '', WECOM_ENCODING_AES_KEY: 'too-short', WECOM_BOT_SECRET: 'topsecret' });
    } catch (e) {
      error = e as WecomConfigError;
    }
    expect(error).toBeInstanceOf(WecomConfigError);
    expect(error!.problems).toEqual([
      'WECOM_SECRET is missing',
      expect.stringMatching(/^WECOM_ENCODING_AES_KEY must be exactly 43/),
      'WECOM_BOT_ID is missing',
    ]);
    expect(error!.message).not.toContain('topsecret');
  });
});
