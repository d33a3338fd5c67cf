/** Words of 更正台账 as people read a correction: the fields, their values and the trail's lines. */
import type { CorrectableField } from '../domain/correction.js';

export const correctionLabels = {
  fields: {
    title: '案由',
    summary: '内容摘要',
    proposers: '提案人',
    coSigners: '联名提案人',
    sector: '界别',
    filedAt: '立案日期',
    handlingType: '办理类型',
    externalLeadUnit: '主办单位',
    externalCoUnits: '外单位协办',
    isKey: '重点提案',
  } satisfies Record<CorrectableField, string>,
  handlingType: { lead: '主办', co: '协办' },
  yes: '是',
  no: '否',
  empty: '（空）',
  line: (field: string, before: string, after: string) => `${field}：${before} → ${after}`,
};

/** Refusals of 更正台账 (domain/correction.ts decides them). */
export const correctionRefusals = {
  correctionUnchanged: '更正内容与台账相同，没有需要修改的地方。',
  correctionNeedsReason: '请填写更正理由，例如：与提案原件核对，案由录入有误。',
  correctionNeedsTitle: '案由不能为空。',
  correctionNeedsProposer: '请至少填写一位提案人。',
  typeAfterAssign: '提案已经交办，不能再更改办理类型（主办/协办的办理流程不同）。如确需更改，请先撤销交办。',
  coNeedsLeadUnit: '协办提案须填写主办单位（牵头的外单位），例如 省民政厅。',
};
