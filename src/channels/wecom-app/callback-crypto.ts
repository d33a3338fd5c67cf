/**
 * Verifies and opens WeCom's encrypted callbacks (WXBizMsgCrypt).
 * @wecom/crypto does the AES; it neither checks the receive id nor the padding, so we do:
 * a forged or corrupted payload must fail here, not leak garbage into the XML parser.
 */
import { createDecipheriv, timingSafeEqual } from 'node:crypto';
import { decrypt, getSignature } from '@wecom/crypto';
import { AppError } from '../../shared/app-error.js';

export class CallbackRejected extends AppError {
  constructor(
    readonly status: 400 | 401,
    readonly reason: string,
  ) {
    super('callback.rejected', reason);
  }
}

export interface CallbackKeys {
  token: string;
  encodingAesKey: string;
  /** The CorpID: the receive id our plaintext must end with. */
  corpId: string;
}

/** Constant-time comparison of msg_signature with the expected sha1. */
export function verifySignature(keys: CallbackKeys, q: { signature: string; timestamp: string; nonce: string }, cipher: string): boolean {
  const expected = Buffer.from(getSignature(keys.token, q.timestamp, q.nonce, cipher), 'utf8');
  const given = Buffer.from(q.signature.toLowerCase(), 'utf8');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * Checks the PKCS#7 padding (to 32 bytes) by decrypting only the last two AES blocks:
 * in CBC the block before them serves as their IV.
 */
function paddingIsValid(aesKey: Buffer, cipher: Buffer): boolean {
  if (cipher.length === 0 || cipher.length % 32 !== 0) return false;
  const tail = cipher.subarray(cipher.length - 32);
  const iv = cipher.length > 32 ? cipher.subarray(cipher.length - 48, cipher.length - 32) : aesKey.subarray(0, 16);
  const d = createDecipheriv('aes-256-cbc', aesKey, iv).setAutoPadding(false);
  const plain = Buffer.concat([d.update(tail), d.final()]);
  const pad = plain[plain.length - 1]!;
  if (pad < 1 || pad > 32) return false;
  for (let i = plain.length - pad; i < plain.length; i++) if (plain[i] !== pad) return false;
  return true;
}

/** Decrypts `cipher` (base64) and returns the message, after checking padding and receive id. */
export function openCallback(keys: CallbackKeys, cipher: string): string {
  const raw = Buffer.from(cipher, 'base64');
  const aesKey = Buffer.from(`${keys.encodingAesKey}=`, 'base64');
  if (!paddingIsValid(aesKey, raw)) throw new CallbackRejected(400, 'bad padding or length');
  let opened: { message: string; id: string };
  try {
    opened = decrypt(keys.encodingAesKey, cipher);
  } catch {
    throw new CallbackRejected(400, 'cannot decrypt');
  }
  if (opened.id !== keys.corpId) throw new CallbackRejected(401, 'receive id is not our corp id');
  return opened.message;
}
