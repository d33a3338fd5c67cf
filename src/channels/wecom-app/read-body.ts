/** Reads a request body as UTF-8, refusing it (413) as soon as it exceeds `limit` bytes. */
import type { IncomingMessage } from 'node:http';
import { AppError } from '../../shared/app-error.js';

export class BodyTooLarge extends AppError {
  constructor(limit: number) {
    super('callback.bodyTooLarge', `body over ${limit} bytes`);
  }
}

export async function readBody(req: IncomingMessage, limit: number): Promise<string> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) throw new BodyTooLarge(limit);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new BodyTooLarge(limit);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}
