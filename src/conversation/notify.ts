/**
 * Puts the domain's notices (domain/notices.ts decides who is told what) into the outbox as
 * messages: staff get the proposal's card as they would see it, with the notice on top and the
 * buttons they may press; members get plain text, a rating card or a contact confirmation card.
 * Used by the ledger service right after a change (staff notices) and by the notices job
 * (anything missed, and members' notices re-checked at the time they go out).
 */
import type { CoreServices } from '../app.js';
import type { ButtonCard, OutboundBody } from '../channels/contract.js';
import { METHOD_LABELS } from '../domain/ledger.texts.js';
import type { Proposal, Satisfaction } from '../domain/model.js';
import { MEMBER_AUDIENCES, memberNoticesNow, noticeHolds, noticesFor, type Notice, type NoticeDirectory } from '../domain/notices.js';
import { noticeTexts } from '../domain/notices.texts.js';
import type { DirectoryRepository } from '../domain/ports.js';
import { formatDateZh } from '../domain/shanghai-time.js';
import { confirmButtons, newTaskId, parseButtonKey, proposalCard } from './cards.js';
import { actorOf, DEFAULT_OPTIONS, type OutboxPort, type Turn } from './context.js';
import type { DialogStore } from './dialog.store.js';
import { createDialogStore } from '../store/dialog.repository.js';
import { memberTexts } from './member.texts.js';

const RATINGS: Satisfaction[] = ['satisfied', 'basic', 'dissatisfied'];

/**
 * The key a rating button carries (the conversation layer's `<action>|<proposalId>|<version>`):
 * a click after a later change is refused by the ledger and the member is shown the current card.
 */
export const feedbackButtonKey = (proposalId: string, version: number, rating: Satisfaction): string => [rating, proposalId, version].join('|');

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

export function createNoticePublisher(deps: { core: () => CoreServices; enqueue: (m: Parameters<OutboxPort['enqueue']>[0]) => Promise<unknown> }): NoticePublisher {
  const env = { get deps() {
    return { core: deps.core() };
  } };
  // A card queued here becomes the recipient's newest, whose buttons act without asking 确认.
  let dialogs: DialogStore | undefined;
  const markLatest = (userid: string, taskId: string) => {
    dialogs ??= createDialogStore({
      clock: deps.core().clock,
      pendingTtlMs: DEFAULT_OPTIONS.pendingTtlMinutes * 60_000,
      photoWindowMs: DEFAULT_OPTIONS.photoWindowMinutes * 60_000,
    });
    return dialogs.markLatestCard(userid, taskId);
  };

  async function bodyOf(p: Proposal, n: Notice): Promise<OutboundBody | undefined> {
    const text = (s: string): OutboundBody => ({ type: 'text', text: s });
    switch (n.attach) {
      case 'rate':
        return { type: 'card', card: ratingCard(p, n.text) };
      case 'confirm': {
        const c = p.contacts.find((x) => x.id === n.contactId);
        if (!c) return undefined;
        const m = memberTexts.confirmCard;
        return {
          type: 'card',
          card: {
            taskId: newTaskId(p),
            title: m.title(p.number),
            description: m.description(formatDateZh(c.at), c.staff.join('、'), METHOD_LABELS[c.method], c.summary),
            buttons: confirmButtons(p, c.id),
          },
        };
      }
      case 'card': {
        const person = await deps.core().directory.findPerson(n.userid);
        if (!person?.active) return undefined;
        return { type: 'card', card: await proposalCard(env, p, actorOf(person), n.text) };
      }
      default:
        return text(n.text);
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

  const loadDirectory = () => loadNoticeDirectory(deps.core().directory, deps.core().ledgerConfig.signing?.mainLeader);

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

/** The outbox's purpose: the event's action and the audience, e.g. `notice:signOff:handler`. */
function purposeOf(p: Proposal, n: Notice): string {
  if (n.attach === 'rate') return RATE_PURPOSE;
  if (MEMBER_AUDIENCES.includes(n.audience)) return n.attach === 'confirm' ? CONFIRM_PURPOSE : 'member-notice';
  const index = Number(n.key.split(':')[2]);
  return `notice:${p.events[index]?.action ?? 'event'}:${n.audience}`;
}

/**
 * For the outbox worker: why a member's card queued by the notice table no longer holds when its
 * turn comes (rated, archived, contact already confirmed), or undefined to send it. The proposal is
 * read from the key (`notice:<id>:…`), the contact from the card's confirm button.
 */
export function supersededNotice(core: () => CoreServices) {
  return async (m: { key: string; purpose: string; body: OutboundBody }): Promise<string | undefined> => {
    const attach = m.purpose === RATE_PURPOSE ? 'rate' : m.purpose === CONFIRM_PURPOSE ? 'confirm' : undefined;
    if (!attach || !m.key.startsWith('notice:')) return undefined;
    const p = await core().proposals.findById(m.key.split(':')[1]!);
    if (!p) return undefined;
    const contactId = m.body.type === 'card' ? m.body.card.buttons.map((b) => parseButtonKey(b.key)).find((k) => k?.kind === 'confirm') : undefined;
    const holds = noticeHolds(p, { attach, contactId: contactId?.kind === 'confirm' ? contactId.contactId : undefined });
    return holds ? undefined : noticeTexts.superseded(attach, p.stage === 'archived');
  };
}

function ratingCard(p: Proposal, description: string): ButtonCard {
  const t = noticeTexts.member;
  return {
    taskId: newTaskId(p),
    title: t.rateTitle,
    description,
    buttons: RATINGS.map((r, i) => ({ text: t.rateButton(r), key: feedbackButtonKey(p.id, p.version, r), style: (i === 0 ? 1 : 2) as 1 | 2 })),
  };
}
