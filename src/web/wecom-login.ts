/**
 * WeCom web sign-in (网页授权登录): OAuth2 with scope snsapi_base inside WeCom's browser, then
 * /cgi-bin/auth/getuserinfo with the app's access token turns the code into a userid.
 * The API base URL is configuration, so tests point it at a local stand-in.
 */
import type { Logger } from 'pino';
import { createTokenCache } from '../channels/wecom-api/token-cache.js';
import { TOKEN_ERRCODES } from '../channels/wecom-api/errors.js';

export interface WecomLoginConfig {
  corpId: string;
  agentId: number;
  secret: string;
  /** e.g. https://qyapi.weixin.qq.com */
  apiBase: string;
  /** The OAuth page; default https://open.weixin.qq.com */
  authorizeBase?: string;
}

export interface WecomLogin {
  authorizeUrl(redirectUri: string, state: string): string;
  /** The member's userid, or undefined when the code is invalid or belongs to a non-member. */
  userIdFromCode(code: string): Promise<string | undefined>;
}

interface Reply {
  errcode?: number;
  errmsg?: string;
  access_token?: string;
  expires_in?: number;
  userid?: string;
  UserId?: string;
}

export function createWecomLogin(config: WecomLoginConfig, log?: Logger): WecomLogin {
  const get = async (path: string): Promise<Reply> => {
    const res = await fetch(`${config.apiBase}${path}`, { signal: AbortSignal.timeout(10_000) });
    if (!res.ok) throw new Error(`wecom ${path.split('?')[0]}: HTTP ${res.status}`);
    return (await res.json()) as Reply;
  };
  const tokens = createTokenCache(async () => {
    const q = new URLSearchParams({ corpid: config.corpId, corpsecret: config.secret });
    const r = await get(`/cgi-bin/gettoken?${q}`);
    if (!r.access_token) throw new Error(`wecom gettoken: errcode ${r.errcode ?? '?'}`);
    return { token: r.access_token, expiresIn: Number(r.expires_in ?? 7200) };
  });

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
    async userIdFromCode(code) {
      for (let renewed = false; ; renewed = true) {
        const token = await tokens.get();
        const q = new URLSearchParams({ access_token: token, code });
        const r = await get(`/cgi-bin/auth/getuserinfo?${q}`);
        if (r.errcode && TOKEN_ERRCODES.has(r.errcode) && !renewed) {
          tokens.invalidate(token);
          continue;
        }
        if (r.errcode) {
          log?.warn({ errcode: r.errcode }, 'wecom getuserinfo refused the code');
          return undefined;
        }
        // Non-members get an openid instead of a userid: they have no place in the console.
        return r.userid ?? r.UserId ?? undefined;
      }
    },
  };
}
