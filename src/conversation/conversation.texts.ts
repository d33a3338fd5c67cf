/**
 * Every sentence the chat says to staff: command words and their short forms, the usage of each
 * command with an example, prompts of guided steps, confirmations and refusals. Labels of the
 * ledger (stages, roles, methods…) come from present/ledger.texts.ts and are not repeated.
 * What members (委员) see is in member.texts.ts.
 */
import type { CaseKind } from '../domain/kind.js';
import { wording } from '../present/kind.texts.js';

/** Words people use for a contact's phase and method, a rating and a reply class. */
export const WORDS = {
  phase: { 办前: 'before', 办前沟通: 'before', 办中: 'during', 办中对接: 'during', 办后: 'after', 办后反馈: 'after' },
  method: {
    电话: 'phone',
    网络: 'online',
    网上: 'online',
    线上: 'online',
    视频: 'online',
    微信: 'wechat',
    上门: 'visit',
    走访: 'visit',
    上门走访: 'visit',
    座谈: 'meeting',
    座谈会: 'meeting',
    当面: 'inPerson',
    面谈: 'inPerson',
    其他: 'other',
  },
  faceToFace: { 见面: true, 非见面: false, 未见面: false },
  memberViews: ['委员意见', '委员观点'],
  rating: { 满意: 'satisfied', 基本满意: 'basic', 不满意: 'dissatisfied' },
  signOffBack: ['退回', '退回修改', '不同意'],
  measures: ['措施', '落实措施'],
  /** After 公开 <提案号>: also show the first proposer's name. */
  proposerNamed: ['署名', '含提案人', '公开姓名', '显示姓名'],
  docNo: ['文号', '发文号'],
  /** Labels in 交办 / 改派 (主办:开发处 协办:帮扶处 理由:…) and in 登记's answer (协办 主办单位:省财政厅). */
  lead: ['主办'],
  assisting: ['协办'],
  leadUnit: ['主办单位'],
  reason: ['理由', '原因'],
  /** 登记's last answer: a key proposal (重点提案) or not. */
  isKey: { 是: true, 重点: true, 是重点: true, 否: false, 不是: false, 一般: false, 非重点: false },
  measureDone: ['办结', '已办结', '完成'],
  /** Answers that say yes to a question waiting for 确认 (compared in lower case). */
  yes: ['确认', '确定', '是', '是的', '对', '好', '好的', '可以', '行', '嗯', 'ok', 'yes'],
} as const;

/** How to write one command: shown in 帮助 and after every bad input. */
export interface Usage {
  form: string;
  example: string;
  what: string;
}

/**
 * Each chat command by its stable id, with the words people type for it: the first is the
 * command's own word, shown in help and replies. Ids, not words, are what code and stored
 * dialogs name, so a wording change never changes behaviour.
 */
export const COMMAND_WORDS = {
  help: ['帮助', '?', '菜单', 'help'],
  query: ['查', '查询', '查看', '查找'],
  mine: ['我的', '待办', '我的待办'],
  more: ['更多', '下一页', '下页'],
  register: ['登记', '新提案'],
  assign: ['交办'],
  reassign: ['改派'],
  accept: ['接收', '收'],
  return: ['退回'],
  designate: ['指定', '指定承办人'],
  advance: ['推进', '下一步'],
  contact: ['沟通', '记录沟通'],
  draftReply: ['答复', '起草答复', '答复稿'],
  replyBody: ['正文', '答复正文'],
  signOff: ['签发', '签'],
  sendReply: ['发文', '发出', '发出答复'],
  coOpinion: ['协办意见'],
  requestExtension: ['延期', '申请延期'],
  approveExtension: ['批准延期', '同意延期'],
  refuseExtension: ['驳回延期', '不同意延期'],
  supervise: ['督办', '落实'],
  rate: ['反馈', '评价'],
  confirmContact: ['确认', '确认沟通'],
  dispute: ['有异议', '异议'],
  overdue: ['逾期', '超期'],
  stats: ['统计', '报表'],
  report: ['报告', '工作报告', '年度报告'],
  archive: ['归档'],
  instruct: ['阅批', '批示'],
  chase: ['催办', '催'],
  merge: ['并案', '并案办理'],
  unmerge: ['撤销并案', '取消并案'],
  publish: ['公开', '公开结果'],
  unpublish: ['取消公开', '撤销公开', '不公开'],
  cancel: ['取消', '算了', '退出'],
  undo: ['撤销', '撤回', '撤消', '删除'],
} as const satisfies Record<string, readonly string[]>;

export type CommandId = keyof typeof COMMAND_WORDS;

/** The word a command is shown by. */
export const commandWord = (id: CommandId): string => COMMAND_WORDS[id][0];

