/**
 * Every Chinese word of the daily nudges, the weekly supervision (周督导) and the monthly
 * scheduling (月调度) messages, kept together so the wording reads as a whole.
 */
import type { CaseKind, KindScope } from '../domain/kind.js';
import { kindTexts, wording } from './kind.texts.js';
import { milestoneLabel } from './ledger.texts.js';
import type { DigestReason } from '../domain/digest.js';
import type { MilestoneKey } from '../domain/model.js';
import { formatLocal } from '../domain/shanghai-time.js';
import { formatDateZh } from './dates.js';

const monthDay = (d: Date): string => formatDateZh(d).replace(/^\d+年/, '');

export const DIGEST_SECTION_TITLES: Record<DigestReason, string> = {
  overdue: '已逾期',
  dueSoon: '即将到期',
  division: '本处逾期事项，请督促',
  leader: '逾期较久，请协调推动',
  coOpinion: '协办意见待报送',
  awaitingCoOpinions: '等待协办处室意见',
  extension: '延期申请待审批',
};

/** What a digest section's items are, for "另有 N 件…未列出". */
export const DIGEST_SECTION_NOUNS: Record<DigestReason, string> = {
  overdue: '已逾期事项',
  dueSoon: '即将到期事项',
  division: '本处逾期事项',
  leader: '逾期较久事项',
  coOpinion: '待报送的协办意见',
  awaitingCoOpinions: '等待协办意见的提案',
  extension: '待审批的延期申请',
};

