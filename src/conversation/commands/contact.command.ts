/**
 * 沟通 (log a contact), the member's 确认 / 有异议, and photos sent right after a contact as its
 * evidence. A face-to-face contact asks the member to confirm it, so 见面沟通率 can count
 * confirmed contacts only.
 */
import type { ContactMethod, ContactPhase, Proposal } from '../../domain/model.js';
import { METHOD_LABELS, PHASE_LABELS } from '../../present/ledger.texts.js';
import { unconfirmedContact } from '../cards.js';
import { METHOD_PHRASES, texts, WORDS } from '../conversation.texts.js';
import { needMore, perform, say, settled, typed, type CommandResult, type ConvContext, type Turn } from '../context.js';
import { memberTexts } from '../member.texts.js';
import { methodIn } from '../parse/intent.js';
import { labelOf } from '../present.js';
import type { ChatCommand } from '../router.js';
import { joinText, type StepDefs } from '../steps.js';

export interface ContactInput {
  phase?: ContactPhase;
  method?: ContactMethod;
  faceToFace?: boolean;
  summary: string;
  memberViews?: string;
}

const lookup = <T>(table: Record<string, T>, word: string): T | undefined => (Object.hasOwn(table, word) ? table[word] : undefined);

/** An everyday way of saying the method, as a whole word (打电话, 面对面). */
const methodPhrase = (token: string): ContactMethod | undefined => {
  const hit = METHOD_PHRASES.find(([, phrases]) => phrases.includes(token));
  return hit && lookup<ContactMethod>(WORDS.method, hit[0]);
};

/**
 * Reads phase, method and the 见面 flag wherever they stand, so a guided answer can be appended.
 * The method may be said in everyday words (打电话, 见面), or only inside the summary (去委员家里听取意见).
 */
export function parseContact(args: string): ContactInput {
  const out: ContactInput = { summary: '' };
  let s = args;
  const views = new RegExp(`(?:^|\\s)(?:${WORDS.memberViews.join('|')})\\s*:\\s*(.+)$`, 'u').exec(s);
  if (views) {
    out.memberViews = views[1]!.trim();
    s = s.slice(0, views.index);
  }
  const rest: string[] = [];
  for (const token of s.split(' ').filter(Boolean)) {
    const phase = lookup<ContactPhase>(WORDS.phase, token);
    const method = lookup<ContactMethod>(WORDS.method, token) ?? methodPhrase(token);
    const f2f = lookup<boolean>(WORDS.faceToFace, token);
    if (phase && !out.phase) out.phase = phase;
    else if (method && !out.method) out.method = method;
    else if (f2f !== undefined && out.faceToFace === undefined) out.faceToFace = f2f;
    else rest.push(token);
  }
  out.summary = rest.join(' ');
  if (!out.method && out.faceToFace) out.method = 'inPerson';
  const said = out.method ? undefined : methodIn(out.summary);
  if (said) out.method = lookup<ContactMethod>(WORDS.method, said.word);
  return out;
}

/** The phase a contact logged now belongs to, from where the proposal stands. */
export function phaseNow(p: Proposal): ContactPhase {
  if (p.reply?.sentAt) return 'after';
  return p.contacts.some((c) => c.phase === 'before') ? 'during' : 'before';
}

/** The args with the phase word added when the person left it out. */
function withPhase(p: Proposal, args: string): string {
  if (parseContact(args).phase) return args;
  const word = Object.entries(WORDS.phase).find(([, phase]) => phase === phaseNow(p))![0];
  return `${word} ${args}`.trim();
}

/** What an answer adds to a contact being logged: parts not said yet, and more of the summary. */
function addTo(t: Turn, c: ContactInput, answer: string): ContactInput {
  const a = parseContact(answer);
  return {
    phase: c.phase ?? a.phase,
    method: c.method ?? a.method,
    faceToFace: c.faceToFace ?? a.faceToFace,
    summary: joinText(c.summary, typed(t, a.summary)),
    memberViews: c.memberViews ?? (a.memberViews && typed(t, a.memberViews)),
  };
}

/** The contact as kept in a step: its free text as typed. */
const asTypedContact = (t: Turn, c: ContactInput): ContactInput => ({
  ...c,
  summary: typed(t, c.summary),
  ...(c.memberViews !== undefined && { memberViews: typed(t, c.memberViews) }),
});

