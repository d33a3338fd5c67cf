/**
 * Guided steps as data: each step survives the dialog store (JSON and back through its schema),
 * asks its question, reads the answer and either performs the ledger command or waits in the
 * next step. The ledger is the domain's own `decide` over an in-memory proposal.
 */
import { describe, expect, it } from 'vitest';
import type { OutboundBody } from '../../src/shared/outbound.js';
import type { Command } from '../../src/domain/commands.js';
import type { Proposal } from '../../src/domain/model.js';
import { decide } from '../../src/domain/workflow.js';
import { DEFAULT_OPTIONS, actorOf, type CommandResult, type Turn } from '../../src/conversation/context.js';
import { normalizeSource } from '../../src/conversation/parse/source.js';
import { STEPS } from '../../src/conversation/step-table.js';
import { stepDef, stepSchema, type Step } from '../../src/conversation/steps.js';
import { LEAD_HAPPY_PATH, actor, ctxAt, people, registered } from '../fixtures/ledger.fixture.js';

const NOW = new Date('2026-09-28T02:00:00Z');
type Who = keyof typeof people;

/** The lead proposal after the first `n` steps of the happy path. */
function after(n: number): Proposal {
  let p = registered();
  for (const [who, cmd] of LEAD_HAPPY_PATH.slice(0, n)) {
    const resolved = cmd.type === 'superviseMeasure' ? { ...cmd, measureId: p.measures[0]!.id } : cmd;
    p = decide(p, resolved, actor(people[who]), ctxAt(NOW)).next;
  }
  return p;
}

/** Answers `step` on `p` as `who` with `text`, as the person would type it. */
async function answer(who: Who, p: Proposal, step: Step, text: string) {
  const performed: Command[] = [];
  const said: string[] = [];
  const source = normalizeSource(text);
  let current = p;
  const person = people[who];
  const t = {
    message: { kind: 'text', channel: 'console', messageId: 'm1', chatId: 'c1', chatType: 'single', senderId: person.userid, text },
    deps: {
      core: {
        ledger: {
          perform: async (_ref: unknown, cmd: Command) => {
            performed.push(cmd);
            current = decide(current, cmd, actor(person), ctxAt(NOW)).next;
            return current;
          },
        },
      },
      dialogs: { openPhotoWindow: async () => undefined },
      options: DEFAULT_OPTIONS,
    },
    reply: async (b: OutboundBody) => void (b.type === 'text' && said.push(b.text)),
    text: source.text,
    source,
    person,
    actor: actorOf(person),
    dialogKey: 'k',
    performed: { n: 0 },
  } as unknown as Turn;
  const result: CommandResult = await stepDef(STEPS, step).answer(t, p, step, source.text);
  return { performed, said, next: result?.needMore };
}

/** Stored and read back as the dialog store does. */
const roundTrip = (s: Step): Step => stepSchema.parse(JSON.parse(JSON.stringify(s)));

describe('guided steps', () => {
  it('every step of the buttons and commands is stored and read back unchanged, and has its question', () => {
    const steps: Step[] = [
      { step: 'assign.lead', assisting: ['shbf'], note: '请尽快' },
      { step: 'reassign.reason', assisting: [], lead: '帮扶处' },
      { step: 'contact.method', contact: { phase: 'before', summary: '听取意见，很好！' } },
      { step: 'draft.outcome', draft: { summary: '采纳建议', measures: ['出台办法'], docNo: '乡振函〔2026〕1号' } },
      { step: 'supervise.measure', supervision: { note: '已印发', done: true, target: { amount: 20, unit: '个' } } },
      { step: 'extension.reason', days: 30 },
      { step: 'feedback.reason' },
    ];
    for (const s of steps) {
      expect(roundTrip(s)).toEqual(s);
      expect(stepDef(STEPS, s).ask(after(6), s as never)).not.toBe('');
    }
  });

  it('a step stored in a shape no longer read is refused by the schema (the store reads it as outdated)', () => {
    expect(stepSchema.safeParse({ step: 'assign.lead' }).success).toBe(false);
    expect(stepSchema.safeParse({ step: 'complete', verb: '交办', args: '' }).success).toBe(false);
  });

  it('改派 without a reason waits for it; the answer, its label dropped, completes the command', async () => {
    const p = after(3);
    const first = await answer('coordinator', p, { step: 'reassign.lead', assisting: [], reason: '' }, '主办:shbf');
    expect(first.performed).toEqual([]);
    expect(first.next).toEqual({ step: 'reassign.reason', assisting: [], lead: 'shbf' });
    const second = await answer('coordinator', p, roundTrip(first.next!), '理由：职责调整');
    expect(second.performed).toEqual([{ type: 'reassign', leadDivision: 'shbf', assisting: [], reason: '职责调整' }]);
  });

  it('沟通 without a method keeps what was said, as typed, and adds the method from the answer', async () => {
    const p = after(4);
    const step: Step = { step: 'contact.method', contact: { phase: 'before', summary: '听取意见，很好！' } };
    const r = await answer('handler', p, roundTrip(step), '打电话');
    expect(r.performed).toEqual([{ type: 'logContact', phase: 'before', method: 'phone', faceToFace: undefined, summary: '听取意见，很好！' }]);
    expect(r.said[0]).toContain('电话');
  });

  it('答复 asks for the class when it is missing and keeps the summary and measures already given', async () => {
    const p = after(6);
    const none = await answer('handler', p, { step: 'draft.all', draft: { summary: '', measures: [] } }, '采纳建议，列入计划 措施:1.出台扶持办法');
    expect(none.next).toEqual({ step: 'draft.outcome', draft: { summary: '采纳建议，列入计划', measures: ['出台扶持办法'] } });
    expect(stepDef(STEPS, none.next!).ask(p, none.next as never)).toContain('A、B 或 C');
    const done = await answer('handler', p, roundTrip(none.next!), 'B');
    expect(done.performed).toEqual([{ type: 'draftReply', outcome: 'B', summary: '采纳建议，列入计划', measures: ['出台扶持办法'], docNo: undefined }]);
  });

  it('延期 given a reason but no days asks for the number, then asks nothing more', async () => {
    const p = after(4);
    const step: Step = { step: 'extension.days', reason: '需跨部门调研' };
    expect(stepDef(STEPS, step).ask(p, step)).toContain('天数');
    const r = await answer('handler', p, step, '三十天');
    expect(r.next).toBeUndefined();
    expect(r.performed).toEqual([{ type: 'requestExtension', days: 30, reason: '需跨部门调研' }]);
  });

  it('不满意 from its button asks why and records the rating with the reason as typed', async () => {
    const p = after(11);
    const r = await answer('member', p, { step: 'feedback.reason' }, '措施不够具体！');
    expect(r.performed).toEqual([{ type: 'feedback', rating: 'dissatisfied', comment: '措施不够具体！' }]);
  });

  it('an empty answer asks the same question again instead of acting', async () => {
    const r = await answer('coordinator', after(2), { step: 'return.reason' }, '理由');
    expect(r.performed).toEqual([]);
    expect(r.next).toEqual({ step: 'return.reason' });
  });
});
