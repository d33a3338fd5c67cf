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
