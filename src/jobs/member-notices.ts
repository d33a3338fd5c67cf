/**
 * What a member hears about their proposal, read off one audit event: assigned (交办),
 * replied (答复, followed by a card asking them to rate it) and archived (归档). Pure, so the
 * scanning job decides nothing but which events are new.
 *
 * Rating buttons carry the conversation layer's card keys (`<action>|<proposalId>|<version>`, see
 * conversation/cards.ts): 满意 and 基本满意 record the rating at once, 不满意 asks for the reason first.
 */
import type { OutboundBody } from '../channels/contract.js';
import type { AuditEvent, Division, Proposal, Satisfaction } from '../domain/model.js';
import { noticeTexts as t } from './jobs.texts.js';

export interface MemberNotice {
  /** Outbox key: unique per proposal, event and message. */
  key: string;
  userid: string;
  body: OutboundBody;
  purpose: 'member-notice' | 'feedback-request';
}

const RATINGS: Satisfaction[] = ['satisfied', 'basic', 'dissatisfied'];

/**
 * The key a rating button carries. `version` is the proposal's version when the card is sent: a
 * click after a later change is refused by the ledger and the member is shown the current card.
 */
export const feedbackButtonKey = (proposalId: string, version: number, rating: Satisfaction): string => [rating, proposalId, version].join('|');

/** Notices for the event at `index` of `p.events`; none for events members need not hear about. */
export function noticesForEvent(
  p: Pick<Proposal, 'id' | 'number' | 'title' | 'proposers' | 'handlingType' | 'events' | 'version'>,
  index: number,
  divisions: ReadonlyMap<string, Division>,
): MemberNotice[] {
  const e: AuditEvent | undefined = p.events[index];
  if (!e) return [];
  const members = [...new Set(p.proposers.map((x) => x.userid).filter((u): u is string => Boolean(u)))];
  const nameOf = (code: string) => divisions.get(code)?.name ?? code;
  const after = (field: string): unknown => e.changes.find((c) => c.field === field)?.after;
  const base = `notice:${p.id}:${index}`;
  const text = (s: string): OutboundBody => ({ type: 'text', text: s });

  let body: OutboundBody | undefined;
  let card: OutboundBody | undefined;
  switch (e.action) {
    case 'assign':
    case 'reassign': {
      const lead = after('leadDivision');
      if (typeof lead !== 'string') return [];
      const helpers = (after('assistingDivisions') as unknown[] | undefined)?.filter((x): x is string => typeof x === 'string') ?? [];
      body = text(t.assigned(p.number, p.title, nameOf(lead), helpers.map(nameOf)));
      break;
    }
    case 'sendReply': {
      const reply = after('reply') as { docNo?: string; outcome?: 'A' | 'B' | 'C'; sentAt?: Date } | undefined;
      body = text(t.replied(p.number, p.title, reply?.docNo, reply?.outcome));
      if (p.handlingType === 'lead') {
        card = {
          type: 'card',
          card: {
            taskId: `feedback-${p.id}-${index}`,
            title: t.rateTitle,
            description: t.rateDescription(p.number, p.title, reply?.sentAt ? new Date(reply.sentAt) : e.at),
            buttons: RATINGS.map((r, i) => ({ text: t.rateButton(r), key: feedbackButtonKey(p.id, p.version, r), style: (i === 0 ? 1 : 2) as 1 | 2 })),
          },
        };
      }
      break;
    }
    case 'archive':
      body = text(t.archived(p.number, p.title));
      break;
    default:
      return [];
  }
  const out: MemberNotice[] = [];
  for (const userid of members) {
    out.push({ key: `${base}:${userid}`, userid, body, purpose: 'member-notice' });
    if (card) out.push({ key: `${base}:${userid}:rate`, userid, body: card, purpose: 'feedback-request' });
  }
  return out;
}
