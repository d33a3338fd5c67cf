/**
 * The directory file (通讯录): the bureau's divisions (处室) and people, kept in YAML under config/
 * and loaded into MongoDB by `npm run cli -- directory load`. Format (see config/directory.example.yaml):
 *
 *   bureau: 省乡村振兴局               # the bureau's own name, as proposal lists write it
 *   divisions:
 *     - code: zcfg                     # stable code, letters/digits/-/_ (never reuse one)
 *       name: 政策法规处
 *       aliases: [政法处, 法规处]       # short names people type in chat
 *       kind: coordinating             # coordinating | handling | monitoring
 *       head: wangjian                 # userid of the 处长 (第一责任人), optional
 *       leader: zhaoqiang              # userid of the 分管负责同志, optional
 *   people:
 *     - userid: wangjian               # WeCom userid (企业微信账号), unique
 *       name: 王建
 *       roles: [divisionHead]          # coordinator | leader | divisionHead | handler | member
 *       division: zcfg                 # division code; members (委员) have none
 *       sector: 中国民主同盟            # 界别, members only
 *       mobile: "13800000000"
 *
 * Roles may also be written in Chinese: 协调员/联络员, 领导, 处长, 承办人/专人, 委员.
 * Whoever is missing from the file is deactivated on the next load, never deleted.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { ROLES, type Division, type Person, type Role } from '../domain/model.js';
import { AppError } from '../shared/app-error.js';

export interface DirectoryFile {
  /** The bureau's own name, e.g. 省乡村振兴局: written as 主办单位 of 主办 proposals on export. */
  bureau: string;
  divisions: Division[];
  people: Person[];
}

/** The directory file used when none is named: config/directory.yaml, else the shipped example. */
export const DIRECTORY_FILES = ['config/directory.yaml', 'config/directory.example.yaml'] as const;

/** The file named, else the first of DIRECTORY_FILES that exists (relative to the working directory). */
export function resolveDirectoryFile(given?: string): string | undefined {
  return given ?? DIRECTORY_FILES.find((f) => existsSync(f));
}

const ROLE_WORDS: Record<string, Role> = {
  协调员: 'coordinator',
  联络员: 'coordinator',
  领导: 'leader',
  处长: 'divisionHead',
  承办人: 'handler',
  专人: 'handler',
  委员: 'member',
};

const texts = {
  fileTitle: (source: string, count: number) => `通讯录文件 ${source} 有 ${count} 处错误，未做任何更改：`,
  notYaml: (source: string, detail: string) =>
    `通讯录文件 ${source} 不是有效的 YAML：${detail}\n请检查缩进与冒号，格式见 config/directory.example.yaml。`,
  unreadable: (source: string) => `读不到通讯录文件 ${source}：请确认路径，例如 config/directory.yaml。`,
  required: '必填，不能为空',
  text: '应为文字',
  list: (example: string) => `应为列表，例如 ${example}`,
  code: '处室代码只能用字母、数字、- 和 _，例如 zcfg',
  kind: '处室类型应为 coordinating（统筹）、handling（承办）或 monitoring（监测）',
  role: (value: unknown) =>
    `未知角色“${String(value)}”，可用：${ROLES.join('、')}（或 ${Object.keys(ROLE_WORDS).join('、')}）`,
  unknownKey: (keys: string[]) => `不认识的字段：${keys.join('、')}`,
  topLevel: '文件顶层应有 bureau、divisions 和 people 三项',
  duplicateCode: (code: string) => `处室代码 ${code} 重复`,
  duplicateUserid: (userid: string) => `userid ${userid} 重复`,
  duplicateAlias: (alias: string, other: string) => `名称或简称“${alias}”已被处室 ${other} 使用`,
  unknownDivision: (code: string) => `未知处室代码 ${code}（须是 divisions 中的 code）`,
  unknownPerson: (userid: string) => `未知人员 userid ${userid}（须是 people 中的 userid）`,
  noCoordinating: '须有且只有一个 kind: coordinating 的处室（政策法规处）',
} as const;

