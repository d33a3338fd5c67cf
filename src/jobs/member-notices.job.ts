/**
 * Finds new audit events and tells the proposing members (member-notices.ts decides what).
 * Runs often; its run record keeps a cursor (the instant scanned up to). Each scan reaches a
 * little behind the cursor so an event committed late is not missed: the outbox keys
 * (proposal id + event index) make seeing an event twice harmless.
 */
import type { CoreServices } from '../app.js';
import type { SchedulesConfig } from '../config/schedules.config.js';
import type { Proposal } from '../domain/model.js';
import { ProposalModel } from '../store/models/proposal.model.js';
import { toProposal } from '../store/proposal.repository.js';
import type { RunContext } from './job-runner.js';
import { noticesForEvent } from './member-notices.js';
import { loadNames } from './summary.queries.js';

export const NOTICES_JOB = 'member-notices';
/** One run record holds the scan's cursor; the job runs again and again under it. */
export const NOTICES_PERIOD = 'scan';
/** How far behind the cursor each scan starts again. */
const OVERLAP_MS = 10 * 60_000;

const FIELDS = { number: 1, title: 1, proposers: 1, handlingType: 1, events: 1, version: 1 };

export async function runMemberNotices(ctx: RunContext, core: CoreServices, config: SchedulesConfig): Promise<{ cursor: Date }> {
  const since = ctx.claim.cursor
    ? new Date(ctx.claim.cursor.getTime() - OVERLAP_MS)
    : new Date(ctx.now.getTime() - config.notices.lookbackHours * 3_600_000);
  const until = ctx.now;
  const { divisions } = await loadNames(core);
  const cursor = ProposalModel.collection.find({ 'events.at': { $gt: since } }, { projection: FIELDS }).batchSize(200);
  for await (const doc of cursor) {
    const p: Proposal = toProposal(doc);
    for (const [index, e] of p.events.entries()) {
      const at = new Date(e.at);
      if (at <= since || at > until) continue;
      for (const n of noticesForEvent(p, index, divisions)) {
        await ctx.send({ key: n.key, to: { kind: 'user', userid: n.userid }, body: n.body, purpose: n.purpose });
      }
    }
  }
  return { cursor: until };
}