/**
 * Plain phrases that name a command anywhere in a message (已答复 139, 102 催一下, 看看我的待办),
 * first match wins, so the more specific come first. A command read this way that changes the
 * ledger is shown back and acts only on 确认.
 */
export const INTENT_PHRASES: [CommandId, readonly string[]][] = [
  ['undo', ['撤销', '撤回', '撤消', '弄错了', '搞错了', '点错了', '删掉', '删除']],
  ['help', ['怎么用', '不会用', '使用说明', '有哪些命令', '能做什么', '能干什么']],
  ['mine', ['我的待办', '待办', '我的任务', '我要办', '要办的', '我有什么', '我有哪些', '我手上', '我的提案']],
  ['overdue', ['逾期', '超期', '过期', '超时', '拖期']],
  ['stats', ['统计', '报表', '汇总', '三个百分之百', '满意率', '办复率', '数据']],
  ['chase', ['催一下', '催一催', '催催', '催促', '催办', '督促一下', '提醒一下', '催他', '催']],
  ['approveExtension', ['批准延期', '同意延期']],
  ['refuseExtension', ['驳回延期', '不同意延期']],
  ['requestExtension', ['申请延期', '延期', '延长', '推迟', '宽限']],
  ['sendReply', ['已答复', '答复了', '已经答复', '已回复', '回复了', '已发文', '发文了', '已发出', '发出了', '答复已发']],
  ['archive', ['办结', '结案', '已办完', '办完了', '归档']],
  ['signOff', ['同意签发', '签发', '签了', '签字']],
  ['accept', ['接收', '接了', '接下', '收下']],
  ['assign', ['交办', '交给', '分给', '派给']],
  ['advance', ['下一步', '推进', '往下走', '进入下一']],
  [
    'contact',
    ['沟通', '联系了', '联系过', '聊了', '谈了', '见了', '电话', '视频', '微信', '见面', '面谈', '走访', '上门', '座谈', '当面', '拜访', '登门', '委员家'],
  ],
  ['query', ['进度', '进展', '到哪', '怎么样了', '什么情况', '情况', '查查', '查一下', '看看', '看一下', '详情', '查']],
];

/** Words around a command that carry nothing (帮我催一下 → 催): dropped from the ends of what is left. */
export const FILLER = {
  lead: ['帮我', '帮忙', '麻烦', '请', '给我', '我要', '我想', '想', '把', '再', '去', '已经', '已', '的'],
  trail: ['一下', '吧', '啊', '呀', '吗', '呢', '了', '的', '下'],
};

/** Everyday ways to say how a contact happened, each with the method word the grammar uses. */
export const METHOD_PHRASES: [string, readonly string[]][] = [
  ['电话', ['打电话', '打了电话', '通了电话', '通电话', '电话沟通', '电话联系', '来电', '电话']],
  ['网络', ['视频', '视频会议', '腾讯会议', '线上', '网上']],
  ['微信', ['微信', '发微信']],
  ['上门走访', ['上门', '走访', '登门', '拜访', '委员家', '去家里']],
  ['座谈', ['座谈会', '座谈', '开会']],
  ['当面', ['见面', '面谈', '当面', '面对面', '见了']],
];

/** Small talk and what it gets back; the whole message must be made of these (and punctuation or emoji). */
export const SMALL_TALK = {
  thanks: ['谢谢您', '谢谢', '多谢', '感谢', '辛苦了', '辛苦', 'thanks', 'thx'],
  hello: ['您好', '你好', '在吗', '早上好', '上午好', '下午好', '晚上好', 'hello', 'hi'],
  ok: ['好的', '好滴', '好', '收到', '知道了', '明白了', '明白', '了解', '行', '嗯', '嗯嗯', 'ok', '可以'],
} as const;

/** A member's own words about a reply, strongest first (不满意 before 满意). */
export const RATING_PHRASES: ['dissatisfied' | 'basic' | 'satisfied', readonly string[]][] = [
  ['dissatisfied', ['不满意', '不太满意', '不怎么满意', '没落实', '没有落实', '不认可', '敷衍']],
  ['basic', ['基本满意', '比较满意', '还算满意', '还可以', '还行', '一般', '过得去']],
  ['satisfied', ['满意', '很好', '非常好', '挺好', '不错', '认可', '点赞']],
];

