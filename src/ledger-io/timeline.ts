/**
 * A proposal's audit trail as lines people read:
 *   2026-03-20 10:00 何芳 通过企业微信 交办: 登记 → 交办 (请监测中心牵头)
 */
import { describeEvent } from '../present/audit.js';
import { STAGE_LABELS } from '../present/ledger.texts.js';
import type { AuditEvent, ChannelName } from '../domain/model.js';
import { texts } from './ledger-io.texts.js';

/** The channel a step came through, as the audit trail names it everywhere (CLI, web). */
export const CHANNEL_LABELS: Record<ChannelName, string> = {
  'wecom-app': '企业微信',
  'wecom-bot': '企业微信智能机器人',
  console: '控制台',
  web: '网页控制台',
  'web-sim': '网页模拟对话',
  cli: '命令行',
  job: '定时任务',
  system: '系统',
};

/** The trail in lines; `divisionName` names the divisions an assignment names by code. */
export function formatTimeline(events: readonly AuditEvent[], divisionName?: (code: string) => string): string[] {
  return events.map((e) => {
    const move = e.fromStage && e.toStage && e.fromStage !== e.toStage ? `${STAGE_LABELS[e.fromStage]} → ${STAGE_LABELS[e.toStage]}` : '';
    return texts.timelineLine(e.at, e.actor.name, CHANNEL_LABELS[e.channel] ?? e.channel, describeEvent(e, divisionName), move, e.note);
  });
}
