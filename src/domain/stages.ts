/**
 * The two handling paths as data. 主办 (lead) proposals walk the full ledger path from the source;
 * 协办 (co-handled) ones end by sending the co-handling opinion (协办意见) to the external lead unit.
 */
import type { HandlingType, Stage } from './model.js';

export const LEAD_PATH: readonly Stage[] = [
  'registered',
  'assigned',
  'researching',
  'communicating',
  'reviewing',
  'signing',
  'replying',
  'supervising',
  'feedback',
  'archived',
];

export const CO_PATH: readonly Stage[] = ['registered', 'assigned', 'researching', 'communicating', 'opinionSent', 'feedback', 'archived'];

export const pathFor = (type: HandlingType): readonly Stage[] => (type === 'lead' ? LEAD_PATH : CO_PATH);

/** Position of a stage in its path, for ordering and "has it passed X" questions. */
export function stageIndex(type: HandlingType, stage: Stage): number {
  return pathFor(type).indexOf(stage);
}

export function nextStageOf(type: HandlingType, stage: Stage): Stage | undefined {
  const path = pathFor(type);
  return path[path.indexOf(stage) + 1];
}

/** Stages in which the division is actively handling (contacts may be logged, extensions asked). */
export function isHandling(stage: Stage): boolean {
  return stage !== 'registered' && stage !== 'assigned' && stage !== 'archived';
}
