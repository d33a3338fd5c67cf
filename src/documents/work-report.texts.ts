/** Every fixed word of the year's work report (the editable wording is config/work-report.yaml). */
import type { KindScope } from '../domain/kind.js';
import { kindTexts, WORDING } from '../present/kind.texts.js';

/** The number column of the report's lists: 提案号 / 建议号, 编号 when both kinds are listed. */
const numberHead = (s: KindScope): string => (s === 'both' ? '编号' : WORDING[s].number);

export const reportTexts = {
  /** A rate with nothing due yet. */
  noRate: '—',
  yearPeriod: (year: number) => `${year}年度`,
  tables: {
    rates: { caption: '“三个百分之百”及办成率', head: ['指标', '完成情况', '分子', '分母'] },
    rateNames: { onTime: '按时办复率', faceToFace: '见面沟通率', satisfaction: '主办件满意率', delivery: '办成率' },
    outcomes: { caption: '答复类别', head: ['类别', '件数', '占比'] },
    contactMethods: { caption: '沟通方式', head: ['方式', '次数', '占比'] },
    contactPhases: { caption: '沟通阶段', head: ['阶段', '次数', '占比'] },
    keyCases: (s: KindScope) => ({
      caption: `重点${kindTexts.scopeShort(s)}`,
      head: [numberHead(s), '案由', '主办处室', '办理情况', '落实措施'],
      empty: `本期无重点${kindTexts.scopeShort(s)}。`,
    }),
    divisions: {
      caption: '各处室办理情况',
      captionWithUnassigned: (n: number) => `各处室办理情况（另有尚未交办${n}件，计入合计）`,
      head: ['处室', '承办', '主办', '协办', '已办复', '按时办复率', '主办件见面沟通率', '主办件满意率', '办成率'],
      total: '合计',
    },
    late: (s: KindScope) => ({ caption: '逾期件', head: [numberHead(s), '案由', '主办处室', '时限', '应办日期', '情况'], empty: '本期无逾期件。' }),
    extended: (s: KindScope) => ({ caption: '延期件', head: [numberHead(s), '案由', '主办处室', '环节', '延期天数', '理由'], empty: '本期无延期件。' }),
  },
  answeredOn: (date: string) => `${date}办复`,
  unanswered: '尚未办复',
  repliedAs: (outcome: string) => `已答复，${outcome}`,
  atStage: (stage: string) => `办理中（${stage}）`,
  noMeasures: '—',
  measure: (i: number, text: string, done: boolean) => `${i}. ${text}（${done ? '已落实' : '落实中'}）`,
  days: (n: number) => `${n}天`,
  badYear: (given: string) => `年份“${given}”不对：请写四位年份，例如 2026。`,
  badOrder: (from: string, to: string) => `开始日期 ${from} 晚于结束日期 ${to}：请先写开始日期，例如 2026-01-01 2026-06-30。`,
  badPeriod: (given: string) =>
    given
      ? `看不懂时段“${given}”：请写年份（例如 2026），或开始和结束日期（例如 2026-01-01 2026-06-30）。`
      : '请写报告的年份，例如 2026；或开始和结束日期，例如 2026-01-01 2026-06-30。',
  /** The web console's 工作报告 page. */
  page: {
    title: '工作报告',
    year: '年份',
    from: '收文开始日期',
    to: '收文结束日期',
    draft: '起草',
    hint: '按收文日期统计：写年份，或写开始和结束日期。章节和措辞在 config/work-report.yaml 中修改；下载后请核对再使用。',
    downloadDocx: '下载 Word（.docx）',
    downloadMarkdown: '下载 Markdown（.md）',
    preview: '预览',
    forbidden: '工作报告只有政策法规处提案协调人员和局领导可以起草。',
    periodBoth: '年份和开始、结束日期只能选一种。',
    periodHalf: '开始日期和结束日期要一起填。',
  },
  /** The chat's 报告 reply. */
  chat: {
    heading: (title: string) => `${title}（初稿）`,
    total: (v: { case: string; total: string; lead: string; co: string; keyCount: string; replied: string }) =>
      `共承办${v.case}${v.total}件：主办${v.lead}件、协办${v.co}件，重点${v.case}${v.keyCount}件；已办复${v.replied}件`,
    rate: (name: string, rate: string, num: string, den: string) => `${name} ${rate}（${num}/${den}）`,
    outcomes: (a: string, b: string, c: string) => `答复类别：A类${a}件、B类${b}件、C类${c}件`,
    contacts: (v: { member: string; contacts: string; faceToFaceContacts: string; faceToFaceShare: string; confirmedContacts: string }) =>
      `与${v.member}沟通${v.contacts}次，见面${v.faceToFaceContacts}次（${v.faceToFaceShare}），经${v.member}确认${v.confirmedContacts}次`,
    late: (late: string, overdue: string, extended: string) => `逾期${late}件（仍未办复${overdue}件），延期${extended}件次`,
    link: (url: string) => `预览并下载 Word：${url}`,
    noLink: '完整报告（Word）请在网页控制台“工作报告”页面预览和下载。',
  },
  /** `what`: 提案, 建议 or 提案和建议, as the report's scope is. */
  fileName: (what: string, period: string, ext: 'docx' | 'md') => `${what}办理工作报告-${period}.${ext}`,
} as const;
