/**
 * A zod issue of a configuration file in plain Chinese, so that whoever edits a YAML file under
 * config/ reads what is wrong and how to write it (zod's own messages are English).
 */
import type { z } from 'zod';

const TYPE_WORDS: Record<string, string> = { number: '应为数字', boolean: '应填 true 或 false', string: '应为文字', object: '应为一组设置', array: '应为列表，例如 [a, b]' };

export const issueTexts = {
  type: (expected: string) => TYPE_WORDS[expected] ?? `应为 ${expected}`,
  unknownKeys: (keys: string[]) => `不认识的项：${keys.join('、')}`,
  tooSmall: (min: unknown) => `不能小于 ${String(min)}`,
  tooBig: (max: unknown) => `不能大于 ${String(max)}`,
  oneOf: (values: readonly unknown[]) => `只能填 ${values.map(String).join('、')} 之一`,
  other: (message: string) => `格式不对（${message}）`,
} as const;

export function issueText(issue: z.core.$ZodIssue): string {
  // A schema's own message is already Chinese; zod's defaults are English.
  if (/\p{Script=Han}/u.test(issue.message)) return issue.message;
  switch (issue.code) {
    case 'invalid_type':
      return issueTexts.type(issue.expected);
    case 'unrecognized_keys':
      return issueTexts.unknownKeys(issue.keys);
    case 'too_small':
      return issueTexts.tooSmall(issue.minimum);
    case 'too_big':
      return issueTexts.tooBig(issue.maximum);
    case 'invalid_value':
      return issueTexts.oneOf(issue.values);
    case 'custom':
    case 'invalid_format':
      return issue.message;
    default:
      return issueTexts.other(issue.message);
  }
}