async function logContact(t: Turn, p: Proposal, c: ContactInput): Promise<CommandResult> {
  if (!c.method) return needMore({ step: 'contact.method', contact: asTypedContact(t, c) });
  if (!c.summary) return needMore({ step: 'contact.summary', contact: asTypedContact(t, c) });
  const next = await perform(t, p, {
    type: 'logContact',
    // Left out, the phase follows from the stage (before the reply: 办前, then 办中; after it: 办后).
    phase: c.phase ?? phaseNow(p),
    method: c.method,
    faceToFace: c.faceToFace,
    summary: c.summary,
    memberViews: c.memberViews,
  });
  const contact = next.contacts.at(-1)!;
  const { dialogs, options } = t.deps;
  await dialogs.openPhotoWindow(t.person.userid, { proposalId: next.id, contactId: contact.id });
  // The member's confirmation card follows from the audit event (domain/notices.ts).
  const asked = contact.faceToFace && next.proposers.some((x) => x.userid);
  const lines = [texts.contactLogged(labelOf(next), PHASE_LABELS[contact.phase], METHOD_LABELS[contact.method], contact.faceToFace)];
  if (asked) lines.push(texts.confirmationAsked);
  lines.push(texts.photoHint(options.photoWindowMinutes));
  await say(t, lines.join('\n'));
}

async function dispute(t: Turn, p: Proposal, note: string): Promise<CommandResult> {
  if (!note) return needMore({ step: 'dispute.note' });
  await confirmContact(t, p, false, note);
}

/** The member confirms (agree) or disputes a face-to-face contact; the oldest open one unless named. */
export async function confirmContact(t: Turn, p: Proposal, agree: boolean, note?: string, contactId?: string): Promise<Proposal | undefined> {
  const id = contactId ?? unconfirmedContact(p)?.id;
  if (!id) {
    await say(t, memberTexts.noUnconfirmed);
    return undefined;
  }
  const next = await perform(t, p, { type: 'confirmContact', contactId: id, agree, note });
  await say(t, agree ? memberTexts.confirmed(labelOf(next)) : memberTexts.disputed(labelOf(next)));
  return next;
}

const contentTypeOf = (b: Buffer): string =>
  b[0] === 0xff && b[1] === 0xd8 ? 'image/jpeg' : b[0] === 0x89 && b[1] === 0x50 ? 'image/png' : 'application/octet-stream';

/** A photo sent within the photo window after logging a contact is kept as that contact's evidence. */
export async function handlePhoto(t: Turn & ConvContext): Promise<void> {
  if (t.message.kind !== 'image') return;
  const { dialogs, evidence, options, core } = t.deps;
  const window = await dialogs.getPhotoWindow(t.person.userid);
  if (!window) return say(t, texts.photoNoContact(options.photoWindowMinutes));
  const data = await t.message.fetch();
  if (data.length > options.maxPhotoBytes) return say(t, texts.photoTooLarge(Math.round(options.maxPhotoBytes / 1024 / 1024)));
  const p = await core.ledger.get(window.proposalId, t.actor);
  const fileId = await evidence.save({
    data,
    contentType: contentTypeOf(data),
    metadata: { proposalId: p.id, contactId: window.contactId, uploadedBy: t.person.userid, channel: t.message.channel },
  });
  const next = await perform(t, p, { type: 'attachEvidence', contactId: window.contactId, fileId });
  const count = next.contacts.find((c) => c.id === window.contactId)?.evidence.length ?? 1;
  return say(t, texts.photoSaved(labelOf(next), count));
}

export const contactCommands: ChatCommand[] = [
  { id: 'contact', needsProposal: true, complete: withPhase, run: (t, args, p) => logContact(t, p!, parseContact(args)) },
  {
    id: 'confirmContact',
    needsProposal: true,
    async run(t, args, p) {
      await confirmContact(t, p!, true, args || undefined);
    },
  },
  {
    id: 'dispute',
    needsProposal: true,
    run: (t, args, p) => dispute(t, p!, args),
  },
];

/** Answers to the steps of a contact: phase, method and summary read wherever they stand. */
const continueContact = (t: Turn, p: Proposal, s: { contact: ContactInput }, answer: string) => logContact(settled(t), p, addTo(t, s.contact, answer));

export const contactSteps: StepDefs<'contact.all' | 'contact.method' | 'contact.summary' | 'dispute.note'> = {
  'contact.all': { actions: ['logContact'], ask: () => texts.ask.contact, answer: continueContact },
  'contact.method': { actions: ['logContact'], ask: () => texts.ask.contactMethod, answer: continueContact },
  'contact.summary': { actions: ['logContact'], ask: () => texts.ask.contactSummary, answer: continueContact },
  'dispute.note': {
    actions: ['confirmContact'],
    ask: () => memberTexts.askDispute,
    answer: (t, p, _s, answer) => dispute(settled(t), p, typed(t, answer)),
  },
};
