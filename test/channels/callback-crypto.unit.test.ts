import { encrypt } from '@wecom/crypto';
import { describe, expect, it } from 'vitest';
import { CallbackRejected, openCallback, verifySignature } from '../../src/channels/wecom-app/callback-crypto.js';

// Official WXBizMsgCrypt sample vectors (developer.work.weixin.qq.com/document/path/90968).
const keys = { token: 'QDG6eK', encodingAesKey: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C', corpId: 'wx5823bf96d3bd56c7' };
const ENCRYPT =
  'RypEvHKD8QQKFhvQ6QleEB4J58tiPdvo+rtK1I9qca6aM/wvqnLSV5zEPeusUiX5L5X/0lWfrf0QADHHhGd3QczcdCUpj911L3vg3W/sYYvuJTs3TUUkSUXxaccAS0qhxchrRYt66wiSpGLYL42aM6A8dTT+6k4aSknmPj48kzJs8qLjvd4Xgpue06DOdnLxAUHzM6+kDZ+HMZfJYuR+LtwGc2hgf5gsijff0ekUNXZiqATP7PF5mZxZ3Izoun1s4zG4LUMnvw2r+KqCKIw+3IQH03v+BCA9nMELNqbSf6tiWSrXJB3LAVGUcallcrw8V2t9EL4EhzJWrQUax5wLVMNS0+rUPA3k22Ncx4XXZS9o0MBH27Bo6BpNelZpS+/uh9KsNlY6bHCmJU9p8g7m3fVKn28H3KDYA5Pl/T8Z1ptDAVe0lXdQ2YoyyH2uyPIGHBZZIs2pDBS8R07+qN+E7Q==';
const ECHOSTR = 'P9nAzCzyDtyTWESHep1vC5X9xho/qYX3Zpb4yKa9SKld1DsH3Iyt3tP3zNdtp+4RPcs8TgAE7OaBO+FZXvnaqQ==';

describe('callback crypto against the official vectors', () => {
  it('verifies and opens the sample message', () => {
    const q = { signature: '477715d11cdb4164915debcba66cb864d751f3e6', timestamp: '1409659813', nonce: '1372623149' };
    expect(verifySignature(keys, q, ENCRYPT)).toBe(true);
    const xml = openCallback(keys, ENCRYPT);
    expect(xml).toContain('<Content><![CDATA[hello]]></Content>');
    expect(xml).toContain('<MsgId>4561255354251345929</MsgId>');
  });

  it('verifies and opens the URL-verification echostr', () => {
    const q = { signature: '5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3', timestamp: '1409659589', nonce: '263014780' };
    expect(verifySignature(keys, q, ECHOSTR)).toBe(true);
    expect(openCallback(keys, ECHOSTR)).toBe('1616140317555161061');
  });

  it('refuses a signature computed for another nonce', () => {
    const q = { signature: '477715d11cdb4164915debcba66cb864d751f3e6', timestamp: '1409659813', nonce: '1372623150' };
    expect(verifySignature(keys, q, ENCRYPT)).toBe(false);
  });

  it('refuses a payload encrypted for another corp id', () => {
    const other = encrypt(keys.encodingAesKey, '<xml/>', 'wwsomeoneelse');
    expect(() => openCallback(keys, other)).toThrow(CallbackRejected);
  });

  it('refuses a payload whose padding is not PKCS#7 to 32 bytes', () => {
    const raw = Buffer.from(ENCRYPT, 'base64');
    // A truncated ciphertext (length not a multiple of 32) and a tampered last block.
    expect(() => openCallback(keys, raw.subarray(0, raw.length - 16).toString('base64'))).toThrow(/padding/);
    const tampered = Buffer.from(raw);
    tampered[tampered.length - 20]! ^= 0xff;
    expect(() => openCallback(keys, tampered.toString('base64'))).toThrow(CallbackRejected);
  });
});
