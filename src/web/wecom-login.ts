/**
 * WeCom web sign-in (网页授权登录): OAuth2 with scope snsapi_base inside WeCom's browser, then the
 * app's API client (the same one, with the same access token, that sends messages) turns the
 * code into a userid.
 */
import type { WecomApiClient } from '../channels/wecom-api/client.js';

export interface WecomLoginConfig {
  corpId: string;
  agentId: number;
  /** The app's API client (channels/wecom-api). */
  api: Pick<WecomApiClient, 'userIdFromCode'>;
  /** The OAuth page; default https://open.weixin.qq.com */
  authorizeBase?: string;
}

export interface WecomLogin {
  authorizeUrl(redirectUri: string, state: string): string;
  /** The member's userid, or undefined when the code is invalid or belongs to a non-member. */
  userIdFromCode(code: string): Promise<string | undefined>;
}

export function createWecomLogin(config: WecomLoginConfig): WecomLogin {
  return {
    authorizeUrl(redirectUri, state) {
      const q = new URLSearchParams({
        appid: config.corpId,
        redirect_uri: redirectUri,
        response_type: 'code',
        scope: 'snsapi_base',
        state,
        agentid: String(config.agentId),
      });
      return `${config.authorizeBase ?? 'https://open.weixin.qq.com'}/connect/oauth2/authorize?${q}#wechat_redirect`;
    },
    userIdFromCode: (code) => config.api.userIdFromCode(code),
  };
}
