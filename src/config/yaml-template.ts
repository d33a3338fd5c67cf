/** Reads a YAML template under config/ against its schema: one Chinese error listing every problem. */
import { parse } from 'yaml';
import type { z } from 'zod';
import { issueText } from './config-issues.js';

/** `what` names the file for people, e.g. 答复函模板. */
export function parseYamlTemplate<S extends z.ZodType>(schema: S, source: string, what: string, path: string): z.output<S> {
  let raw: unknown;
  try {
    raw = parse(source);
  } catch (e) {
    throw new Error(`${what} ${path} 不是有效的 YAML：${(e as Error).message}`);
  }
  const r = schema.safeParse(raw);
  if (!r.success) {
    throw new Error(`${what} ${path} 有误：\n${r.error.issues.map((i) => `- ${i.path.join('.') || '(顶层)'}：${issueText(i)}`).join('\n')}`);
  }
  return r.data;
}
