/** Words of the audit trail's kinds and details (see audit.ts). */
export const auditTexts = {
  /** Kinds that are not a command of their own; the others use the command's label. */
  kinds: {
    signOffBack: '签发退回',
    approveExtension: '批准延期',
    refuseExtension: '驳回延期',
    disputeContact: '对沟通有异议',
  },
  withDetail: (label: string, detail: string) => `${label}：${detail}`,
  fromTo: (from: string, to: string, co: string[]) => `${from} → ${to}${co.length ? `（协办：${co.join('、')}）` : ''}`,
  /** 交办 → 开发指导处（协办：社会帮扶处）: where the case went, as the issue's reader expects. */
  to: (label: string, lead: string, co: string[]) => `${label} → ${lead}${co.length ? `（协办：${co.join('、')}）` : ''}`,
  contact: (phase: string, method: string, faceToFace: boolean, confirmation: string) =>
    `${phase}·${method}${faceToFace ? `（见面，${confirmation === 'confirmed' ? '委员已确认' : confirmation === 'disputed' ? '委员有异议' : '待委员确认'}）` : ''}`,
  days: (n: number) => `${n} 天`,
};
