/**
 * What the domain's refusals say (domain/refusals.ts): what was wrong and what to do instead.
 * Kept together so the wording can be read and reviewed as a whole; the labels they name (stages,
 * roles; the actions are the audit trail's, domain/ledger.texts.ts) are in ledger.texts.ts.
 */
import { DEFAULT_KIND, type CaseKind } from '../domain/kind.js';
import type { RequiredField } from '../domain/refusals.js';
import { formatDateZh } from './dates.js';
import { AUTHOR } from './ledger.texts.js';
import { wording, type Wording } from './kind.texts.js';

/** The refusals that name the case, in the words of its kind (提案/委员 or 建议/代表). */
export function caseTexts(kind: CaseKind) {
  const w: Wording = wording(kind);
  const author = AUTHOR[kind];
  return {
    nothingToUndo: `这件${w.case}没有可以撤销的步骤。`,
    undoNotYours: (who: string, action: string) => `这件${w.case}最近一步是${who}办理的“${action}”，您不能撤销。如需更正，请联系政策法规处。`,
    notInScope: `这件${w.case}不在您的办理范围内，无法查看或操作。如需办理，请联系政策法规处。`,
    assistingOnly: `您所在处室是这件${w.case}的协办处室：可以查看，并报送协办意见；这项操作由主办处室办理。`,
    notYourDivision: `这件${w.case}不由您所在的处室主办，无法办理。如需办理，请联系政策法规处。`,
    notAssignedToYou: `这件${w.case}还没有交办到处室，目前由政策法规处办理。`,
    notYourCase: `您不是这件${w.case}的承办人（专人）。请联系本处负责人指定，或由承办人办理。`,
    notFound: `没有找到这件${w.case}，请核对${w.number}。`,
    conflict: `这件${w.case}刚刚被其他人更新了，您的操作没有生效。请重新查看后再试一次。`,
    conflictBy: (who: string, did: string) => `这件${w.case}刚刚由${who}办理了“${did}”，您的操作没有生效。请先查看最新情况，再决定是否还需要办理。`,
    wrongStage: (action: string, stage: string) => `这件${w.case}目前处于“${stage}”环节，不能${action}。`,
    /** The same to a member, in their words for where it stands. */
    wrongStageForMember: (action: string, progress: string) => `您的${w.case}目前${progress}，暂时不能${action}。`,
    notAssignedYet: `这件${w.case}还没有交办，请先交办到处室。`,
    needPreContact: `还没有办前沟通记录：请先与${author}沟通并记录，再进入下一环节。`,
    useCoOpinion: `协办${w.case}沟通后，请报送协办意见给主办单位。`,
    notYourSignature: `这件${w.case}由分管负责同志或主要负责同志签发，不在您的签发范围内。`,
    useArchive: `${w.member}已反馈，请由政策法规处办理归档。`,
    coOpinionOnlyForCo: `只有协办${w.case}需要报送协办意见。`,
    notAssisting: (code: string) => `处室“${code}”不是这件${w.case}的协办处室。`,
    feedbackOnlyForLead: `协办${w.case}的满意度由主办单位征询，无需在此评价。`,
    noPendingExtension: `这件${w.case}没有待审批的延期申请。`,
    archiveNeedsFeedback: `${w.member}尚未反馈，且反馈期限未到，暂不能归档。`,
    mergedFollower: (lead: string) => `这件${w.case}已并入 ${lead} 办理：交办、答复和督办请在主案 ${lead} 上操作，答复会同步到本案。`,
    mergeNeedCases: `请至少选择一件要并入的${w.case}。`,
    mergeLeadIsFollower: (lead: string) => `${lead} 本身已并入其他${w.case}，请选择它的主案作为主案。`,
    mergeFollowerIsLead: (number: string) => `${number} 已是其他${w.case}的主案，不能再并入别的${w.case}。`,
    notMerged: `这件${w.case}没有并入其他${w.case}。`,
  };
}

/** What a refusal asks to be filled in ("请填写…"). */
export const FIELD_LABELS: Record<RequiredField, string> = {
  reason: '理由',
  contactSummary: '沟通内容',
  replySummary: '答复内容摘要',
  replyBody: '答复正文',
  coOpinion: '协办意见',
  measureNote: '落实情况',
  instruction: '批示内容',
  unmergeReason: '撤销并案的理由',
};

