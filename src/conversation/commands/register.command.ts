/**
 * 登记: a coordinator registers one proposal step by step (届次, 提案号, 案由, 提案人,
 * 主办/协办, 是否重点). Each answer is checked; a bad one repeats the question with what was wrong.
 */
import { z } from 'zod';
import { authorize } from '../../domain/permissions.js';
import type { NewProposal } from '../../domain/ports.js';
import { texts, WORDS } from '../conversation.texts.js';
import { say, typed, type Turn } from '../context.js';
import type { Pending, RegisterAnswers } from '../dialog.store.js';
import { readNumberRef, splitList } from '../parse/text.js';
import { labelOf } from '../present.js';
import type { ChatCommand } from '../router.js';
import { similarText } from './merge.command.js';
import { commandRef } from '../../present/kind.texts.js';

type RegisterPending = Extract<Pending, { type: 'register' }>;

const r = texts.register;
const NUM = '[一二三四五六七八九十\\d]+';
/** Proposal numbers are stored as lists write them: four digits (0102). */
const NUMBER_WIDTH = 4;

/** 协办 <主办单位>, the label of the unit optional. */
const CO_ANSWER = new RegExp(`^(?:${WORDS.assisting.join('|')})\\s*(?:(?:${WORDS.leadUnit.join('|')})\\s*:?\\s*)?(\\S.*)$`, 'u');

/** One parser per step: the answer (normalised, and as typed) → the fields it fills, or the problem to show. */
const STEPS: ((answer: string, asTyped: string) => Partial<RegisterAnswers> | string)[] = [
  (a) => {
    const ok = z
      .string()
      .regex(new RegExp(`^${NUM}届${NUM}次$`, 'u'))
      .safeParse(a.replace(/会议$/u, ''));
    return ok.success ? { session: ok.data } : r.badSession;
  },
  (a) => {
    const n = readNumberRef(a);
    return n && !n.rest ? { number: n.number.padStart(NUMBER_WIDTH, '0'), ...(n.kind && { kind: n.kind }) } : r.badNumber;
  },
  (a, asTyped) => (z.string().min(1).max(100).safeParse(a).success ? { title: asTyped } : r.badTitle),
  (a) => {
    const names = splitList(a);
    return names.length ? { proposers: names } : r.badProposers;
  },
  (a) => {
    if ((WORDS.lead as readonly string[]).includes(a)) return { handlingType: 'lead' };
    const co = CO_ANSWER.exec(a);
    return co ? { handlingType: 'co', externalLeadUnit: co[1]!.trim() } : r.badHandling;
  },
];

async function ask(t: Turn, pending: RegisterPending, lead = ''): Promise<void> {
  await t.deps.dialogs.setPending(t.dialogKey, t.person.userid, pending);
  await say(t, `${lead}${r.steps[pending.step]}`);
}

async function register(t: Turn, a: RegisterAnswers, isKey: boolean): Promise<void> {
  const { ledger, directory, clock } = t.deps.core;
  const [first, ...coSigners] = a.proposers!;
  const members = (await directory.findPeopleByName(first!)).filter((x) => x.active && x.roles.includes('member'));
  const member = members.length === 1 ? members[0] : undefined;
  const input: NewProposal = {
    ...(a.kind && { kind: a.kind }),
    session: a.session!,
    number: a.number!,
    title: a.title!,
    summary: a.title!,
    proposers: [{ name: first!, ...(member ? { userid: member.userid } : {}) }],
    coSigners,
    sector: member?.sector,
    receivedAt: clock.now(),
    handlingType: a.handlingType!,
    externalLeadUnit: a.externalLeadUnit,
    externalCoUnits: [],
    isKey,
    assistingDivisions: [],
  };
  const result = await ledger.registerMany([input], t.actor, t.message.channel);
  const label = labelOf(input);
  const created = result.created[0];
  if (!created) return say(t, r.exists(label, input.session));
  const similar = similarText(await t.deps.core.similar.similarTo(created), input.number);
  await say(t, [r.done(label, input.session, commandRef(created.kind, input.number)), similar].filter(Boolean).join('\n\n'));
}

/** The next answer of a register dialog. */
export async function continueRegister(t: Turn, pending: RegisterPending, answer: string): Promise<void> {
  if (pending.step === STEPS.length) {
    const isKey = Object.hasOwn(WORDS.isKey, answer) ? WORDS.isKey[answer as keyof typeof WORDS.isKey] : undefined;
    if (isKey === undefined) return ask(t, pending, `${r.badKey}\n`);
    await t.deps.dialogs.clearPending(t.dialogKey);
    return register(t, pending.answers, isKey);
  }
  const parsed = STEPS[pending.step]!(answer, typed(t, answer));
  if (typeof parsed === 'string') return ask(t, pending, `${parsed}\n`);
  return ask(t, { type: 'register', step: pending.step + 1, answers: { ...pending.answers, ...parsed } });
}

export const registerCommands: ChatCommand[] = [
  {
    id: 'register',
    needsProposal: false,
    async run(t) {
      authorize('register', t.actor);
      await ask(t, { type: 'register', step: 0, answers: {} }, `${r.start}\n`);
    },
  },
];
