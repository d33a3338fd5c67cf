/** Loads config/reply-letter.yaml, the template of the formal reply letter (答复函). */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { parseYamlTemplate } from '../../config/yaml-template.js';

export const DEFAULT_LETTER_CONFIG_PATH = 'config/reply-letter.yaml';

const text = z.string().trim().min(1, '不能为空');

/** The wording a kind of case may change: a 人大代表建议 is answered to a 代表, copied to the 人大. */
const kindWording = z.strictObject({ title: text, salutation: text, opening: text, closing: text, cc: z.string().trim() }).partial().optional();

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
  // Per kind (proposal 政协提案, suggestion 人大代表建议): lines that differ from the above.
  kinds: z.strictObject({ proposal: kindWording, suggestion: kindWording }).default({}),
});

export type ReplyLetterConfig = z.infer<typeof schema>;

export const parseReplyLetterConfig = (source: string, path = DEFAULT_LETTER_CONFIG_PATH): ReplyLetterConfig =>
  parseYamlTemplate(schema, source, '答复函模板', path);

export const loadReplyLetterConfig = (path = DEFAULT_LETTER_CONFIG_PATH): ReplyLetterConfig => parseReplyLetterConfig(readFileSync(path, 'utf8'), path);
