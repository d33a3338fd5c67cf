/**
 * Every chat command: its happy path and bad inputs, each with the exact reply a person reads.
 * Each case gets its own proposal (number `n`) walked `steps` steps down the lead happy path.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestDb } from '../support/test-db.js';
import { createHarness, L, type Harness, type Who } from './chat.harness.js';

useTestDb();
let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});

const HINT = '（回复“取消”可结束）';

interface Case {
  n: number;
  steps?: number;
  who: Who | string;
  input: string;
  reply: string;
  /** Extra setup after the steps. */
  pre?: (h: Harness, n: number) => Promise<unknown>;
  /** A follow-up message (the answer to a guided step) and its reply. */
  then?: [string, string];
}

const askExtension = (h: Harness, n: number) => h.say('handler', `延期 ${n} 30 需跨部门调研`);

const CASES: Record<string, Case[]> = {
  帮助: [
    {
      n: 0,
      who: 'coordinator',
      input: '帮助 交办',
      reply: '交办 <提案号> 主办:<处室> [协办:<处室>、<处室>]\n政策法规处：交给处室办理\n例如：交办 12 主办:开发处 协办:帮扶处',
    },
    { n: 0, who: 'coordinator', input: '帮助 飞行', reply: '没有“飞行”这个命令。发送“帮助”查看全部命令，例如：帮助 交办' },
    { n: 0, who: 'coordinator', input: '你好', reply: '王协调您好！发送“我的”查看待办，发送“帮助”查看全部命令。' },
    { n: 0, who: 'otherHandler', input: '飞行', reply: '没有看懂“飞行”。发送“帮助”查看全部命令，例如：查 12' },
  ],
  查: [
    { n: 0, who: 'coordinator', input: '查', reply: '请写上提案号。\n正确写法：查 <提案号或关键词>\n例如：查 12' },
    { n: 0, who: 'coordinator', input: '查 9999', reply: '没有找到第9999号提案。请核对提案号，或用关键词查找，例如：查 返贫' },
    { n: 0, who: 'coordinator', input: '查 不存在的词', reply: '没有找到含“不存在的词”的提案。请换一个关键词，或直接写提案号，例如：查 12' },
  ],
  交办: [
    { n: 101, who: 'coordinator', input: '交办 第101号 主办:开发处 协办:帮扶处', reply: `${L(101)}：已交办。当前环节：交办。` },
    { n: 102, who: 'coordinator', input: '交办 102 主办：宣传处', reply: '没有找到处室“宣传处”，请使用处室全称或简称，例如“政策法规处”或“政法处”。' },
    {
      n: 0,
      who: 'coordinator',
      input: '交办',
      reply: '请写上提案号。\n正确写法：交办 <提案号> 主办:<处室> [协办:<处室>、<处室>]\n例如：交办 12 主办:开发处 协办:帮扶处',
    },
    {
      n: 103,
      who: 'coordinator',
      input: '交办 103',
      reply: `请回复主办处室，例如：主办:开发处 协办:帮扶处${HINT}`,
      then: ['开发处', `${L(103)}：已交办。当前环节：交办。`],
    },
  ],
  改派: [
    { n: 104, steps: 1, who: 'coordinator', input: '改派 104 主办:帮扶处 理由:职责调整', reply: `${L(104)}：已改派。当前环节：交办。` },
    {
      n: 105,
      steps: 1,
      who: 'coordinator',
      input: '改派 105 主办:帮扶处',
      reply: `请回复理由，例如：职责调整${HINT}`,
      then: ['职责调整', `${L(105)}：已改派。当前环节：交办。`],
    },
    { n: 106, who: 'coordinator', input: '改派 106 主办:帮扶处 理由:职责调整', reply: '这件提案目前处于“登记”环节，不能改派。' },
  ],
  接收: [
    { n: 107, steps: 1, who: 'head', input: '接收 107号', reply: `${L(107)}：已接收。当前环节：调研。` },
    { n: 108, steps: 2, who: 'head', input: '接收 #108', reply: '这件提案目前处于“调研”环节，不能接收。' },
    { n: 109, steps: 1, who: 'otherHead', input: '接收 109', reply: '您所在处室是这件提案的协办处室：可以查看，并报送协办意见；这项操作由主办处室办理。' },
  ],
  退回: [
    { n: 110, steps: 1, who: 'head', input: '退回 110 不属于本处职责', reply: `${L(110)}：已退回。当前环节：登记。` },
    {
      n: 111,
      steps: 1,
      who: 'head',
      input: '退回 111',
      reply: `请回复退回理由，例如：不属于本处职责${HINT}`,
      then: ['不属于本处职责', `${L(111)}：已退回。当前环节：登记。`],
    },
    { n: 112, steps: 1, who: 'coordinator', input: '退回 112 不对', reply: '您没有这项操作的权限：只有承办处室负责人可以办理。' },
  ],
  指定: [
    { n: 113, steps: 2, who: 'head', input: '指定 113 钱专员', reply: `${L(113)}：已指定承办人。当前环节：调研。承办人：钱专员。` },
    {
      n: 114,
      steps: 2,
      who: 'head',
      input: '指定 114 张三',
      reply: '没有找到人员“张三”，请使用通讯录中的姓名或企业微信账号。\n正确写法：指定 <提案号> <姓名>\n例如：指定 12 钱专员',
    },
    { n: 115, steps: 2, who: 'head', input: '指定 115 周专员', reply: '周专员不属于主办处室，承办人须为主办处室的工作人员。' },
  ],
  推进: [
    { n: 116, steps: 3, who: 'handler', input: '推进 116', reply: `${L(116)}：已推进。当前环节：沟通。` },
    {
      n: 117,
      steps: 5,
      who: 'handler',
      input: '推进 117 到 签发',
      reply: `${L(117)}：已推进到“会审”，但未能继续：还没有答复稿：请先起草答复（内容摘要、答复类别和落实措施）。`,
    },
    {
      n: 118,
      steps: 3,
      who: 'handler',
      input: '推进 118 到 飞行',
      reply:
        '没有“飞行”这个环节。可写的环节：登记、交办、调研、沟通、会审、签发、答复、督办、反馈、归档。\n正确写法：推进 <提案号> [到 <环节>]\n例如：推进 12 到 会审',
    },
    { n: 119, steps: 4, who: 'handler', input: '推进 119', reply: '还没有办前沟通记录：请先与提案委员沟通并记录，再进入下一环节。' },
  ],
  沟通: [
    {
      n: 120,
      steps: 4,
      who: 'handler',
      input: '沟通 120 办前 上门走访 听取委员意见',
      reply: `${L(120)}：已记录办前沟通（上门走访，见面）。\n已请委员确认这次见面沟通。\n如有现场照片，请在 10 分钟内直接发送，将作为这次沟通的证明材料。`,
    },
    {
      n: 121,
      steps: 4,
      who: 'handler',
      input: '沟通 121 办前 听取委员意见',
      reply: `请问沟通方式是？回复：电话、网络、微信、上门走访、座谈、当面 或 其他${HINT}`,
      then: ['电话', `${L(121)}：已记录办前沟通（电话）。\n如有现场照片，请在 10 分钟内直接发送，将作为这次沟通的证明材料。`],
    },
    { n: 122, steps: 4, who: 'handler', input: '沟通 122 办后 电话 回访', reply: '办后反馈需在答复发出之后记录。' },
  ],
  答复: [
    {
      n: 123,
      steps: 6,
      who: 'handler',
      input: '答复 123 B 采纳建议 措施：1.出台扶持办法 2.设立专项资金',
      reply: `${L(123)}：答复稿已保存（B类（正在解决或列入计划），落实措施 2 项）。会审完成后发送“推进”送局领导签发。`,
    },
    { n: 124, steps: 6, who: 'handler', input: '答复 124 A 采纳建议', reply: 'A类、B类答复须写明具体落实措施（至少一项），避免答复多、措施少。' },
    {
      n: 125,
      steps: 6,
      who: 'handler',
      input: '答复 125 采纳建议 措施:1.出台办法',
      reply: `请问答复类别？回复 A、B 或 C（A 已解决或采纳，B 正在解决或列入计划，C 因条件限制暂不能解决或留作参考）${HINT}`,
      then: ['A', `${L(125)}：答复稿已保存（A类（已解决或采纳），落实措施 1 项）。会审完成后发送“推进”送局领导签发。`],
    },
  ],
  签发: [
    { n: 126, steps: 8, who: 'leader', input: '签发 126', reply: `${L(126)}：已签发。当前环节：答复。` },
    {
      n: 127,
      steps: 8,
      who: 'leader',
      input: '签发 127 退回',
      reply: `请回复退回修改的意见，例如：措施不够具体${HINT}`,
      then: ['措施不够具体', `${L(127)}：已退回修改，回到“会审”环节。`],
    },
    { n: 128, steps: 8, who: 'handler', input: '签发 128', reply: '您没有这项操作的权限：只有局领导可以办理。' },
  ],
  发文: [
    { n: 129, steps: 9, who: 'handler', input: '发文 129 乡振函〔2026〕12号', reply: `${L(129)}：已发出答复。当前环节：督办。` },
    { n: 130, steps: 9, who: 'handler', input: '发文 130', reply: `请回复发文号，例如：乡振函〔2026〕12号${HINT}` },
    { n: 131, steps: 8, who: 'handler', input: '发文 131 乡振函〔2026〕13号', reply: '这件提案目前处于“签发”环节，不能发出答复。' },
  ],
  协办意见: [
    { n: 132, steps: 3, who: 'otherHead', input: '协办意见 132 同意主办单位意见', reply: `${L(132)}：已登记协办意见。当前环节：调研。` },
    { n: 133, steps: 3, who: 'otherHead', input: '协办意见 133', reply: `请回复协办意见内容，例如：同意主办单位意见${HINT}` },
    {
      n: 134,
      steps: 3,
      who: 'otherHead',
      input: '协办意见 134 再次提交',
      pre: (h, n) => h.say('otherHead', `协办意见 ${n} 首次提交`),
      reply: '该处室的协办意见已经登记过了。',
    },
  ],
  延期: [
    { n: 135, steps: 3, who: 'handler', input: '延期 135 30天 需跨部门调研', reply: `${L(135)}：已申请延期 30 天，等待政策法规处或局领导审批。` },
    {
      n: 136,
      steps: 3,
      who: 'handler',
      input: '延期 136 需跨部门调研',
      reply: `请写明延期天数（数字），例如 30。${HINT}`,
      then: ['30', `${L(136)}：已申请延期 30 天，等待政策法规处或局领导审批。`],
    },
    { n: 137, steps: 3, who: 'handler', input: '延期 137 200 太复杂', reply: '延期天数须为 1 到 90 之间的整数。' },
  ],
  批准延期: [
    { n: 138, steps: 3, who: 'leader', input: '批准延期 138 同意', pre: askExtension, reply: `${L(138)}：已批准延期申请。` },
    { n: 139, steps: 3, who: 'leader', input: '批准延期 139', reply: '这件提案没有待审批的延期申请。' },
    { n: 140, steps: 3, who: 'handler', input: '批准延期 140', pre: askExtension, reply: '您没有这项操作的权限：只有政策法规处提案协调人员或局领导可以办理。' },
  ],
  驳回延期: [
    { n: 141, steps: 3, who: 'coordinator', input: '驳回延期 141 请按期办理', pre: askExtension, reply: `${L(141)}：已驳回延期申请。` },
    { n: 142, steps: 3, who: 'coordinator', input: '驳回延期 142', pre: askExtension, reply: `请回复驳回理由，例如：请按期办理${HINT}` },
    { n: 143, steps: 3, who: 'coordinator', input: '驳回延期 143 不行', reply: '这件提案没有待审批的延期申请。' },
  ],
  督办: [
    { n: 144, steps: 10, who: 'handler', input: '督办 144 办法已印发 办结', reply: `${L(144)}：已登记“出台扶持办法”的落实情况，该项已办结。` },
    {
      n: 145,
      steps: 10,
      who: 'handler',
      input: '督办 145 第3项 已启动',
      reply:
        '没有第3项措施：请写第1到第1项。\n正确写法：督办 <提案号> [第<n>项] <落实情况> [完成<数量>] [目标<数量>] [办结]\n例如：督办 12 第1项 已建成15个 完成15个',
    },
    { n: 146, steps: 10, who: 'handler', input: '督办 146', reply: `请回复落实情况，例如：第1项 办法已印发 办结${HINT}` },
  ],
  反馈: [
    { n: 147, steps: 10, who: 'member', input: '反馈 147 满意，办理认真', reply: `${L(147)}：谢谢您的评价！` },
    { n: 148, steps: 10, who: 'member', input: '反馈 148 很好', reply: `请回复您的评价：满意、基本满意 或 不满意，也可附上意见，例如：满意 办理认真${HINT}` },
    {
      n: 149,
      steps: 10,
      who: 'member',
      input: '反馈 149 不满意',
      reply: `请简要说明不满意的原因，我们将重新办理，例如：措施不够具体${HINT}`,
      then: ['措施不落地', `${L(149)}：已收到您的意见。我们将重新办理，并尽快再次答复您。`],
    },
    { n: 150, steps: 12, who: 'member', input: '反馈 150 满意', reply: '您已经评价过本次答复，谢谢。' },
  ],
  确认: [
    { n: 151, steps: 5, who: 'member', input: '确认 151', reply: `${L(151)}：谢谢！已确认这次见面沟通。` },
    { n: 152, steps: 4, who: 'member', input: '确认 152', reply: '这件提案没有待您确认的见面沟通。' },
    { n: 153, steps: 5, who: 'otherMember', input: '确认 153', reply: '您的提案中没有第153号。发送“我的”查看您的提案，例如：查 12' },
  ],
  有异议: [
    { n: 154, steps: 5, who: 'member', input: '有异议 154 没有见过面', reply: `${L(154)}：已记录您的异议，政策法规处会核实。` },
    {
      n: 155,
      steps: 5,
      who: 'member',
      input: '有异议 155',
      reply: `请简要说明异议，例如：没有见过面${HINT}`,
      then: ['电话沟通而非见面', `${L(155)}：已记录您的异议，政策法规处会核实。`],
    },
    { n: 156, steps: 5, who: 'handler', input: '有异议 156 不对', reply: '您没有这项操作的权限：只有提案委员本人可以办理。' },
  ],
  归档: [
    { n: 157, steps: 13, who: 'coordinator', input: '归档 157', reply: `${L(157)}：已归档。当前环节：归档。` },
    { n: 158, steps: 12, who: 'coordinator', input: '归档 158', reply: '这件提案目前处于“督办”环节，不能归档。' },
    { n: 159, steps: 13, who: 'head', input: '归档 159', reply: '您没有这项操作的权限：只有政策法规处提案协调人员可以办理。' },
  ],
  阅批: [
    { n: 160, steps: 3, who: 'leader', input: '阅批 160 请抓紧落实', reply: `${L(160)}：已阅批。当前环节：调研。` },
    { n: 161, steps: 3, who: 'leader', input: '阅批 161', reply: `请回复批示内容，例如：请抓紧落实${HINT}` },
    { n: 162, steps: 3, who: 'handler', input: '阅批 162 好', reply: '您没有这项操作的权限：只有局领导可以办理。' },
  ],
  催办: [
    { n: 163, steps: 3, who: 'coordinator', input: '催办 163 请尽快与委员沟通', reply: `${L(163)}：已催办，并提醒了钱专员。` },
    { n: 164, steps: 3, who: 'handler', input: '催办 164', reply: '您没有这项操作的权限：只有政策法规处提案协调人员或局领导可以办理。' },
    { n: 165, steps: 14, who: 'coordinator', input: '催办 165', reply: '这件提案目前处于“归档”环节，不能催办。' },
  ],
  统计: [
    { n: 0, who: 'handler', input: '统计', reply: '“统计”只向政策法规处提案协调人员、局领导、承办处室负责人开放。发送“帮助”查看您可以使用的命令。' },
    {
      n: 0,
      who: 'coordinator',
      input: '统计 飞行处',
      reply: '没有找到处室“飞行处”，也不是“本周”或“本月”。\n正确写法：统计 [本周|本月|<处室>]\n例如：统计 本月',
    },
  ],
  公开: [
    {
      n: 170,
      steps: 10,
      who: 'coordinator',
      input: '公开 170',
      reply: `${L(170)}：已公开到办理结果公开页（答复摘要、答复类别和措施进展，不显示提案人姓名）。发送“取消公开 0170”可撤回。`,
    },
    {
      n: 171,
      steps: 3,
      who: 'coordinator',
      input: '公开 171 署名',
      reply: `${L(171)}：已公开到办理结果公开页（答复摘要、答复类别和措施进展，并署提案人姓名）。发送“取消公开 0171”可撤回。（答复发出后才会出现在公开页上。）`,
    },
    { n: 172, steps: 10, who: 'head', input: '公开 172', reply: '您没有这项操作的权限：只有政策法规处提案协调人员可以办理。' },
    {
      n: 173,
      steps: 10,
      who: 'coordinator',
      input: '公开 173 全部',
      reply: '看不懂“全部”：公开后面只能加“署名”（同时公开第一提案人姓名）。\n正确写法：公开 <提案号> [署名]\n例如：公开 12',
    },
  ],
  取消公开: [
    { n: 174, steps: 10, who: 'coordinator', input: '取消公开 174', reply: '这件提案没有公开，无需取消。' },
    {
      n: 175,
      steps: 10,
      who: 'coordinator',
      input: '取消公开 175',
      pre: (h, n) => h.say('coordinator', `公开 ${n}`),
      reply: `${L(175)}：已取消公开，公开页不再显示。`,
    },
  ],
  逾期: [
    {
      n: 0,
      who: 'member',
      input: '逾期',
      reply: '“逾期”由政策法规处提案协调人员、局领导、承办处室负责人、承办人使用，委员无需操作。您可以发送“我的”查看您的提案进展，或发送“帮助”查看可用命令。',
    },
  ],
  取消: [{ n: 0, who: 'coordinator', input: '取消', reply: '当前没有进行中的操作。' }],
  陌生人: [{ n: 0, who: 'stranger', input: '查 12', reply: '您好！您还没有在提案通的通讯录中登记，暂时无法使用。请联系政策法规处为您开通。' }],
};

describe.each(Object.entries(CASES))('%s', (_word, cases) => {
  it.each(cases.map((c) => [c.input, c] as const))('%s', async (_input, c) => {
    if (c.n) await h.proposal(c.n, c.steps ?? 0);
    await c.pre?.(h, c.n);
    expect(await h.say(c.who, c.input)).toBe(c.reply);
    if (c.then) expect(await h.say(c.who, c.then[0])).toBe(c.then[1]);
  });
});