export const USAGE: Record<CommandId, Usage> = {
  help: { form: '帮助 [命令]', example: '帮助 交办', what: '查看全部命令，或一条命令的写法' },
  query: { form: '查 <提案号或关键词>', example: '查 12', what: '查看提案进展和您可以办理的操作' },
  mine: { form: '我的 [页码]', example: '我的 2', what: '我的待办，最紧急的在前；每页10件' },
  more: { form: '更多', example: '更多', what: '刚才那个列表的下一页' },
  register: { form: '登记', example: '登记', what: '政策法规处：分步登记一件新提案' },
  assign: { form: '交办 <提案号> 主办:<处室> [协办:<处室>、<处室>]', example: '交办 12 主办:开发处 协办:帮扶处', what: '政策法规处：交给处室办理' },
  reassign: { form: '改派 <提案号> 主办:<处室> [协办:<处室>] 理由:<理由>', example: '改派 12 主办:帮扶处 理由:职责调整', what: '政策法规处：改由其他处室办理' },
  accept: { form: '接收 <提案号>', example: '接收 12', what: '处室负责人：接收交办' },
  return: { form: '退回 <提案号> <理由>', example: '退回 12 不属于本处职责', what: '处室负责人：交办后7个工作日内可退回' },
  designate: { form: '指定 <提案号> <姓名>', example: '指定 12 钱专员', what: '处室负责人：指定承办人（专人）' },
  advance: { form: '推进 <提案号> [到 <环节>]', example: '推进 12 到 会审', what: '进入下一环节（调研→沟通→会审→签发）' },
  contact: {
    form: '沟通 <提案号> 办前|办中|办后 <方式> [见面|非见面] <内容>',
    example: '沟通 12 办前 上门走访 听取委员对产业帮扶的意见',
    what: '记录与委员的沟通；方式：电话、网络、微信、上门走访、座谈、当面、其他',
  },
  draftReply: {
    form: '答复 <提案号> <类别A/B/C> <答复摘要> 措施:1.<措施> 2.<措施>',
    example: '答复 12 B 采纳建议，列入明年计划 措施:1.出台扶持办法 2.设立专项资金',
    what: '起草答复稿；A、B类须写落实措施',
  },
  replyBody: {
    form: '正文 <提案号> <答复正文>',
    example: '正文 12 陈委员：您好！您提出的提案收悉，现答复如下：（换行）一、……',
    what: '撰写答复函的正文，每段一行，可分多行发送；再次发送即替换；签发后不能修改',
  },
  signOff: { form: '签发 <提案号> [意见]，或：签发 <提案号> 退回 <意见>', example: '签发 12', what: '局领导：签发答复稿，或退回修改' },
  sendReply: { form: '发文 <提案号> <发文号>', example: '发文 12 乡振函〔2026〕12号', what: '登记发文号，答复正式发出' },
  coOpinion: { form: '协办意见 <提案号> <意见>', example: '协办意见 12 同意主办单位意见，我处负责资金保障', what: '报送或登记协办意见' },
  requestExtension: { form: '延期 <提案号> <天数> <理由>', example: '延期 12 30 需跨部门调研', what: '承办处室：申请延期' },
  approveExtension: { form: '批准延期 <提案号> [意见]', example: '批准延期 12 同意', what: '政策法规处或局领导：批准延期' },
  refuseExtension: { form: '驳回延期 <提案号> <理由>', example: '驳回延期 12 请按期办理', what: '政策法规处或局领导：驳回延期' },
  supervise: {
    form: '督办 <提案号> [第<n>项] <落实情况> [完成<数量>] [目标<数量>] [办结]',
    example: '督办 12 第1项 已建成15个 完成15个',
    what: '登记答复中落实措施的进展；有目标的措施可写完成数（如 完成15个、完成9601万元、完成60%），写“目标20个”设定或更正目标，写“办结”表示该项完成',
  },
  rate: { form: '反馈 <提案号> 满意|基本满意|不满意 [意见]', example: '反馈 12 满意 办理认真', what: '提案委员：评价答复' },
  confirmContact: { form: '确认 <提案号>', example: '确认 12', what: '提案委员：确认见面沟通属实' },
  dispute: { form: '有异议 <提案号> <说明>', example: '有异议 12 没有见过面', what: '提案委员：对沟通记录提出异议' },
  overdue: { form: '逾期 [页码]', example: '逾期 2', what: '列出已逾期的提案；每页10件' },
  stats: { form: '统计 [本周|本月|<处室>]', example: '统计 本月', what: '三个百分之百等办理统计' },
  report: { form: '报告 <年份>', example: '报告 2026', what: '政策法规处或局领导：根据台账起草年度提案办理工作报告' },
  archive: { form: '归档 <提案号> [备注]', example: '归档 12', what: '政策法规处：办结归档' },
  instruct: { form: '阅批 <提案号> <批示>', example: '阅批 12 请抓紧落实，月底前报结果', what: '局领导：批示' },
  chase: { form: '催办 <提案号> [事项]', example: '催办 12 请尽快与委员沟通', what: '政策法规处或局领导：催办，并提醒承办人' },
  merge: { form: '并案 <主案号> <提案号>、<提案号>', example: '并案 12 15、18', what: '政策法规处：相似提案并案办理，主案的答复同时答复并入的提案' },
  publish: {
    form: '公开 <提案号> [署名]',
    example: '公开 12',
    what: '政策法规处：把答复摘要、答复类别和措施进展放到办理结果公开页；写“署名”同时公开第一提案人姓名',
  },
  unpublish: { form: '取消公开 <提案号>', example: '取消公开 12', what: '政策法规处：公开页不再显示这件提案' },
  unmerge: { form: '撤销并案 <提案号> <理由>', example: '撤销并案 15 内容不同，分开办理', what: '政策法规处：并入的提案改为单独办理' },
  cancel: { form: '取消', example: '取消', what: '结束正在进行的分步操作' },
  undo: { form: '撤销 [提案号] [理由]', example: '撤销 12', what: '撤销自己10分钟内的上一步操作（之后无人办理过）；政策法规处可写明理由撤销任一件的上一步' },
};

