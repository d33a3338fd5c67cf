/** Loads config/reply-letter.yaml, the template of the formal reply letter (答复函). */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { parseYamlTemplate } from '../../config/yaml-template.js';

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

export const parseReplyLetterConfig = (source: string, path = DEFAULT_LETTER_CONFIG_PATH): ReplyLetterConfig =>
  parseYamlTemplate(schema, source, '答复函模板', path);

export const loadReplyLetterConfig = (path = DEFAULT_LETTER_CONFIG_PATH): ReplyLetterConfig => parseReplyLetterConfig(readFileSync(path, 'utf8'), path);
