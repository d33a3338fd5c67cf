/**
 * The words the ledger writes into the audit trail itself: the actions' labels (an undo's note
 * names the step undone) and the notes of undo, reply body, merge and member links. They are
 * stored, so they stay as they were; the refusals' wording is in present/refusals.texts.ts.
 */
import type { CommandType } from './commands.js';
import { wording, type CaseKind } from './kind.js';

const ACTION_LABELS: Record<CommandType, string> = {
  assign: '交办',
  reassign: '改派',
  accept: '接收',
  return: '退回',
  designate: '指定承办人',
  advance: '推进',
  logContact: '记录沟通',
  confirmContact: '确认沟通',
  attachEvidence: '上传沟通照片',
  draftReply: '起草答复',
  replyBody: '撰写答复正文',
  signOff: '签发',
  sendReply: '发出答复',
  sendCoOpinion: '报送协办意见',
  recordCoOpinion: '登记协办意见',
  superviseMeasure: '督办措施',
  feedback: '评价',
  requestExtension: '申请延期',
  decideExtension: '审批延期',
  instruct: '阅批',
  chase: '催办',
  archive: '归档',
  correct: '更正台账',
  publish: '公开设置',
  mergeInto: '并案',
  mergeLead: '并案',
  unmergeFrom: '撤销并案',
  unmergeLead: '撤销并案',
  followLead: '随主案同步',
  undo: '撤销',
};

/** The notes the ledger writes into the audit trail itself (what is stored, so it stays as it was). */
export const texts = {
  actionLabel: (t: CommandType) => ACTION_LABELS[t],
  undoNote: (action: string, reason?: string) => `撤销“${action}”${reason ? `：${reason}` : ''}`,
  replyBodyNote: (paragraphs: number) => `正文共 ${paragraphs} 段`,
  mergedIntoNote: (lead: string) => `并入 ${lead}（主案）办理`,
  mergedCasesNote: (numbers: string[]) => `并入本案办理：${numbers.join('、')}`,
  memberLinkReason: (kind: CaseKind, names: string[]) => `通讯录更新后按姓名关联到${wording(kind).member}：${names.join('、')}`,
};
