/** Loads config/work-report.yaml, the editable sections and wording of the year's work report. */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { parseYamlTemplate } from '../config/yaml-template.js';

export const DEFAULT_REPORT_CONFIG_PATH = 'config/work-report.yaml';

export const REPORT_TABLES = ['rates', 'outcomes', 'contactMethods', 'contactPhases', 'keyCases', 'divisions', 'late', 'extended'] as const;
export type ReportTable = (typeof REPORT_TABLES)[number];

/** Every placeholder the template may use (see the comment at the top of the YAML file). */
export const REPORT_PLACEHOLDERS = [
  'bureau',
  // 提案 / 建议 / 提案和建议, and 委员 / 代表 / 委员和代表: the kind the report is about.
  'case',
  'member',
  'period',
  'from',
  'to',
  'asOf',
  'total',
  'lead',
  'co',
  'key',
  'merged',
  'replied',
  'unreplied',
  'unassigned',
  'onTimeRate',
  'onTimeNum',
  'onTimeDen',
  'faceToFaceRate',
  'faceToFaceNum',
  'faceToFaceDen',
  'satisfactionRate',
  'satisfactionNum',
  'satisfactionDen',
  'deliveryRate',
  'deliveryNum',
  'deliveryDen',
  'satisfied',
  'basic',
  'dissatisfied',
  'unrated',
  'outcomeA',
  'outcomeB',
  'outcomeC',
  'outcomeTotal',
  'contacts',
  'phone',
  'online',
  'wechat',
  'visit',
  'meeting',
  'inPerson',
  'otherMethod',
  'before',
  'during',
  'after',
  'faceToFaceContacts',
  'faceToFaceShare',
  'confirmedContacts',
  'disputedContacts',
  'repliesSent',
  'coOpinionsSent',
  'keyCount',
  'lateCount',
  'overdueCount',
  'extendedCount',
] as const;
export type ReportPlaceholder = (typeof REPORT_PLACEHOLDERS)[number];

const KNOWN = new Set<string>(REPORT_PLACEHOLDERS);

/** Text whose every {placeholder} is known: a typo is caught when the template loads, not printed. */
const templated = z.string().superRefine((s, ctx) => {
  for (const [, name] of s.matchAll(/\{(\w*)\}/g)) {
    if (!KNOWN.has(name!)) ctx.addIssue({ code: 'custom', message: `没有占位符 {${name}}：可用的见文件开头的说明，例如 {total}、{onTimeRate}` });
  }
});

const schema = z.strictObject({
  bureau: z.string().trim().min(1, '不能为空'),
  title: templated.pipe(z.string().trim().min(1, '不能为空')),
  draftMark: z.string().trim().optional(),
  sections: z
    .array(
      z.strictObject({
        heading: templated,
        paragraphs: z.array(templated).default([]),
        tables: z.array(z.enum(REPORT_TABLES, { error: `表格只能是 ${REPORT_TABLES.join('、')} 之一` })).default([]),
      }),
    )
    .min(1, '至少要有一节'),
});

export type WorkReportConfig = z.infer<typeof schema>;

export const parseWorkReportConfig = (source: string, path = DEFAULT_REPORT_CONFIG_PATH): WorkReportConfig =>
  parseYamlTemplate(schema, source, '工作报告模板', path);

export const loadWorkReportConfig = (path = DEFAULT_REPORT_CONFIG_PATH): WorkReportConfig => parseWorkReportConfig(readFileSync(path, 'utf8'), path);
