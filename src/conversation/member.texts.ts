/**
 * What a proposing member (委员) reads: plain words about where their proposal stands, without
 * the bureau's internal stage names, and the confirmation and rating prompts.
 */
import type { CaseKind, KindScope } from '../domain/kind.js';
import { kindTexts, wording } from '../present/kind.texts.js';
import { MEMBER_VIEW_WORDS } from '../present/member-view.texts.js';
import { USAGE, type CommandId } from './conversation.texts.js';

const MEMBER_COMMANDS: CommandId[] = ['query', 'mine', 'more', 'rate', 'confirmContact', 'dispute', 'help'];

export const memberTexts = {
  /** `own`: the kinds of the member's cases (a deputy writes 建议号). */
  help: (own: KindScope): string =>
    [
      '您可以发送：',
      ...MEMBER_COMMANDS.map((w) => `• ${USAGE[w].form} —— ${USAGE[w].what}`),
      own === 'both'
        ? '提案号、建议号可写作 12、0012 或 第12号；同一号码既是提案又是建议时，请写明类别，例如：建议12。'
        : `${wording(own).number}可写作 12、0012 或 第12号。`,
    ].join('\n'),
  /** A command that is not a member's: who does it, and what the member can do instead. `own`: the kinds of the member's cases. */
  notForMember: (word: string, who: string[], own: KindScope) =>
    `“${word}”由${who.join('、')}使用，${own === 'both' ? '您' : wording(own).member}无需操作。您可以发送“我的”查看您的${kindTexts.scopeShort(own)}进展，或发送“帮助”查看可用命令。`,
  notFoundRef: (number: string, own: KindScope) =>
    `您的${kindTexts.scopeShort(own)}中没有第${number}号。发送“我的”查看您的${kindTexts.scopeShort(own)}，例如：查 12`,
  notFoundKeyword: (keyword: string, own: KindScope) =>
    `您的${kindTexts.scopeShort(own)}中没有含“${keyword}”的。发送“我的”查看您的${kindTexts.scopeShort(own)}，或直接写${own === 'suggestion' ? '建议号' : '提案号'}，例如：查 12`,
  card: {
    ...MEMBER_VIEW_WORDS,
    describe: (session: string, proposers: string, kind: CaseKind) => `${session} · ${wording(kind).proposer}：${proposers}`,
    contactsLine: (n: number) => (n ? `${n} 次` : '暂无'),
  },
  buttons: { satisfied: '满意', basic: '基本满意', dissatisfied: '不满意', confirm: '确认属实', dispute: '有异议' },
  mine: {
    /** Named by the kinds listed: a deputy reads 您的建议. */
    header: (scope: KindScope, n: number) => `您的${kindTexts.scopeShort(scope)}共 ${n} 件：`,
    /** Named by the kinds of all the member's cases (a 提案 when they have none). */
    none: (own: KindScope) => `目前没有您正在办理中的${kindTexts.scopeShort(own)}。`,
    line: (i: number, label: string, progress: string, todo: string) => `${i}. ${label} · ${progress}${todo ? ` · ${todo}` : ''}`,
    rate: '请您评价',
    confirm: '请确认见面沟通',
  },
  rated: (label: string) => `${label}：谢谢您的评价！`,
  ratedDissatisfied: (label: string) => `${label}：已收到您的意见。我们将重新办理，并尽快再次答复您。`,
  askRating: '请回复您的评价：满意、基本满意 或 不满意，也可附上意见，例如：满意 办理认真',
  askDissatisfied: '请简要说明不满意的原因，我们将重新办理，例如：措施不够具体',
  askDispute: '请简要说明异议，例如：没有见过面',
  confirmCard: {
    title: (number: string, kind: CaseKind) => `请确认见面沟通：第${number}号${wording(kind).case}`,
    description: (date: string, staff: string, method: string, summary: string) => `${date} ${staff}与您${method}沟通：${summary}`,
  },
  confirmed: (label: string) => `${label}：谢谢！已确认这次见面沟通。`,
  disputed: (label: string) => `${label}：已记录您的异议，政策法规处会核实。`,
  noUnconfirmed: '这件提案没有待您确认的见面沟通。',
};
