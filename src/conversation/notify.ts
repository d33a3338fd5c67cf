/**
 * Puts the domain's notices (domain/notices.ts decides who is told what) into the outbox as
 * messages: staff get the proposal's card as they would see it, with the notice on top and the
 * buttons they may press; members get plain text, a rating card or a contact confirmation card.
 * Used by the ledger service right after a change (staff notices) and by the notices job
 * (anything missed, and members' notices re-checked at the time they go out).
 */
import type { CoreServices } from '../domain/services.js';
import type { ButtonCard, OutboundBody, Recipient } from '../shared/outbound.js';
import { METHOD_LABELS } from '../present/ledger.texts.js';
import type { Proposal, Satisfaction } from '../domain/model.js';
import { MEMBER_AUDIENCES, memberNoticesNow, noticeHolds, noticesFor, type Notice, type NoticeDirectory } from '../domain/notices.js';
import type { DirectoryRepository } from '../domain/ports.js';
import { formatDateZh } from '../present/dates.js';
import { decodeButton, encodeButton } from './button.codec.js';
import { confirmButtons, newTaskId, proposalCard } from './cards.js';
import { actorOf, DEFAULT_OPTIONS, type Turn } from './context.js';
import type { EnqueueInput } from '../outbox/outbox.js';
import type { DialogRows } from '../domain/dialog.port.js';
import { createDialogStore, type DialogStore } from './dialog.store.js';
import { memberTexts } from './member.texts.js';
import { noticeText } from '../present/notices.js';
import { noticeTexts, noticeTextsFor } from '../present/notices.texts.js';

const RATINGS: Satisfaction[] = ['satisfied', 'basic', 'dissatisfied'];

/**
 * The key a rating button carries: 满意 and 基本满意 act at once, 不满意 asks why. A click after
 * a later change is refused by the ledger and the member is shown the current card.
 */
const feedbackButtonKey = (proposalId: string, version: number, rating: Satisfaction): string =>
  encodeButton(
    rating === 'dissatisfied' ? { kind: 'guided', action: 'dissatisfied', proposalId, version } : { kind: 'direct', action: rating, proposalId, version },
  );

/** What the notice table needs from the directory, read once per publication. */
export async function loadNoticeDirectory(directory: DirectoryRepository, mainLeader?: string): Promise<NoticeDirectory> {
  const [divisions, people] = await Promise.all([directory.listDivisions(), directory.listPeople({ activeOnly: true })]);
  const names = new Map(people.map((p) => [p.userid, p.name]));
  return {
    divisions: new Map(divisions.map((d) => [d.code, d])),
    coordinators: people.filter((p) => p.roles.includes('coordinator')).map((p) => p.userid),
    mainLeader,
    memberIds: new Map(people.filter((p) => p.roles.includes('member')).map((p) => [p.name, p.userid])),
    nameOf: (userid) => names.get(userid) ?? userid,
  };
}

const directoryOf = (core: Pick<CoreServices, 'directory' | 'ledgerConfig'>) => loadNoticeDirectory(core.directory, core.ledgerConfig.signing?.mainLeader);

/**
 * Queues `body` for `userid`; keyed by the proposal version the change made, so a message handled
 * again after a crash (which finds its change, same version) notifies once. Returns whether it was queued.
 */
export async function notifyUser(t: Turn, userid: string | undefined, p: Proposal, purpose: string, body: OutboundBody): Promise<boolean> {
  const outbox = t.deps.outbox;
  if (!outbox || !userid || userid === t.person.userid) return false;
  const { created } = await outbox.enqueue({ key: `${purpose}:${p.id}:${p.version}:${userid}`, to: { kind: 'user', userid }, body, purpose });
  if (created && body.type === 'card') await t.deps.dialogs.markLatestCard(userid, body.card.taskId);
  return true;
}

export interface NoticePublisher {
  /**
   * Queues the notices of `p`'s latest event as it is stored: everyone's, or the staff's only
   * while members are not to be disturbed (quiet hours; the notices job tells them later).
   */
  publishNow(p: Proposal, options: { members: boolean }): Promise<Notice[]>;
  /** Queues the staff notices of event `index`; returns the notices queued. */
  publishStaff(p: Proposal, index: number, dir?: NoticeDirectory): Promise<Notice[]>;
  /** Queues the members' notices of events `indexes` as they hold now. */
  publishMembers(p: Proposal, indexes: number[], dir?: NoticeDirectory): Promise<Notice[]>;
  loadDirectory(): Promise<NoticeDirectory>;
}

