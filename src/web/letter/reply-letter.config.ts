/** Loads config/reply-letter.yaml, the template of the formal reply letter (答复函). */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';

export const DEFAULT_LETTER_CONFIG_PATH = 'config/reply-letter.yaml';

const text = z.string().trim().min(1, '不能为空');

const schema = z.strictObject({
  letterhead: text,
  letterheadColor: z.string().regex(/^[0-9A-Fa-f]{6}$/, '应为六位十六进制颜色，例如 C00000'),
  senderUnit: text,
  title: text,
  salutation: text,
  opening: text,
  measuresIntro: text,
  closing: text,
  contact: z.strictObject({ name: text, phone: z.coerce.string().trim().min(1, '不能为空') }),
  cc: z.string().trim().optional(),
  draftMark: text,
});

export type ReplyLetterConfig = z.infer<typeof schema>;

export function parseReplyLetterConfig(source: string, path = DEFAULT_LETTER_CONFIG_PATH): ReplyLetterConfig {
  let raw: unknown;
  try {
    raw = parse(source);
  } catch (e) {
    throw new Error(`答复函模板 ${path} 不是有效的 YAML：${(e as Error).message}`);
  }
  const r = schema.safeParse(raw);
  if (!r.success) {
    throw new Error(`答复函模板 ${path} 有误：\n${r.error.issues.map((i) => `- ${i.path.join('.') || '(顶层)'}：${i.message}`).join('\n')}`);
  }
  return r.data;
}

export const loadReplyLetterConfig = (path = DEFAULT_LETTER_CONFIG_PATH): ReplyLetterConfig =>
  parseReplyLetterConfig(readFileSync(path, 'utf8'), path);
