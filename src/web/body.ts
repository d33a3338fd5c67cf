/** Request bodies for the console: forms, JSON and uploaded files, each with a size limit. */
import type { Context } from 'koa';
import { readBody } from '../channels/wecom-app/read-body.js';

/**
 * Forms and chat messages are small, the largest a reply's 正文 (10,000 characters, up to 9 bytes
 * each once form-encoded); files are the proposal lists (a few hundred rows).
 */
export const FORM_LIMIT = 128 * 1024;
export const FILE_LIMIT = 10 * 1024 * 1024;

export async function readForm(ctx: Context): Promise<Record<string, string>> {
  const text = await readBody(ctx.req, FORM_LIMIT);
  return Object.fromEntries(new URLSearchParams(text));
}

export async function readJson(ctx: Context): Promise<unknown> {
  const text = await readBody(ctx.req, FORM_LIMIT);
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The raw bytes of an upload sent as the whole request body (the import page's script does this). */
export async function readFile(ctx: Context): Promise<Buffer> {
  const declared = Number(ctx.get('content-length') || 0);
  if (declared > FILE_LIMIT) ctx.throw(413);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of ctx.req) {
    size += (chunk as Buffer).length;
    if (size > FILE_LIMIT) ctx.throw(413);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}