/** What publishing notices reads: the directory and the signing leader, the clock, and the ledger to show a case's card. */
export type NoticeDeps = Pick<CoreServices, 'clock' | 'directory' | 'ledgerConfig' | 'ledger'>;

export function createNoticePublisher(deps: {
  core: () => NoticeDeps;
  enqueue: (m: EnqueueInput) => Promise<unknown>;
  /** Where each person's newest card is noted. */
  dialogs: DialogRows;
}): NoticePublisher {
  const env = {
    get deps() {
      return { core: deps.core() };
    },
  };
  // A card queued here becomes the recipient's newest, whose buttons act without asking 确认.
  let dialogs: DialogStore | undefined;
  const markLatest = (userid: string, taskId: string) => {
    dialogs ??= createDialogStore(deps.dialogs, {
      clock: deps.core().clock,
      pendingTtlMs: DEFAULT_OPTIONS.pendingTtlMinutes * 60_000,
      photoWindowMs: DEFAULT_OPTIONS.photoWindowMinutes * 60_000,
    });
    return dialogs.markLatestCard(userid, taskId);
  };

  async function bodyOf(p: Proposal, n: Notice): Promise<OutboundBody | undefined> {
    const text = (s: string): OutboundBody => ({ type: 'text', text: s });
    const said = noticeText(n.message, p.kind);
    switch (n.attach) {
      case 'rate':
        return { type: 'card', card: ratingCard(p, said) };
      case 'confirm': {
        const c = p.contacts.find((x) => x.id === n.contactId);
        if (!c) return undefined;
        const m = memberTexts.confirmCard;
        return {
          type: 'card',
          card: {
            taskId: newTaskId(p),
            title: m.title(p.number, p.kind),
            description: m.description(formatDateZh(c.at), c.staff.join('、'), METHOD_LABELS[c.method], c.summary),
            buttons: confirmButtons(p, c.id),
          },
        };
      }
      case 'card': {
        const person = await deps.core().directory.findPerson(n.userid);
        if (!person?.active) return undefined;
        return { type: 'card', card: await proposalCard(env, p, actorOf(person), said) };
      }
      default:
        return text(said);
    }
  }

  async function queue(p: Proposal, notices: Notice[]): Promise<Notice[]> {
    const done: Notice[] = [];
    for (const n of notices) {
      const body = await bodyOf(p, n);
      if (!body) continue;
      const queued = await deps.enqueue({ key: n.key, to: { kind: 'user', userid: n.userid }, body, purpose: purposeOf(p, n) });
      if (body.type === 'card' && (queued as { created?: boolean } | undefined)?.created) await markLatest(n.userid, body.card.taskId);
      done.push(n);
    }
    return done;
  }

  const loadDirectory = () => directoryOf(deps.core());

  return {
    loadDirectory,
    async publishNow(p, options) {
      const index = p.events.length - 1;
      const dir = await loadDirectory();
      const staff = await this.publishStaff(p, index, dir);
      return options.members ? [...staff, ...(await this.publishMembers(p, [index], dir))] : staff;
    },
    async publishStaff(p, index, dir) {
      const notices = noticesFor(p, index, dir ?? (await loadDirectory())).filter((n) => !MEMBER_AUDIENCES.includes(n.audience));
      return queue(p, notices);
    },
    async publishMembers(p, indexes, dir) {
      return queue(p, memberNoticesNow(p, indexes, dir ?? (await loadDirectory())));
    },
  };
}

/** Purposes of the members' cards, which may stop holding while they wait in the outbox. */
const RATE_PURPOSE = 'feedback-request';
const CONFIRM_PURPOSE = 'confirmContact';
const MEMBER_PURPOSE = 'member-notice';

/** The outbox's purpose: the event's action and the audience, e.g. `notice:signOff:handler`. */
function purposeOf(p: Proposal, n: Notice): string {
  if (n.attach === 'rate') return RATE_PURPOSE;
  if (MEMBER_AUDIENCES.includes(n.audience)) return n.attach === 'confirm' ? CONFIRM_PURPOSE : MEMBER_PURPOSE;
  const index = Number(n.key.split(':')[2]);
  return `notice:${p.events[index]?.action ?? 'event'}:${n.audience}`;
}

/** The outbox rows of one proposal's notices, as the worker's hooks need them (OutboxStore.listByKeyPrefix). */
export type NoticeRows = (keyPrefix: string) => Promise<{ key: string; to: Recipient; purpose: string; status: string; lastError?: string }[]>;

interface HeldNotice {
  proposalId: string;
  index: number;
  userid: string;
}

