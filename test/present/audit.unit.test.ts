/** The audit trail's wording for each event kind, and what a disputed contact counts for. */
import { describe, expect, it } from 'vitest';
import { auditKind } from '../../src/domain/audit.js';
import { describeEvent } from '../../src/present/audit.js';
import type { Command } from '../../src/domain/commands.js';
import type { Proposal } from '../../src/domain/model.js';
import { decide } from '../../src/domain/workflow.js';
import { actor, ctxAt, divisions, people, registered } from '../fixtures/ledger.fixture.js';

type Who = keyof typeof people;
const NOW = new Date('2026-09-28T02:00:00Z');
const name = (code: string) => divisions.find((d) => d.code === code)?.name ?? code;

function walk(steps: [Who, Command][], from: Proposal = registered()): Proposal {
  let p = from;
  for (const [who, cmd] of steps) {
    const { next, event } = decide(p, cmd, actor(people[who]), ctxAt(NOW));
    p = { ...next, events: [...p.events, event] };
  }
  return p;
}
const last = (p: Proposal) => describeEvent(p.events.at(-1)!, name);

const TO_SIGNING: [Who, Command][] = [
  ['coordinator', { type: 'assign', leadDivision: 'kfzd', assisting: ['shbf'] }],
  ['head', { type: 'accept' }],
  ['head', { type: 'designate', handlerUserid: 'kf-staff' }],
  ['handler', { type: 'advance' }],
  ['handler', { type: 'logContact', phase: 'before', method: 'meeting', summary: '座谈' }],
  ['handler', { type: 'advance' }],
  ['handler', { type: 'draftReply', summary: '采纳', outcome: 'A', measures: ['办法'] }],
  ['handler', { type: 'advance' }],
];

describe('what the record says', () => {
  it('names each kind with its detail', () => {
    expect(last(walk(TO_SIGNING.slice(0, 1)))).toBe('交办 → 开发指导处（协办：社会帮扶处）');
    expect(last(walk([...TO_SIGNING.slice(0, 1), ['coordinator', { type: 'reassign', leadDivision: 'shbf', reason: '职能' }]]))).toBe(
      '改派：开发指导处 → 社会帮扶处',
    );
    expect(last(walk(TO_SIGNING.slice(0, 5)))).toBe('记录沟通：办前沟通·座谈（见面，待委员确认）');
    const signing = walk(TO_SIGNING);
    expect(last(walk([...TO_SIGNING, ['leader', { type: 'signOff', approve: false, note: '请修改' }]]))).toBe('签发退回');
    expect(last(walk([...TO_SIGNING, ['leader', { type: 'signOff', approve: true }]]))).toBe('签发');
    expect(auditKind(signing.events.at(-1)!)).toBe('advance');
  });

  it('tells approval from refusal of an extension, and a dispute from a confirmation', () => {
    const asked: [Who, Command][] = [...TO_SIGNING.slice(0, 4), ['handler', { type: 'requestExtension', days: 30, reason: '调研' }]];
    expect(last(walk(asked))).toBe('申请延期：30 天');
    expect(last(walk([...asked, ['leader', { type: 'decideExtension', approve: true }]]))).toBe('批准延期：30 天');
    expect(last(walk([...asked, ['leader', { type: 'decideExtension', approve: false, note: '不同意' }]]))).toBe('驳回延期：30 天');
    const met = walk(TO_SIGNING.slice(0, 5));
    const id = met.contacts[0]!.id;
    const disputed = walk([['member', { type: 'confirmContact', contactId: id, agree: false, note: '没参加' }]], met);
    expect(last(disputed)).toBe('对沟通有异议');
    expect(last(walk([['member', { type: 'confirmContact', contactId: id, agree: true }]], met))).toBe('确认沟通');
    // A disputed contact is not counted as met face to face (见面沟通率, the export's 见面沟通).
    expect(met.facts.faceToFace).toBe(true);
    expect(disputed.facts.faceToFace).toBe(false);
  });
});