/** The commands staff see in 帮助, grouped by the step of the process. */
export const STAFF_HELP_GROUPS: [string, CommandId[]][] = [
  ['查看', ['query', 'mine', 'more', 'overdue', 'stats', 'report']],
  ['登记与交办', ['register', 'assign', 'reassign', 'accept', 'return', 'designate', 'merge', 'unmerge']],
  ['publish', ['publish', 'unpublish']],
  ['办理', ['advance', 'contact', 'draftReply', 'replyBody', 'signOff', 'sendReply', 'coOpinion', 'requestExtension', 'approveExtension', 'refuseExtension']],
  ['督办与办结', ['supervise', 'chase', 'instruct', 'archive']],
  ['其他', ['undo', 'help', 'cancel']],
];

const aliasesOf = (w: CommandId): string => (COMMAND_WORDS[w].length > 1 ? `（也可写：${COMMAND_WORDS[w].slice(1).join('、')}）` : '');

const usageLine = (w: CommandId): string => `• ${USAGE[w].form} —— ${USAGE[w].what}`;

/** Ways to write a proposal number, shown once in 帮助. */
const NUMBER_FORMS = '提案号可写作 12、0012、第12号、#12；处室可用简称（如 开发处）；语音说出的命令同样有效。';

export const texts = {
  notRegistered: '您好！您还没有在提案通的通讯录中登记，暂时无法使用。请联系政策法规处为您开通。',
  sorry: '抱歉，系统处理这条消息时出了问题，已记录下来。请稍后再试；如一直不行，请联系政策法规处。',
  gaveUp:
    '抱歉，这条消息多次处理都没有完成，已记录下来，技术人员会核查。它可能已经生效：请先用“查 提案号”看最新情况，确实没有生效再重新发送；如有疑问，请联系政策法规处。',
  welcome: (name: string) => `${name}您好！发送“我的”查看待办，发送“帮助”查看全部命令。`,
  /** Not understood: the commands this person most likely needs now, then where to find the rest. */
  unknownCommand: (text: string, likely: string[] = []) =>
    likely.length
      ? [`没有看懂“${text}”。您现在可能要：`, ...likely.map((l) => `• ${l}`), '发送“帮助”查看全部命令。'].join('\n')
      : `没有看懂“${text}”。发送“帮助”查看全部命令，例如：查 12`,
  /** A likely next command: what to send, and why it is offered. */
  likely: (command: string, label: string, todo: string) => `${command}（${label}${todo}）`,
  smallTalk: {
    thanks: '不客气！有需要随时发消息给我。',
    ok: '好的。发送“我的”可以查看您的待办。',
  },
  /** A command read from plain words that changes the ledger, shown back before it acts. */
  understood: {
    title: '请确认要办理的事项',
    description: (label: string, action: string, detail: string) =>
      `${label}\n办理：${action}${detail ? `\n内容：${detail}` : ''}\n回复“确认”办理，回复“取消”放弃。`,
    expired: '这个确认已经失效（已办理、已取消或超过了时间），请重新发送命令。',
  },
  /** A word close to a command word. */
  suggest: {
    title: (command: string) => `您是不是要：${command}`,
    description: (typo: string, word: string) => `“${typo}”不是命令，最接近的是“${word}”。回复“是”或点“是”即可办理，回复“取消”放弃。`,
  },
  answerButtons: { yes: '是', no: '不是', confirm: '确认', cancel: '取消', confirmedName: '已确认', cancelledName: '已取消' },
  emptyMention: '请在@我之后写命令，例如：@提案通 查 12',
  emptyMessage: '这条消息里没有可以办理的内容。发送“我的”查看待办，发送“帮助”查看您可以使用的命令。',
  voiceNotHeard: '没有听清这条语音。请再说一遍，或直接打字，例如：查 12',
  tooLong: (chars: number, limit: number) => `这条消息有 ${chars} 个字，超过了每条 ${limit} 个字的上限，没有处理。请分几条发送，或把要点写短一些。`,
  badSender: (limit: number) => `无法识别发送人：企业微信账号超过了 ${limit} 个字符的上限，消息没有处理。请联系政策法规处核对您的账号。`,
  /** 帮助 for staff: only the commands `may` lets this person use, by step of the process. */
  staffHelp: (may: (w: CommandId) => boolean): string =>
    [
      '您可以使用的命令（直接发送文字或语音即可）：',
      ...STAFF_HELP_GROUPS.flatMap(([title, all]) => {
        const words = all.filter(may);
        return words.length ? [`【${title}】`, ...words.map(usageLine)] : [];
      }),
      NUMBER_FORMS,
      '发送“帮助 <命令>”查看示例，例如：帮助 沟通',
    ].join('\n'),
  commandHelp: (w: CommandId): string => `${USAGE[w].form}\n${USAGE[w].what}${aliasesOf(w)}\n例如：${USAGE[w].example}`,
  unknownHelpTopic: (topic: string) => `没有“${topic}”这个命令。发送“帮助”查看全部命令，例如：帮助 交办`,

  /** A bad input: what was wrong, then the right form with an example. */
  badInput: (problem: string, w: CommandId): string => `${problem}\n正确写法：${USAGE[w].form}\n例如：${USAGE[w].example}`,
  missingRef: '请写上提案号。',
  notFoundRef: (ref: string) => `没有找到第${ref}号提案。请核对提案号，或用关键词查找，例如：查 返贫`,
  notFoundKeyword: (keyword: string) => `没有找到含“${keyword}”的提案。请换一个关键词，或直接写提案号，例如：查 12`,
  /** A number that exists but is not the sender's to see: why, so they know whom to ask. */
  hiddenRef: (number: string, reason: string) => `第${number}号提案：${reason}`,
  /** A view none of the sender's roles reads (a ledger command gets the ledger's own refusal). */
  viewNotForRole: (word: string, who: string[]) => `“${word}”只向${who.join('、')}开放。发送“帮助”查看您可以使用的命令。`,
  pickList: (n: number, lines: string[]) => [`找到 ${n} 件提案，请回复序号选择：`, ...lines].join('\n'),
  /** One line of a pick list; with `kind` when the list is told apart by kind. */
  pickLine: (i: number, label: string, session: string, stage: string, kind?: CaseKind) =>
    `${i}. ${kind ? `${wording(kind).full} ` : ''}${label}（${session} · ${stage}）`,
  /** 0012 is a 提案 and a 建议: which one, and how to name it next time. */
  whichKind: (word: string, number: string, n: number) =>
    `第${number}号有 ${n} 件：既有政协提案，也有人大代表建议。请问您要${word}的是哪一件？请回复序号；也可以直接写明类别，例如：${word} 提案${number}，或 ${word} 建议${number}。`,
  /** A number that is both kinds, where no pick list is offered (撤销, 并案): the way to write it. */
  kindNeeded: (number: string) => `第${number}号既有政协提案，也有人大代表建议。请在号码前写明类别，例如：提案${number}，或 建议${number}。`,
  tooMany: (n: number) => `找到 ${n} 件提案，太多了。请把关键词写得更具体，或直接写提案号，例如：查 12`,
  badPick: (n: number) => `请回复 1–${n} 之间的序号，例如：1。回复“取消”可结束。`,

  cancelHint: '（回复“取消”可结束）',
  /** A step left waiting when the service was updated, in a form it no longer reads. */
  stepOutdated: '提案通已更新，您之前未完成的操作已失效，没有办理。请重新发送命令，例如：查 12',
  cancelled: '好的，已取消。',
  nothingToCancel: '当前没有进行中的操作。',

  /** A proposal as named in replies, so a group chat can see which one was acted on. */
  label: (number: string, title: string, kind: CaseKind) => `第${number}号${wording(kind).mark}《${title}》`,
  done: (label: string, action: string, stage: string) => `${label}：已${action}。当前环节：${stage}。`,
  inGroup: (label: string, message: string) => `${label}：${message}`,

  // Problems of single commands.
  missingDivision: '请写明主办处室。',
  missingReason: '请写明理由。',
  missingPerson: '请写明承办人姓名。',
  peopleAmbiguous: (name: string, userids: string[]) => `通讯录里有 ${userids.length} 位“${name}”，请改用企业微信账号（${userids.join('、')}）。`,
  unknownStage: (word: string, stages: string[]) => `没有“${word}”这个环节。可写的环节：${stages.join('、')}。`,
  stagePassed: (stage: string) => `这件提案已经过了“${stage}”环节。`,
  advancedTo: (label: string, stages: string[]) => `${label}：已推进到“${stages.join('”→“')}”。`,
  advanceStopped: (label: string, stage: string, why: string) => `${label}：已推进到“${stage}”，但未能继续：${why}`,
  badDays: '请写明延期天数（数字），例如 30。',
  badOutcome: '请写明答复类别：A、B 或 C。',
  missingReplySummary: '请写明答复内容摘要。',
  missingDocNo: '请写明发文号。',
  missingInstruction: '请写明批示内容。',
  missingCoOpinion: '请写明协办意见内容。',
  missingMeasureNote: '请写明落实情况。',
  whichMeasure: (lines: string[]) => ['这件提案有多项未办结的措施，请写明第几项：', ...lines].join('\n'),
  noOpenMeasures: '这件提案没有需要督办的落实措施。',
  badMeasureIndex: (i: number, n: number) => `没有第${i}项措施：请写第1到第${n}项。`,
  publishUnknownWord: (w: string) => `看不懂“${w}”：公开后面只能加“署名”（同时公开第一提案人姓名）。`,
  targetWithoutUnit: (n: number) => `目标“${n}”没有写单位：请在数字后写上单位，例如“目标${n}个”或“目标${n}亿元”。`,
  missingRating: '请写明评价：满意、基本满意 或 不满意。',
  draftSaved: (label: string, outcome: string, measures: number) =>
    `${label}：答复稿已保存（${outcome}，落实措施 ${measures} 项）。会审完成后发送“推进”送局领导签发。`,
  signedBack: (label: string) => `${label}：已退回修改，回到“会审”环节。`,
  measureNoted: (label: string, measure: string, done: boolean) => `${label}：已登记“${measure}”的落实情况${done ? '，该项已办结' : ''}。`,
  extensionAsked: (label: string, days: number) => `${label}：已申请延期 ${days} 天，等待政策法规处或局领导审批。`,
  extensionDecided: (label: string, approved: boolean) => `${label}：已${approved ? '批准' : '驳回'}延期申请。`,
  chased: (label: string, who: string) => `${label}：已催办，并提醒了${who}。`,
  chasedNobody: (label: string) => `${label}：已记录催办（还没有可提醒的承办人）。`,

  // Contacts and photos.
  contactLogged: (label: string, phase: string, method: string, faceToFace: boolean) => `${label}：已记录${phase}（${method}${faceToFace ? '，见面' : ''}）。`,
  confirmationAsked: '已请委员确认这次见面沟通。',
  photoHint: (minutes: number) => `如有现场照片，请在 ${minutes} 分钟内直接发送，将作为这次沟通的证明材料。`,
  photoNoContact: (minutes: number) => `收到照片，但没有找到您 ${minutes} 分钟内记录的沟通。请先记录沟通（例如：沟通 12 办前 上门走访 听取意见），再发送照片。`,
  photoTooLarge: (mb: number) => `照片太大了（超过 ${mb} MB），没有保存。请压缩后重新发送。`,
  photoSaved: (label: string, count: number) => `${label}：照片已保存为沟通证明材料（这次沟通共 ${count} 张）。`,

  // Guided steps started by a button or by a command missing a part.
  ask: {
    assign: '请回复主办处室，例如：主办:开发处 协办:帮扶处',
    returnReason: '请回复退回理由，例如：不属于本处职责',
    designate: '请回复承办人姓名，例如：钱专员',
    contact: '请回复沟通阶段、方式和内容，例如：办前 上门走访 听取委员对产业帮扶的意见',
    contactMethod: '请问沟通方式是？回复：电话、网络、微信、上门走访、座谈、当面 或 其他',
    contactSummary: '请简要说明沟通内容，例如：听取委员对产业帮扶的意见',
    draft: '请回复答复内容，例如：B 采纳建议，列入明年计划 措施:1.出台扶持办法 2.设立专项资金',
    outcome: '请问答复类别？回复 A、B 或 C（A 已解决或采纳，B 正在解决或列入计划，C 因条件限制暂不能解决或留作参考）',
    replySummary: '请回复答复内容摘要，例如：采纳建议，列入明年计划',
    replyBody: '请回复答复正文，每段一行，例如：陈委员：您好！您提出的提案收悉，现答复如下：',
    docNo: '请回复发文号，例如：乡振函〔2026〕12号',
    signOffBack: '请回复退回修改的意见，例如：措施不够具体',
    extension: '请回复延期天数和理由，例如：30 需跨部门调研',
    rejectExtension: '请回复驳回理由，例如：请按期办理',
    instruct: '请回复批示内容，例如：请抓紧落实',
    supervise: '请回复落实情况，例如：第1项 办法已印发 办结',
    reassign: '请回复改派的处室和理由，例如：主办:帮扶处 理由:职责调整',
    reason: '请回复理由，例如：职责调整',
    coOpinion: '请回复协办意见内容，例如：同意主办单位意见',
  },

  // 登记 step by step.
  register: {
    start: '开始登记新提案，共 6 步，随时回复“取消”可结束。',
    steps: [
      '第1步：请回复届次，例如：十三届四次',
      '第2步：请回复提案号，例如：0102；人大代表建议请在编号前写“建议”，例如：建议0102',
      '第3步：请回复案由，例如：关于健全防止返贫动态监测机制的提案',
      '第4步：请回复提案人姓名，多位用顿号分开，第一位为第一提案人，例如：卢涛、李国庆',
      '第5步：本局是主办还是协办？回复“主办”，或“协办 <主办单位>”，例如：协办 省财政厅',
      '第6步：是否重点提案？回复：是 或 否',
    ],
    badSession: '届次的写法不对。',
    badNumber: '提案号应是数字。',
    badTitle: '案由不能为空，也不宜超过100个字。',
    badProposers: '请至少写一位提案人姓名。',
    badHandling: '请回复“主办”，或“协办”加主办单位。',
    badKey: '请回复“是”或“否”。',
    done: (label: string, session: string, number: string) => `已登记${label}（${session}），当前环节：登记。下一步请交办，例如：交办 ${number} 主办:开发处`,
    exists: (label: string, session: string) => `${label}（${session}）已经在台账中，没有重复登记。`,
  },

  // 相似提案 and 并案.
  similar: {
    title: '可能相似的提案（供并案参考，按相似度排列）：',
    line: (i: number, label: string, session: string, percent: number, lead?: string) =>
      `${i}. ${label}（${session}）相似度 ${percent}%${lead ? `，已并入第${lead}号` : ''}`,
    mergeHint: (number: string) => `如需并案办理，回复：并案 <主案号> ${number}`,
  },
  merge: {
    needCases: '请写上要并入的提案号。',
    done: (lead: string, numbers: string[]) =>
      `已将第${numbers.join('、')}号并入${lead}办理：交办、答复和督办在主案上进行，答复会同步到并入的提案；各提案的委员、沟通和评价仍分别记录。`,
    needReason: '请写上撤销并案的理由。',
    undone: (label: string, lead: string) => `${label}已撤销并案，不再随第${lead}号办理，今后单独办理。`,
  },

  // 查 / 我的 / 逾期.
  card: {
    stage: '环节',
    lead: '主办处室',
    handler: '承办人',
    nextDue: '下一期限',
    contacts: '沟通',
    reply: '答复',
    none: '无',
    notAssigned: '未交办',
    noHandler: '未指定',
    overdue: '（逾期）',
    dueSoon: '（临期）',
    title: (number: string, title: string, kind: CaseKind) => `第${number}号${wording(kind).mark} ${title}`,
    describe: (session: string, co: boolean, key: boolean, proposers: string, kind: CaseKind) =>
      `${session} · ${wording(kind).full} · ${co ? '协办' : '主办'}${key ? ' · 重点' : ''} · ${wording(kind).proposer}：${proposers}`,
    contactsLine: (n: number, f2f: number, confirmed: number, disputed: number, photos: number) =>
      n === 0 ? '无' : `${n} 次，见面 ${f2f} 次（已确认 ${confirmed}${disputed ? `，有异议 ${disputed}` : ''}）${photos ? `，照片 ${photos} 张` : ''}`,
    replySummary: '答复摘要',
    measures: '落实措施',
    measureLine: (i: number, text: string, done: boolean) => `${i}. ${text}${done ? '（已办结）' : ''}`,
    sentBack: '退回意见',
    sentBackLine: (who: string, note: string) => `${who}：${note}`,
    replyLine: (outcome: string, docNo: string | undefined, done: number, total: number) =>
      `${outcome}${docNo ? `，${docNo}` : '（未发出）'}${total ? `，措施 ${done}/${total} 项办结` : ''}`,
    replaceName: (action: string, who: string, when: string) => `已${action} · ${who} ${when}`,
    alreadyDone: (label: string, who: string, when: string, action: string) => `${label}已由${who}于 ${when} ${action}，无需重复操作。`,
    stale: (label: string, who: string, when: string, action: string, number: string) =>
      `这张卡片已过期：${who}于 ${when} 对${label}办理了“${action}”。请发送“查 ${number}”查看最新情况。`,
    unknownButton: '这个按钮已失效，请发送“查 <提案号>”重新查看。',
    notLatest: (label: string, action: string) =>
      `您按的是一张较早的卡片上的按钮，对应${label}。确认要对这件提案办理“${action}”吗？回复“确认”办理，回复“取消”放弃。`,
  },
  buttons: {
    assign: '交办',
    reassign: '改派',
    accept: '接收',
    return: '退回',
    designate: '指定承办人',
    advance: (stage: string) => `推进到${stage}`,
    logContact: '记录沟通',
    draftReply: '起草答复',
    signOff: '签发',
    signOffBack: '退回修改',
    sendReply: '发文',
    sendCoOpinion: '协办意见',
    superviseMeasure: '督办',
    requestExtension: '申请延期',
    approveExtension: '批准延期',
    rejectExtension: '驳回延期',
    instruct: '阅批',
    chase: '催办',
    archive: '归档',
  },
  mine: {
    header: (n: number) => `您有 ${n} 件待办（最紧急的在前）：`,
    none: '您目前没有待办事项。',
    /** The header of one page of a longer list. */
    page: (header: string, page: number, pages: number) => (pages > 1 ? `${header.replace(/：$/u, '')}（第 ${page}/${pages} 页）：` : header),
    more: (n: number, list: string, next: number) => `……另有 ${n} 件，发送“更多”或“${list} ${next}”查看下一页。`,
    beyond: (list: string, pages: number) => `“${list}”只有 ${pages} 页，例如：${list} ${pages}`,
    lastPage: '这已是最后一页。',
    noList: '没有正在翻看的列表。发送“我的”查看待办，或“逾期”查看逾期的提案。',
    badPage: '页码应是数字。',
    line: (i: number, label: string, stage: string, todo: string, due: string) => `${i}. ${label} · ${stage} · ${todo}${due ? ` · ${due}` : ''}`,
    todo: {
      assign: '待交办',
      accept: '待接收',
      designate: '待指定承办人',
      handle: '待办理',
      coOpinion: '待报送协办意见',
      signOff: '待签发',
      send: '待发文',
      supervise: '待督办',
      archive: '待归档',
      extension: '待审批延期',
    },
  },
  overdue: {
    header: (n: number) => `已逾期 ${n} 件（最早的在前）：`,
    none: '目前没有逾期的提案。',
  },
  stats: {
    noDivision: '您在通讯录中没有所属处室，无法查看处室统计。请联系政策法规处核对通讯录。',
    ownDivisionOnly: (own: string) => `处室负责人只能查看本处室（${own}）的统计。发送“统计”查看本处室，或“统计 本月”查看本月。`,
    unknownArg: (arg: string) => `没有找到处室“${arg}”，也不是“本周”或“本月”。`,
    title: (what: string, scope: string) => `${what}办理统计（${scope}）`,
    all: '全局',
    week: '本周',
    month: '本月',
    total: (what: string, t: number, lead: number, co: number, key: number) => `${what} ${t} 件（主办 ${lead}，协办 ${co}，重点 ${key}）`,
    rate: (name: string, pct: string, num: number, den: number) => `${name} ${pct}（${num}/${den}）`,
    onTime: '按时办复率',
    faceToFace: '见面沟通率',
    satisfaction: '主办件满意率',
    delivery: '办成率',
    confirmed: (n: number) => `经委员确认的见面沟通 ${n} 件`,
    overdue: (n: number) => `逾期未办复 ${n} 件`,
    byStage: (parts: string[]) => `环节分布：${parts.join(' · ')}`,
    period: (assigned: number, contacts: number, f2f: number, replies: number, ratings: number, archived: number) =>
      `期间新增：交办 ${assigned} 件，沟通 ${contacts} 次（见面 ${f2f} 次），答复发出 ${replies} 件，委员评价 ${ratings} 件，归档 ${archived} 件`,
    noRate: '—',
  },

  undo: {
    title: '请确认撤销',
    description: (label: string, who: string, when: string, action: string) =>
      `${label}\n撤销：${who}于 ${when} 办理的“${action}”\n回复“确认”撤销，回复“取消”放弃。`,
    nothing: '您最近没有可以撤销的操作。只能撤销自己办理的上一步，且之后没有其他人办理过。',
    done: (label: string, action: string, stage: string) => `${label}：已撤销“${action}”。当前环节：${stage}。`,
    corrected: (names: string[]) => `已向${names.join('、')}发出更正通知。`,
  },

  // Notices to other people, sent through the outbox (the ledger's own notices are in present/notices.texts.ts).
  notice: {
    corrected: (label: string, who: string, action: string, reason: string | undefined, stage: string) =>
      `【更正】${label}\n${who}撤销了“${action}”${reason ? `（${reason}）` : ''}，此前关于这一步的通知作废。当前环节：${stage}。`,
  },
};
