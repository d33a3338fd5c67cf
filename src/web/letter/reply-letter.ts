/**
 * 答复函: the formal reply to the member as a Word file, built from the proposal's reply fields and
 * the template in config/reply-letter.yaml (红头, 发文号, 答复类别, measures). The body is the
 * reply's 正文 when written, else its summary, paragraphs as typed; the 联系人 is the proposal's handler (专人), the template's contact
 * only when none is designated. Until a leader signs it off it is marked as a draft (征求意见稿).
 * This file holds what the letter says; reply-letter.docx.ts lays it out as Word.
 */
import { OUTCOME_LABELS } from '../../present/ledger.texts.js';
import { measureWithTarget } from '../../present/measures.js';
import type { Proposal, Reply } from '../../domain/model.js';
import { replyParagraphs } from '../../domain/workflow.js';
import { formatDateZh } from '../../present/dates.js';
import type { ReplyLetterConfig } from './reply-letter.config.js';

const fill = (template: string, values: Record<string, string>): string => template.replace(/\{(\w+)\}/g, (m, k: string) => values[k] ?? m);

/** Where the letter stands: a draft for sign-off, signed off and waiting for 发文, or issued. */
export type LetterState = 'draft' | 'signed' | 'issued';

export const letterState = (reply: Pick<Reply, 'signedOffAt' | 'sentAt'>): LetterState => (reply.sentAt ? 'issued' : reply.signedOffAt ? 'signed' : 'draft');

export interface LetterInput {
  proposal: Proposal;
  config: ReplyLetterConfig;
  /** Date printed under the signature when the reply is not signed off yet. */
  today: Date;
  /** The handler (专人) the member may call; the template's contact when none. */
  contact?: { name: string; phone?: string };
}

/** The letter's paragraphs as plain text, in order: what the DOCX shows (also used by tests). */
export function letterLines({ proposal: p, config, today, contact }: LetterInput): { head: string[]; body: string[]; foot: string[] } {
  const c = { ...config, ...config.kinds[p.kind] };
  const reply = p.reply;
  if (!reply) throw new Error('proposal has no reply draft');
  const values = { session: p.session, number: p.number, title: p.title, proposer: p.proposers[0]?.name ?? '', bureau: c.senderUnit };
  const draft = letterState(reply) === 'draft';
  const who = contact ? { name: contact.name, phone: contact.phone ?? c.contact.phone } : c.contact;
  return {
    head: [...(draft ? [c.draftMark] : []), c.letterhead, reply.docNo ?? '〔待编号〕', `答复类别：${OUTCOME_LABELS[reply.outcome]}`, fill(c.title, values)],
    body: [
      fill(c.salutation, values),
      fill(c.opening, values),
      // The 正文 when written, else the summary; each paragraph as typed.
      ...replyParagraphs(reply.body ?? reply.summary),
      ...(p.measures.length ? [c.measuresIntro, ...p.measures.map((m, i) => `${i + 1}. ${measureWithTarget(m)}`)] : []),
      c.closing,
    ],
    foot: [c.senderUnit, formatDateZh(reply.signedOffAt ?? today), `（联系人：${who.name}，联系电话：${who.phone}）`, ...(c.cc ? [c.cc] : [])],
  };
}
