/**
 * Everything the admin command line says, in one place: usage, examples and refusals.
 */
import type { MemberLinkReport } from '../domain/ledger.service.js';

export const USAGE = {
  directory: {
    usage: 'npm run cli -- directory load [通讯录文件]',
    example: 'npm run cli -- directory load config/directory.yaml',
    about:
      '把通讯录（处室和人员）载入数据库；重复载入不改变任何内容，文件中删去的人员和处室会被停用（不删除）；新增或改名的委员按姓名（同名时按界别）关联到已登记的提案。',
  },
  import: {
    usage: 'npm run cli -- import <提案清单.xlsx|.csv> [--dry-run] [--session 届次] [--kind 提案|建议] [--received 收文日期] [--as 企业微信账号]',
    example: 'npm run cli -- import samples/proposals-2026.xlsx --dry-run --received 2026-03-20',
    about:
      '导入提案（或人大代表建议）清单：任何一行有错则一件也不导入；已在台账中的不覆盖。--kind 建议 把整个文件按人大代表建议导入（文件中有“类别”列时按该列，空着的按 --kind，都没有为政协提案）。--dry-run 只检查不写入。',
  },
  export: {
    usage: 'npm run cli -- export <台账.xlsx|.csv> [--session 届次] [--kind 提案|建议]',
    example: 'npm run cli -- export 台账-十三届四次.xlsx --session 十三届四次',
    about: '导出工作台账；导出的文件可以原样再导入（不会改变台账）。',
  },
  show: {
    usage: 'npm run cli -- show <提案号> [--session 届次] [--kind 提案|建议]',
    example: 'npm run cli -- show 0102 --session 十三届四次',
    about: '查看一件提案的台账和办理时间线。',
  },
  jobs: {
    usage:
      'npm run cli -- jobs preview weekly --period YYYY-Www | preview monthly --period YYYY-MM | preview digest --date YYYY-MM-DD [--as 企业微信账号] | runs [--job 任务] [--limit 条数]',
    example: 'npm run cli -- jobs preview weekly --period 2026-W48',
    about: '预览周督导、月调度或某天的催办提醒（只显示，不发送）；runs 列出定时任务的运行记录。',
  },
  report: {
    usage: 'npm run cli -- report <报告.docx|.md> [--year 年份 | --from 开始日期 --to 结束日期] [--kind 提案|建议]',
    example: 'npm run cli -- report 2026年提案办理工作报告.docx --year 2026',
    about: '根据工作台账起草提案办理工作报告（Word 或 Markdown），统计该时段收文的提案；不给时段时为今年。措辞和章节在 config/work-report.yaml 中修改。',
  },
  help: {
    usage: 'npm run cli -- help [命令]',
    example: 'npm run cli -- help import',
    about: '显示帮助。',
  },
} as const;
export type CliCommandName = keyof typeof USAGE;

export const texts = {
  title: '提案通 管理命令行',
  usageLine: (name: CliCommandName) => `用法：${USAGE[name].usage}\n例如：${USAGE[name].example}`,
  help: () =>
    [
      '提案通 管理命令行。命令：',
      ...Object.values(USAGE).flatMap((u) => [`  ${u.usage}`, `      ${u.about}`]),
      '',
      '数据库：设置 MONGODB_URI 时连接该数据库，否则像 npm start 一样启动内置数据库（数据在 DATA_DIR）。',
      '例如：npm run cli -- import samples/proposals-2026.csv --received 2026-03-20',
    ].join('\n'),
  unknownCommand: (name: string) => `没有“${name}”这个命令。`,
  noCommand: '请给出要执行的命令。',
  unknownOption: (option: string) => `不认识的选项 ${option}。`,
  missingValue: (option: string) => `选项 ${option} 后面要跟一个值。`,
  extraArgument: (arg: string) => `多余的参数“${arg}”。`,
  missingArgument: (what: string) => `缺少${what}。`,
  fileArgument: '文件路径',
  numberArgument: '提案号',
  directorySubcommand: (given: string | undefined) => (given ? `directory 后面只能跟 load，现为“${given}”。` : 'directory 后面要跟 load。'),
  badReceived: (value: string) => `收文日期“${value}”不是有效日期：请写 2026-03-20、2026/3/20 或 2026年3月20日。`,
  reportExtension: (path: string) => `报告文件须以 .docx 或 .md 结尾，现为 ${path}。`,
  reportPeriodBoth: '--year 和 --from/--to 只能选一种：要么写年份，要么写开始和结束日期。',
  reportPeriodHalf: '--from 和 --to 要一起写，例如 --from 2026-01-01 --to 2026-06-30。',
  reported: (path: string, total: number) => `已起草工作报告 ${path}（统计 ${total} 件）。请核对后使用。`,
  exportExtension: (path: string) => `导出文件须以 .xlsx 或 .csv 结尾，现为 ${path}。`,
  unknownActor: (userid: string) => `通讯录中没有企业微信账号为 ${userid} 的在职人员：请先载入通讯录，或换一个账号。`,
  noDirectoryFile: (candidates: readonly string[]) =>
    `没有找到通讯录文件（${candidates.join('、')}）：请指定文件，或复制 config/directory.example.yaml 为 config/directory.yaml 后修改。`,

  // Results.
  /** Proposers linked to members after a directory load, and namesakes left for a person to decide. */
  membersLinked: (r: MemberLinkReport) =>
    [
      `  委员关联：新关联 ${r.linked.length} 件提案${r.linked.length ? `（${r.linked.map((x) => `${x.number} ${x.names.join('、')}`).join('；')}）` : ''}`,
      ...r.ambiguous.map(
        (a) =>
          `  未关联：${a.session} 第${a.number}号的提案人“${a.name}”在通讯录中有 ${a.userids.length} 位同名委员（${a.userids.join('、')}），请在网页台账中更正提案人`,
      ),
    ].join('\n'),
  directoryLoaded: (file: string, r: { divisions: Counts; people: Counts }) =>
    [
      `已载入通讯录 ${file}：`,
      `  处室：新增 ${r.divisions.added.length}，更新 ${r.divisions.updated.length}，停用 ${r.divisions.deactivated.length}，未变 ${r.divisions.unchanged}${list(r.divisions.deactivated)}`,
      `  人员：新增 ${r.people.added.length}，更新 ${r.people.updated.length}，停用 ${r.people.deactivated.length}，未变 ${r.people.unchanged}${list(r.people.deactivated)}`,
    ].join('\n'),
  exported: (path: string, count: number) => `已导出 ${count} 件提案到 ${path}。`,
  notFound: (number: string, session?: string) => `没有找到${session ? `${session} ` : ''}提案号为 ${number} 的提案：请核对提案号${session ? '和届次' : ''}。`,
  ambiguous: (number: string, cases: string[]) =>
    `编号 ${number} 有 ${cases.length} 件（${cases.join('、')}）：请用 --session 指定届次、--kind 提案 或 --kind 建议 指定类别。`,
  timelineTitle: '办理时间线：',
  proposalTitle: (kind: string, number: string, session: string, title: string) => `${kind} ${number}（${session}）${title}`,
  failed: (message: string) => `操作失败：${message}`,
  databaseFailed: (message: string) => `连接数据库失败：${message}\n请检查 MONGODB_URI，或不设置它以使用内置数据库。`,
} as const;

interface Counts {
  added: string[];
  updated: string[];
  deactivated: string[];
  unchanged: number;
}
const list = (ids: string[]) => (ids.length > 0 ? `（停用：${ids.join('、')}）` : '');
