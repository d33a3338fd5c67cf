/** Refusals of 更正台账 (see correction.ts; what the trail and the import page show: present/correction.texts.ts). */
export const correctionTexts = {
  nothingChanged: '更正内容与台账相同，没有需要修改的地方。',
  needReason: '请填写更正理由，例如：与提案原件核对，案由录入有误。',
  needTitle: '案由不能为空。',
  needProposer: '请至少填写一位提案人。',
  typeAfterAssign: '提案已经交办，不能再更改办理类型（主办/协办的办理流程不同）。如确需更改，请先撤销交办。',
  coNeedsLeadUnit: '协办提案须填写主办单位（牵头的外单位），例如 省民政厅。',
};