export const texts = {
  undoTooLate: (minutes: number, action: string) => `“${action}”已超过 ${minutes} 分钟，不能自行撤销。如需更正，请联系政策法规处。`,
  undoNeedsReason: (action: string) => `撤销他人办理的或超时的“${action}”，请写明理由，例如：撤销 12 误操作。`,
  undoUnavailable: '没有找到这一步之前的记录，无法撤销。请联系系统管理员。',
  forbidden: (who: string[]) => `您没有这项操作的权限：只有${who.join('或')}可以办理。`,
  duplicateNumber: '有提案号刚刚被其他人登记，本次导入没有写入任何提案。请重新导入，已登记的提案会自动跳过。',
  missing: (what: string) => `请填写${what}。`,
  replyBodyTooLong: (max: number) => `答复正文最长 ${max} 字，请精简后再提交。`,
  unknownDivision: (code: string) => `没有找到处室“${code}”，请使用处室全称或简称，例如“政策法规处”或“政法处”。`,
  unknownPerson: (who: string) => `没有找到人员“${who}”，请使用通讯录中的姓名或企业微信账号。`,
  leadAlsoAssisting: (name: string) => `${name}不能既是主办处室又是协办处室：请从协办处室中去掉它，或另选主办处室。`,
  handlerNotInDivision: (name: string) => `${name}不属于主办处室，承办人须为主办处室的工作人员。`,
  needHandler: '请先指定承办人（专人），再进入沟通环节。',
  needDraft: '还没有答复稿：请先起草答复（内容摘要、答复类别和落实措施）。',
  needSignOff: '答复尚未经领导签发，请等待局领导签发。',
  useSendReply: '答复已签发，请使用“答复”命令登记发文号并发出。',
  needMeasureProgress: '还有落实措施没有督办记录：请先登记每项措施的落实情况。',
  cannotAdvance: (stage: string) => `“${stage}”环节不能直接推进。`,
  returnWindowPassed: (due: Date) => `退回期限已过（${formatDateZh(due)}），不能再退回。如确需调整，请联系政策法规处改派。`,
  afterNeedsReply: '办后反馈需在答复发出之后记录。',
  contactNotFound: '没有找到这条沟通记录。',
  contactAlreadyConfirmed: (confirmed: boolean) => `这条沟通记录已经${confirmed ? '确认' : '提出异议'}，无需重复操作。`,
  needMeasures: 'A类、B类答复须写明具体落实措施（至少一项），避免答复多、措施少。',
  needDocNo: '请填写答复的发文号，例如“乡振函〔2026〕12号”。',
  coOpinionAlreadyIn: '该处室的协办意见已经登记过了。',
  measureNotFound: '没有找到这项落实措施。',
  measureAlreadyDone: '这项措施已经办结。',
  targetNoUnit: (i: number, text: string) => `第${i}项措施“${text}”的目标没有写单位：请在数字后写上单位，例如“目标20个”“目标96.01亿元”“目标100%”。`,
  measureNoTarget: (text: string) => `措施“${text}”还没有设定目标，无法登记完成数：请先设定目标，例如“督办 12 第1项 目标20个”，或只写落实情况。`,
  progressUnitMismatch: (text: string, target: string, given: string) =>
    `措施“${text}”的目标单位是“${target}”，您写的是“${given}”，无法换算：请用“${target}”填写完成数，例如“完成15${target}”。`,
  targetUnitChange: (text: string, from: string, to: string) =>
    `措施“${text}”已按“${from}”登记过完成数，目标不能改为“${to}”：请仍用“${from}”，或可与之换算的单位（只差“万”“亿”等）。`,
  badQuantity: '数量须为不小于 0 的数字，例如 15 或 96.01。',
  alreadyRated: '您已经评价过本次答复，谢谢。',
  badExtensionDays: (max: number) => `延期天数须为 1 到 ${max} 之间的整数。`,
  milestoneNotOpen: '该环节已经办结，不需要延期。',
  extensionPending: '已有一项延期申请正在等待审批。',
  mergeSelf: '主案不能并入自己。',
  mergeAlreadyElsewhere: (number: string, lead: string) => `${number} 已并入 ${lead}，请先撤销那次并案。`,
  mergeArchived: (number: string) => `${number} 已归档，不能并案。`,
  mergeAnswered: (number: string) => `${number} 已经答复，不能再并案办理。`,
  mergeTypeDiffers: (number: string) => `${number} 的办理类型（主办/协办）与主案不同，不能并案。`,
  notPublished: '这件提案没有公开，无需取消。',
  ...caseTexts(DEFAULT_KIND),
};