export const summaryTexts = {
  proposalRef: (number: string, title: string, isKey: boolean, kind: CaseKind) => `${isKey ? '【重点】' : ''}第${number}号${wording(kind).mark}《${title}》`,
  milestoneDue: (m: MilestoneKey, dueAt: Date, kind: CaseKind) => `${milestoneLabel(m, kind)}${monthDay(dueAt)}到期`,
  overdueBy: (days: number) => (days > 0 ? `，已逾期${days}个工作日` : '，已逾期'),
  responsible: (name: string) => `责任人：${name}`,
  division: (name: string) => name,
  missingCoOpinions: (names: string[]) => `尚未收到：${names.join('、')}`,
  extension: (days: number, reason: string, by: string) => `申请延期${days}天（${reason}），申请人：${by}`,
  more: (n: number, what: string) => `> ……另有 ${n} 件${what}未列出，请在提案通中查看`,
  /** What a proposal waits for while a milestone is open, for lines that fold repeated items. */
  waitingFor: {
    assign: '待交办',
    returnWindow: '待接收',
    preContact: '待办前沟通',
    opinion: '待提出办理意见',
    reply: '待答复',
  } as Record<Exclude<MilestoneKey, 'feedback'>, string>,
  /** What alike items wait for; the member's feedback is named by the kinds waiting (待代表反馈 on 建议). */
  waitingOn: (m: MilestoneKey, scope: KindScope): string =>
    m === 'feedback' ? `待${scope === 'both' ? '委员、代表' : wording(scope).member}反馈` : summaryTexts.waitingFor[m],
  groupOverdue: (n: number, waiting: string, oldest: number) => `${n} 件${waiting}，最久的已逾期${oldest > 0 ? ` ${oldest} 个工作日` : ''}`,
  groupDueSoon: (n: number, waiting: string, first: Date) => `${n} 件${waiting}即将到期，最早${monthDay(first)}到期`,
  groupDivisions: (parts: [string, number][]) => `（${parts.map(([name, n]) => `${name} ${n} 件`).join('、')}）`,
  groupNumbers: (numbers: string[], all: number) => `：第${numbers.join('、')}号${all > numbers.length ? '等' : ''}`,

  /** Named by the kinds the reminder lists (提案办理提醒 where there are only 提案). */
  digestTitle: (date: Date, scope: KindScope) => `**${kindTexts.scopeShort(scope)}办理提醒 · ${formatDateZh(date)}**`,
  digestGreeting: (name: string) => `${name}，您好。以下事项请关注：`,
  digestFooter: '请在提案通中查看详情并办理；如已办理，请及时登记，以免重复提醒。',

  weeklyTitle: (scope: KindScope, week: string, from: Date, to: Date) =>
    `**${kindTexts.scopeShort(scope)}办理周督导 · ${week.replace('-W', '年第')}周（${monthDay(from)}—${monthDay(to)}）**`,
  continued: (title: string, n: number) => `${title}（续${n}）`,
  asOf: (at: Date) => `数据截至 ${formatLocal(at)}`,
  overview: (total: number, lead: number, co: number, key: number) => `共 ${total} 件（主办 ${lead}、协办 ${co}，其中重点 ${key} 件）`,
  byStageTitle: '**办理环节**',
  weekActivity: (added: number, replied: number) => `本周新收 ${added} 件，办复 ${replied} 件`,
  targetsTitle: '**三个百分之百**',
  target: (label: string, rate: string, num: number, den: number, change: string | undefined) =>
    `> ${label}：${rate}（${num}/${den}，目标 100%${change === undefined ? '' : change === '0.0' ? '，与上周持平' : `，较上周 ${change} 个百分点`}）`,
  targetLabels: { onTime: '按时办复率', faceToFace: '见面沟通率', satisfaction: '主办件满意率', delivery: '办成率' } as const,
  overdueTitle: (total: number) => `**逾期事项 ${total} 件**`,
  noOverdue: '> 无逾期事项',
  keyTitle: (scope: KindScope, open: number) => `**在办重点${kindTexts.scopeShort(scope)} ${open} 件**`,
  overdueNoun: '逾期事项',
  keyNoun: (scope: KindScope) => `在办重点${kindTexts.scopeShort(scope)}`,
  keyLine: (ref: string, stage: string, next: string | undefined, who: string | undefined) =>
    `> ${ref}：${stage}${next ? `，${next}` : ''}${who ? `，${who}` : ''}`,
  noKey: (scope: KindScope) => `> 暂无重点${kindTexts.scopeShort(scope)}`,

  monthlyTitle: (scope: KindScope, month: string) => `**${kindTexts.scopeShort(scope)}办理月调度 · ${month.replace('-', '年')}月**`,
  divisionTableTitle: '**各处室办理情况**',
  divisionLine: (name: string, f: { assigned: number; replied: number; onTime: number; f2f: number; satisfaction: string; delivery: string; score: string }) =>
    `> **${name}** 交办 ${f.assigned}｜办复 ${f.replied}｜按时 ${f.onTime}｜见面（已确认）${f.f2f}｜满意率 ${f.satisfaction}｜办成率 ${f.delivery}｜得分 ${f.score}`,
  measureTargets: (total: number, reached: number, belowHalf: number) =>
    `> 有数量目标的落实措施 ${total} 项：已达到目标 ${reached} 项，完成不足一半 ${belowHalf} 项`,
  unassignedNote: (n: number) => `> 另有 ${n} 件尚未交办，不计入各处室`,
  scoreFormula: (w: { onTime: number; faceToFace: number; satisfaction: number; delivery: number }) =>
    `得分 = 100 ×（按时办复率×${w.onTime} + 见面沟通率（主办件）×${w.faceToFace} + 满意率×${w.satisfaction} + 办成率（已签发答复的措施）×${w.delivery}）÷ 适用且有数据的指标的权重之和`,
  coordinateTitle: '**需领导协调的事项**',
  longOverdue: (days: number, total: number) => `长期逾期（${days}个工作日以上）${total} 件`,
  disputed: (total: number) => `委员对见面沟通记录有异议 ${total} 件`,
  dissatisfied: (total: number) => `委员评价不满意 ${total} 件`,
  pendingExtensions: (total: number) => `延期申请待审批 ${total} 件`,
  nothingToCoordinate: '> 本月无需协调事项',
  listHead: (title: string) => `*${title}*`,
  listNoun: '事项',
};
