/**
 * Every word of the public results page (公开办理结果) and of setting a case public, in one place
 * (the refusal to unpublish a case that is not public is the workflow's, in refusals.texts.ts).
 */
export const publicationTexts = {
  page: {
    title: '提案办理结果公开',
    intro: (bureau: string) => `以下是${bureau}经同意公开的提案答复摘要和落实措施进展，仅供查阅。`,
    none: '目前没有公开的办理结果。',
    number: (session: string, number: string) => `${session} 第${number}号`,
    proposer: '提案人',
    division: '承办处室',
    outcome: '答复类别',
    summary: '答复摘要',
    measures: '落实措施',
    repliedOn: (date: string) => `${date}答复`,
    measureDone: '已落实',
    measureOpen: '落实中',
  },
  /** The chat's 公开 / 取消公开 replies. */
  chat: {
    published: (label: string, number: string, named: boolean) =>
      `${label}：已公开到办理结果公开页（答复摘要、答复类别和措施进展${named ? '，并署提案人姓名' : '，不显示提案人姓名'}）。发送“取消公开 ${number}”可撤回。`,
    notAnswered: '（答复发出后才会出现在公开页上。）',
    unpublished: (label: string) => `${label}：已取消公开，公开页不再显示。`,
  },
  /** The web console's 公开 section on the proposal page. */
  section: {
    title: '办理结果公开',
    isPublic: (named: boolean) => `已公开${named ? '（署提案人姓名）' : '（不显示提案人姓名）'}。`,
    isPrivate: '未公开（默认）。公开后，答复发出即在公开页显示答复摘要、答复类别和措施进展，不显示委员的沟通记录、评价等其他信息。',
    named: '同时公开第一提案人姓名',
    publish: '公开',
    unpublish: '取消公开',
    link: '查看公开页',
  },
} as const;
