/**
 * Notices to people other than the sender (the division head on 交办, the handler on 指定,
 * the member asked to confirm a contact…), through the outbox so they survive a restart and
 * are sent once. Without an outbox (e.g. a bare console) they are skipped.
 */
import type { OutboundBody } from '../channels/contract.js';
import type { Proposal } from '../domain/model.js';
import { proposalCard } from './cards.js';
import { actorOf, type Turn } from './context.js';

/**
 * Queues `body` for `userid`; keyed by the message that caused it, so a message handled again
 * after a crash notifies once. Returns whether it was queued.
 */
export async function notifyUser(t: Turn, userid: string | undefined, p: Proposal, purpose: string, body: OutboundBody): Promise<boolean> {
  const outbox = t.deps.outbox;
  if (!outbox || !userid || userid === t.person.userid) return false;
  const key = `${purpose}:${p.id}:${t.message.channel}:${t.message.messageId}:${userid}`;
  await outbox.enqueue({ key, to: { kind: 'user', userid }, body, purpose });
  return true;
}

/** Sends `userid` the proposal's card as they would see it, with `description` on top. */
export async function notifyWithCard(t: Turn, userid: string | undefined, p: Proposal, purpose: string, description: string): Promise<boolean> {
  if (!t.deps.outbox || !userid || userid === t.person.userid) return false;
  const person = await t.deps.core.directory.findPerson(userid);
  if (!person?.active) return false;
  const card = await proposalCard(t, p, actorOf(person), description);
  return notifyUser(t, userid, p, purpose, { type: 'card', card });
}
