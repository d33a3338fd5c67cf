/** Chinese texts of the jobs' admin CLI (the notices' words are in present/notices.texts.ts). */

export const jobsTexts = {
  badWeek: (key: string) => `周次“${key}”不对，请写成 YYYY-Www，例如 2026-W48。`,
  badMonth: (key: string) => `月份“${key}”不对，请写成 YYYY-MM，例如 2026-11。`,
  badDate: (value: string) => `日期“${value}”不对，请写成 YYYY-MM-DD，例如 2026-11-26。`,
  badLimit: (value: string) => `条数“${value}”不对，请写 1 到 500 之间的整数，例如 --limit 20。`,
  subcommand: (sub: string | undefined) =>
    sub ? `没有“${sub}”这个子命令，可用：preview（预览）、runs（运行记录）。` : '请写明子命令：preview（预览）或 runs（运行记录）。',
  previewKind: (kind: string | undefined) =>
    kind ? `不能预览“${kind}”，可预览：weekly（周督导）、monthly（月调度）、digest（每日提醒）。` : '请写明预览哪一种：weekly、monthly 或 digest。',
  needPeriod: (example: string) => `请用 --period 写明期间，例如 ${example}。`,
  needDate: '请用 --date 写明日期，例如 --date 2026-11-26。',
  previewHeader: (what: string) => `【预览，未发送】${what}`,
  partHeader: (n: number, total: number) => `--- 第 ${n}/${total} 条 ---`,
  digestFor: (name: string, userid: string) => `发给 ${name}（${userid}）`,
  notWorkday: (date: string) => `${date} 不是工作日，当天不发送每日提醒。请换一个工作日预览。`,
  noDigest: (date: string, who?: string) => `${date} ${who ? `${who} ` : ''}没有需要提醒的事项。`,
  noRuns: '还没有任何定时任务运行记录。',
  runsHeader: '任务\t期间\t状态\t次数\t开始\t结束\t新发\t已在队列\t错误',
  runStatus: { running: '运行中', done: '完成', failed: '失败' } as Record<string, string>,
};
