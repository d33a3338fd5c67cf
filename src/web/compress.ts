/**
 * Compresses text responses (pages, CSS, scripts, CSV, JSON) with brotli or gzip, whichever the
 * browser accepts: a ledger page of a thousand rows shrinks about tenfold, which matters on a
 * phone. Downloads that are already zipped (.xlsx, .docx) and small bodies are left alone.
 */
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { Middleware } from 'koa';

const brotli = promisify(brotliCompress);
const gz = promisify(gzip);
const TEXT = /^(text\/|application\/(json|javascript)|image\/svg\+xml)/;
/** Below this the headers cost more than they save. */
const MIN_BYTES = 1024;

export function compressText(): Middleware {
  return async (ctx, next) => {
    await next();
    ctx.vary('accept-encoding');
    const body: unknown = ctx.body;
    if (ctx.method === 'HEAD' || ctx.response.get('content-encoding') || !TEXT.test(ctx.response.type)) return;
    const raw = typeof body === 'string' ? Buffer.from(body) : Buffer.isBuffer(body) ? body : undefined;
    if (!raw || raw.length < MIN_BYTES) return;
    const encoding = ctx.acceptsEncodings('br', 'gzip', 'identity');
    if (encoding === 'br') ctx.body = await brotli(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } });
    else if (encoding === 'gzip') ctx.body = await gz(raw);
    else return;
    ctx.set('content-encoding', encoding);
    ctx.remove('content-length');
  };
}