const text = (iss: { input?: unknown }) => (iss.input === undefined ? texts.required : texts.text);
const requiredText = z.string({ error: text }).trim().min(1, { error: texts.required });
const optionalText = requiredText.optional();
const list = (example: string) => (iss: { input?: unknown }) =>
  iss.input === undefined ? texts.required : texts.list(example);
const unknownKeys = (iss: { code?: string; keys?: string[] }) =>
  iss.code === 'unrecognized_keys' ? texts.unknownKey(iss.keys ?? []) : undefined;

const roleSchema = z.unknown().transform((value, ctx): Role => {
  const word = typeof value === 'string' ? value.trim() : '';
  const role = (ROLES as readonly string[]).includes(word) ? (word as Role) : ROLE_WORDS[word];
  if (!role) {
    ctx.addIssue({ code: 'custom', message: texts.role(value) });
    return z.NEVER;
  }
  return role;
});

const divisionSchema = z.strictObject(
  {
    code: requiredText.regex(/^[A-Za-z0-9_-]+$/, { error: texts.code }),
    name: requiredText,
    aliases: z.array(requiredText, { error: list('[政法处, 法规处]') }).default([]),
    kind: z.enum(['coordinating', 'handling', 'monitoring'], { error: texts.kind }).default('handling'),
    head: optionalText,
    leader: optionalText,
  },
  { error: unknownKeys },
);

const personSchema = z.strictObject(
  {
    userid: requiredText,
    name: requiredText,
    roles: z.array(roleSchema, { error: list('[handler]') }).min(1, { error: texts.required }),
    division: optionalText,
    sector: optionalText,
    mobile: z.union([z.string(), z.number()], { error: texts.text }).transform(String).optional(),
  },
  { error: unknownKeys },
);

const fileSchema = z.object(
  {
    bureau: requiredText,
    divisions: z.array(z.unknown(), { error: list('- { code: zcfg, name: 政策法规处 }') }),
    people: z.array(z.unknown(), { error: list('- { userid: wangjian, name: 王建, roles: [divisionHead] }') }),
  },
  { error: texts.topLevel },
);

type Problem = { path: PropertyKey[]; message: string };

/**
 * Entries are checked one by one, then against each other, so that a single load reports every
 * problem in the file rather than stopping at the first broken entry.
 */
