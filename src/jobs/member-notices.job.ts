/**
 * Finds new audit events and queues the notices they call for (domain/notices.ts decides who is
 * told what). Staff notices are normally queued by the ledger as the change is stored; this scan
 * is their safety net (same keys, so nothing is sent twice). Members' notices wait here over quiet
 * hours and are re-checked when they go out: several steps become one message, and a card that no
 * longer holds (a rating card after the rating or the archiving) is dropped.
 *
 * Runs often; its run record keeps a cursor (the instant scanned up to). Each scan reaches a
 * little behind the cursor so an event committed late is not missed.
 */
import type { CoreServices } from '../domain/services.js';
import type { SchedulesConfig } from '../config/schedules.config.js';
import { createNoticePublisher, type NoticeDeps } from '../conversation/notify.js';
import type { DialogRows } from '../domain/dialog.port.js';
import type { Proposal } from '../domain/model.js';
import { isQuiet } from './due-runs.js';
import type { RunContext } from './job-runner.js';

export const NOTICES_JOB = 'member-notices';
/** One run record holds the scan's cursor; the job runs again and again under it. */
export const NOTICES_PERIOD = 'scan';
/** How far behind the cursor each scan starts again. */
const OVERLAP_MS = 10 * 60_000;
/** Proposals read in full per query. */
const BATCH = 200;

/** The publisher's needs, and the live view and proposals to find what changed. */
export type MemberNoticesDeps = NoticeDeps & Pick<CoreServices, 'view' | 'proposals'>;

export async function runMemberNotices(ctx: RunContext, core: MemberNoticesDeps, config: SchedulesConfig, dialogs: DialogRows): Promise<{ cursor: Date }> {
  const since = ctx.claim.cursor ? new Date(ctx.claim.cursor.getTime() - OVERLAP_MS) : new Date(ctx.now.getTime() - config.notices.lookbackHours * 3_600_000);
  const until = ctx.now;
  const publisher = createNoticePublisher({ core: () => core, enqueue: (m) => ctx.send(m), dialogs });
  const dir = await publisher.loadDirectory();
  // The ledger view says which proposals changed; only those are read in full, a batch at a time.
  const view = await core.view.current();
  const changed = view.select({}, (e) => e.changedAt > since).map((e) => e.id);
  for (let i = 0; i < changed.length; i += BATCH) {
    for (const p of await core.proposals.findByIds(changed.slice(i, i + BATCH))) await publish(p);
  }
  return { cursor: until };

  async function publish(p: Proposal): Promise<void> {
    const fresh = [...p.events.keys()].filter((i) => {
      const at = new Date(p.events[i]!.at);
      return at > since && at <= until;
    });
    for (const index of fresh) await publisher.publishStaff(p, index, dir);
    // Members' notices of the daytime were queued as the change was stored (this is their safety
    // net, one by one); those held over quiet hours go out now as one message.
    const held = fresh.filter((i) => isQuiet(new Date(p.events[i]!.at), config.quietHours));
    for (const index of fresh.filter((i) => !held.includes(i))) await publisher.publishMembers(p, [index], dir);
    if (held.length) await publisher.publishMembers(p, held, dir);
  }
}