/** A member's plain notice queued by the notice table (`notice:<proposal>:<event>:<userid>`). */
function heldNotice(m: { key: string; purpose: string; to: Recipient }): HeldNotice | undefined {
  const [kind, proposalId, index] = m.key.split(':');
  if (kind !== 'notice' || m.purpose !== MEMBER_PURPOSE || m.to.kind !== 'user' || !proposalId) return undefined;
  return { proposalId, index: Number(index), userid: m.to.userid };
}

/**
 * The same member's plain notices of the same case, other than `n`, by event: whether a later one
 * will say (or said) what `n` says, and the earlier ones not yet delivered, which `n` must say too.
 * Earlier ones before the last one sent were said by that one.
 */
async function siblingsOf(rows: NoticeRows, n: HeldNotice): Promise<{ later: boolean; earlier: number[] }> {
  const mine = (await rows(`notice:${n.proposalId}:`))
    .map((r) => ({ r, h: heldNotice(r) }))
    .filter((x): x is { r: typeof x.r; h: HeldNotice } => x.h?.userid === n.userid && x.h.index !== n.index);
  const later = mine.some(({ r, h }) => h.index > n.index && ['pending', 'sending', 'sent'].includes(r.status));
  const sentBefore = Math.max(-1, ...mine.filter(({ r, h }) => h.index < n.index && r.status === 'sent').map(({ h }) => h.index));
  const unsaid = (r: { status: string; lastError?: string }) =>
    r.status === 'pending' || r.status === 'sending' || (r.status === 'dropped' && r.lastError === noticeTexts.mergedLater);
  const earlier = mine.filter(({ r, h }) => h.index > sentBefore && h.index < n.index && unsaid(r)).map(({ h }) => h.index);
  return { later, earlier };
}

/**
 * For the outbox worker: why a member's message queued by the notice table no longer holds when
 * its turn comes (a card after the rating, archiving or confirmation; a plain notice that a later
 * one of the same case, kept back by the same outage, says too), or undefined to send it. The
 * proposal is read from the key (`notice:<id>:…`), the contact from the card's confirm button.
 */
export function supersededNotice(core: () => Pick<CoreServices, 'proposals'>, rows?: NoticeRows) {
  return async (m: { key: string; purpose: string; to: Recipient; body: OutboundBody }): Promise<string | undefined> => {
    const held = heldNotice(m);
    if (held && rows) return (await siblingsOf(rows, held)).later ? noticeTexts.mergedLater : undefined;
    const attach = m.purpose === RATE_PURPOSE ? 'rate' : m.purpose === CONFIRM_PURPOSE ? 'confirm' : undefined;
    if (!attach || !m.key.startsWith('notice:')) return undefined;
    const p = await core().proposals.findById(m.key.split(':')[1]!);
    if (!p) return undefined;
    const confirm = m.body.type === 'card' ? m.body.card.buttons.map((b) => decodeButton(b.key)).find((k) => k?.kind === 'confirmContact') : undefined;
    const holds = noticeHolds(p, { attach, contactId: confirm?.kind === 'confirmContact' ? confirm.contactId : undefined });
    return holds ? undefined : noticeTexts.superseded(attach, p.stage === 'archived');
  };
}

/**
 * For the outbox worker: a member's plain notice that outlasted earlier ones of the same case (an
 * outage kept them all back) goes out as one message saying each step, as after quiet hours.
 */
export function currentNotice(core: () => Pick<CoreServices, 'proposals' | 'directory' | 'ledgerConfig'>, rows: NoticeRows) {
  return async (m: { key: string; purpose: string; to: Recipient }): Promise<OutboundBody | undefined> => {
    const held = heldNotice(m);
    if (!held) return undefined;
    const { earlier } = await siblingsOf(rows, held);
    if (earlier.length === 0) return undefined;
    const p = await core().proposals.findById(held.proposalId);
    if (!p) return undefined;
    const dir = await directoryOf(core());
    const merged = memberNoticesNow(p, [...earlier, held.index], dir).find((n) => n.userid === held.userid && !n.attach);
    return merged && { type: 'text', text: noticeText(merged.message, p.kind) };
  };
}

function ratingCard(p: Proposal, description: string): ButtonCard {
  const t = noticeTextsFor(p.kind).member;
  return {
    taskId: newTaskId(p),
    title: t.rateTitle,
    description,
    buttons: RATINGS.map((r, i) => ({ text: t.rateButton(r), key: feedbackButtonKey(p.id, p.version, r), style: (i === 0 ? 1 : 2) as 1 | 2 })),
  };
}
