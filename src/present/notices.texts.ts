/**
 * The words of every notice the ledger pushes (see domain/notices.ts for who gets which). Staff notices
 * name the step and what to do next; members get plain words (they do not know the bureau's jargon).
 */
import { MILESTONE_LABELS, OUTCOME_LABELS, SATISFACTION_LABELS } from './ledger.texts.js';
import type { MilestoneKey, OutcomeClass, Satisfaction } from '../domain/model.js';
import type { CaseKind } from '../domain/kind.js';
import { formatDateZh } from './dates.js';
import { commandRef, wording } from './kind.texts.js';

const due = (at: Date | undefined) => (at ? formatDateZh(at) : '未定');

/**
 * The notices of a case of `kind`: it is named 提案 or 建议, its author 委员 or 代表, and the
 * commands the notices suggest name a 建议 by kind (`签发 建议0012`), since 0012 may be both.
 */
export function noticeTextsFor(kind: CaseKind) {
  const w = wording(kind);
  const ref = (number: string, title: string) => `第${number}号${w.case}《${title}》`;
  const staffRef = (number: string, title: string) => `第${number}号${w.mark}《${title}》`;
  /** The number as a command takes it. */
  const c = (number: string) => commandRef(kind, number);
  /** A staff notice: a bracketed head, the proposal, then one line per fact. */
  const staff = (head: string, number: string, title: string, ...lines: (string | undefined | false)[]) =>
    [`【${head}】${staffRef(number, title)}`, ...lines.filter((x): x is string => Boolean(x))].join('\n');

  return {
    staff: {
      assignedLead: (n: string, t: string, helpers: string[], returnBy: Date | undefined) =>
        staff('新交办', n, t, `由您处室主办${helpers.length ? `，${helpers.join('、')}协办` : ''}。`, `请在 ${due(returnBy)} 前接收或退回（退回须写明理由）。`),
      assignedCo: (n: string, t: string, lead: string) =>
        staff('协办交办', n, t, `由${lead}主办，您处室协办。`, `请与主办处室对接，并用“协办意见 ${c(n)} 内容”报送协办意见。`),
      movedAway: (n: string, t: string, to: string, reason: string | undefined) =>
        staff('改派', n, t, `已改由${to}主办，您处室不再主办。`, reason && `理由：${reason}`),
      returned: (n: string, t: string, division: string, who: string, reason: string) =>
        staff('处室退回', n, t, `${division}（${who}）退回了这件${w.case}，理由：${reason}`, `请重新交办：交办 ${c(n)} 主办:处室`),
      designated: (n: string, t: string, by: string) => staff('指定承办', n, t, `${by}指定您为这件${w.case}的承办人（专人）。`),
      /** `bodyParagraphs`: the 正文's paragraph count when one is written (too long for a card, so pointed to). */
      toSign: (n: string, t: string, outcome: OutcomeClass, summary: string, measures: string[], docNo: string | undefined, bodyParagraphs?: number) =>
        staff(
          '待签发',
          n,
          t,
          `答复类别：${OUTCOME_LABELS[outcome]}`,
          `答复摘要：${summary}`,
          bodyParagraphs !== undefined && `答复正文：共 ${bodyParagraphs} 段，请在网页控制台的${w.case}详情页查看，或下载答复函征求意见稿`,
          measures.length ? `落实措施：\n${measures.map((m, i) => `${i + 1}. ${m}`).join('\n')}` : '落实措施：无',
          docNo && `文号：${docNo}`,
          `请签发：签发 ${c(n)}；或退回修改：签发 ${c(n)} 退回 意见`,
        ),
      signed: (n: string, t: string, by: string) => staff('已签发', n, t, `${by}已签发答复稿，请登记发文号发出：发文 ${c(n)} 文号`),
      signedBack: (n: string, t: string, by: string, comment: string) =>
        staff('答复稿退回修改', n, t, `${by}退回了答复稿，意见：${comment}`, `请修改后重新起草：答复 ${c(n)} …`),
      disputed: (n: string, t: string, member: string, contact: string, note: string | undefined) =>
        staff(
          `${w.member}有异议`,
          n,
          t,
          `${member}对沟通记录“${contact}”提出异议${note ? `：${note}` : '。'}`,
          `这次沟通不计入见面沟通率，请核实后与${w.member}重新沟通。`,
        ),
      coOpinionIn: (n: string, t: string, division: string, text: string) => staff('协办意见', n, t, `${division}报来协办意见：${text}`),
      rated: (n: string, t: string, member: string, rating: Satisfaction, comment: string | undefined) =>
        staff(`${w.member}评价`, n, t, `${member}的评价：${SATISFACTION_LABELS[rating]}${comment ? `，意见：${comment}` : ''}`),
      dissatisfied: (n: string, t: string, member: string, comment: string | undefined, replyDue: Date | undefined) =>
        staff(
          `${w.member}不满意`,
          n,
          t,
          `${member}对答复不满意${comment ? `，理由：${comment}` : '。'}`,
          `${w.case}已退回调研环节二次办理，新的答复期限：${due(replyDue)}。`,
        ),
      extensionAsked: (n: string, t: string, who: string, milestone: MilestoneKey, days: number, reason: string, dueAt: Date | undefined) =>
        staff(
          '延期申请',
          n,
          t,
          `${who}申请${MILESTONE_LABELS[milestone]}延期 ${days} 天，理由：${reason}`,
          `现期限：${due(dueAt)}。批准：批准延期 ${c(n)}；驳回：驳回延期 ${c(n)} 理由`,
        ),
      extensionApproved: (n: string, t: string, by: string, milestone: MilestoneKey, days: number, dueAt: Date | undefined, note: string | undefined) =>
        staff('延期已批准', n, t, `${by}批准延期 ${days} 天，${MILESTONE_LABELS[milestone]}期限延至 ${due(dueAt)}。`, note && `意见：${note}`),
      extensionRefused: (n: string, t: string, by: string, milestone: MilestoneKey, dueAt: Date | undefined, note: string | undefined) =>
        staff('延期未批准', n, t, `${by}没有批准延期${note ? `，理由：${note}` : '。'}`, `${MILESTONE_LABELS[milestone]}期限仍为 ${due(dueAt)}。`),
      instruction: (n: string, t: string, by: string, text: string) => staff('领导批示', n, t, `${by}批示：${text}`),
      chase: (n: string, t: string, by: string, note: string | undefined, milestone: MilestoneKey | undefined, dueAt: Date | undefined) =>
        staff(
          '催办',
          n,
          t,
          `${by}提醒您抓紧办理${note ? `：${note}` : '。'}`,
          milestone && dueAt && `下一期限：${MILESTONE_LABELS[milestone]} ${formatDateZh(dueAt)}`,
        ),
      archived: (n: string, t: string) => staff('已归档', n, t, '办理完毕，已归档。'),
    },
    member: {
      assigned: (n: string, t: string, division: string, helpers: string[]) =>
        `【提案通】您好！您提出的${ref(n, t)}已交由${division}负责办理${helpers.length ? `，${helpers.join('、')}协助办理` : ''}。办理人员会尽快与您联系，听取您的意见。`,
      replied: (n: string, t: string, docNo: string | undefined, outcome: OutcomeClass | undefined, measures: number) =>
        `【提案通】您好！您提出的${ref(n, t)}已正式答复${docNo ? `（${docNo}）` : ''}${outcome ? `，答复结果为${OUTCOME_LABELS[outcome]}` : ''}。${
          measures > 0 ? `答复中承诺的 ${measures} 项措施，我们会继续跟进落实。` : ''
        }`,
      coSignerReplied: (n: string, t: string, docNo: string | undefined) =>
        `【提案通】您好！您联名的${ref(n, t)}已正式答复${docNo ? `（${docNo}）` : ''}，答复已送${w.proposer}。`,
      confirmContact: (n: string, t: string) => `【提案通】请确认${ref(n, t)}的这次沟通。`,
      archived: (n: string, t: string) => `【提案通】您好！您提出的${ref(n, t)}已办理完毕并归档。感谢您对乡村振兴工作的关心和支持！`,
      /** Several steps came together (e.g. held overnight): one message saying where the case stands now. */
      summary: (n: string, t: string, steps: string[]) => `【提案通】您好！您提出的${ref(n, t)}有新进展：${steps.join('；')}。`,
      stepAssigned: (division: string) => `已交由${division}办理`,
      stepReplied: (docNo: string | undefined, outcome: OutcomeClass | undefined) =>
        `已正式答复${docNo ? `（${docNo}）` : ''}${outcome ? `，结果为${OUTCOME_LABELS[outcome]}` : ''}`,
      stepArchived: '已办理完毕并归档',
      rateTitle: `请您评价${w.case}答复`,
      rateDescription: (n: string, t: string, sentAt: Date | undefined) =>
        `您提出的${ref(n, t)}${sentAt ? `已于${formatDateZh(sentAt)}` : '已'}答复。您对这次答复满意吗？请点选下面的按钮。`,
      rateButton: (r: Satisfaction) => SATISFACTION_LABELS[r],
    },
    /** Why a queued member card was not sent (shown in the admin's outbox view). */
    /** A member's plain notice that waited out an outage behind a later one of the same case, which says both. */
    mergedLater: '未单独发送：已并入这件提案随后的一条通知',
    superseded: (card: 'rate' | 'confirm', archived: boolean) =>
      `未发送：${card === 'rate' ? '评价邀请' : '沟通确认'}已过时（${archived ? `${w.case}已归档` : card === 'rate' ? `${w.member}已评价或已无需评价` : '这次沟通已确认或已提出异议'}）`,
  };
}

/** The notices of a 政协提案, and the words that do not depend on the kind. */
export const noticeTexts = noticeTextsFor('proposal');