function validate(raw: unknown): { file: DirectoryFile; problems?: undefined } | { problems: Problem[] } {
  const problems: Problem[] = [];
  const top = fileSchema.safeParse(raw);
  if (!top.success) {
    problems.push(...top.error.issues);
    if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return { problems };
  }
  const record = raw as Record<string, unknown>;
  const entries = <T,>(key: 'divisions' | 'people', schema: z.ZodType<T>): { index: number; value: T }[] => {
    const items = Array.isArray(record[key]) ? (record[key] as unknown[]) : [];
    return items.flatMap((item, index) => {
      const result = schema.safeParse(item);
      if (result.success) return [{ index, value: result.data }];
      problems.push(...result.error.issues.map((i) => ({ path: [key, index, ...i.path], message: i.message })));
      return [];
    });
  };
  const divisions = entries('divisions', divisionSchema);
  const people = entries('people', personSchema);
  const issue = (path: PropertyKey[], message: string) => problems.push({ path, message });

  // Cross-references are checked on the raw entries, so a broken field elsewhere in an entry
  // does not hide them.
  const rawList = (key: 'divisions' | 'people') =>
    (Array.isArray(record[key]) ? (record[key] as unknown[]) : []).map((item) => {
      const fields = item && typeof item === 'object' ? (item as Record<string, unknown>) : {};
      const str = (k: string) => (typeof fields[k] === 'string' ? (fields[k] as string).trim() : undefined);
      const aliases = Array.isArray(fields.aliases) ? fields.aliases.filter((a): a is string => typeof a === 'string') : [];
      return { code: str('code'), name: str('name'), aliases, head: str('head'), leader: str('leader'), kind: str('kind'), userid: str('userid'), division: str('division') };
    });
  const rawDivisions = rawList('divisions');
  const rawPeople = rawList('people');
  const codes = new Set(rawDivisions.map((d) => d.code));
  const userids = new Set(rawPeople.map((p) => p.userid));
  const seenCodes = new Set<string>();
  const labels = new Map<string, string>();
  rawDivisions.forEach((d, index) => {
    if (d.code && seenCodes.has(d.code)) issue(['divisions', index, 'code'], texts.duplicateCode(d.code));
    if (d.code) seenCodes.add(d.code);
    // Names and aliases must point at one division, or findDivision would have to guess.
    for (const label of new Set([d.code, d.name, ...d.aliases])) {
      if (!label || !d.code) continue;
      const owner = labels.get(label);
      if (owner && owner !== d.code) issue(['divisions', index, 'aliases'], texts.duplicateAlias(label, owner));
      else labels.set(label, d.code);
    }
    if (d.head && !userids.has(d.head)) issue(['divisions', index, 'head'], texts.unknownPerson(d.head));
    if (d.leader && !userids.has(d.leader)) issue(['divisions', index, 'leader'], texts.unknownPerson(d.leader));
  });
  if (rawDivisions.filter((d) => d.kind === 'coordinating').length !== 1) issue(['divisions'], texts.noCoordinating);
  const seenUserids = new Set<string>();
  rawPeople.forEach((p, index) => {
    if (p.userid && seenUserids.has(p.userid)) issue(['people', index, 'userid'], texts.duplicateUserid(p.userid));
    if (p.userid) seenUserids.add(p.userid);
    if (p.division && !codes.has(p.division)) issue(['people', index, 'division'], texts.unknownDivision(p.division));
  });
  if (problems.length > 0 || !top.success) return { problems };
  return {
    file: {
      bureau: top.data.bureau,
      divisions: divisions.map(({ value: d }) => ({
        code: d.code,
        name: d.name,
        aliases: d.aliases,
        kind: d.kind,
        ...(d.head ? { headUserid: d.head } : {}),
        ...(d.leader ? { leaderUserid: d.leader } : {}),
        active: true,
      })),
      people: people.map(({ value: p }) => ({
        userid: p.userid,
        name: p.name,
        roles: [...new Set(p.roles)],
        ...(p.division ? { divisionCode: p.division } : {}),
        ...(p.sector ? { sector: p.sector } : {}),
        ...(p.mobile ? { mobile: p.mobile } : {}),
        active: true,
      })),
    },
  };
}

/** A directory file that failed validation: `message` lists every problem with its key path. */
export class DirectoryConfigError extends AppError {
  constructor(
    message: string,
    readonly problems: string[] = [],
  ) {
    super('config.directory', message);
  }
}

/** `people[3].roles[0]`, with the person's or division's name when known, so the line is easy to find. */
function describePath(path: PropertyKey[], raw: unknown): string {
  let text = '';
  for (const key of path) text += typeof key === 'number' ? `[${key}]` : `${text ? '.' : ''}${String(key)}`;
  const [list, index] = path;
  if (typeof index === 'number' && (list === 'people' || list === 'divisions')) {
    const entry = (raw as Record<string, unknown[] | undefined>)[list]?.[index] as Record<string, unknown> | undefined;
    if (typeof entry?.name === 'string') text += `（${entry.name}）`;
  }
  return text || '（文件顶层）';
}

/** Validates the text of a directory file. Throws DirectoryConfigError listing every problem. */
export function parseDirectoryYaml(text: string, source = 'directory.yaml'): DirectoryFile {
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (e) {
    throw new DirectoryConfigError(texts.notYaml(source, e instanceof Error ? e.message : String(e)));
  }
  const result = validate(raw);
  if (result.problems) {
    const lines = result.problems.map((p) => `${describePath(p.path, raw)}：${p.message}`);
    throw new DirectoryConfigError([texts.fileTitle(source, lines.length), ...lines.map((l) => `- ${l}`)].join('\n'), lines);
  }
  return result.file;
}

/** Reads and validates a directory file. */
export async function loadDirectoryFile(path: string): Promise<DirectoryFile> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    throw new DirectoryConfigError(texts.unreadable(path));
  }
  return parseDirectoryYaml(text, path);
}
