/** 并案 / 撤销并案: the coordinator merges similar proposals under one lead case, or undoes it. */
import type { Proposal } from '../../domain/model.js';
import type { SimilarMatch } from '../../domain/similar/similar.service.js';
import { texts } from '../conversation.texts.js';
import { say, type Turn } from '../context.js';
import { InputError } from '../../shared/input-error.js';
import { readNumberRef, splitList } from '../parse/text.js';
import { labelOf } from '../present.js';
import type { ChatCommand } from '../router.js';

/** The similar-proposal list shown after a proposal is registered; empty when none is close. */
export function similarText(matches: SimilarMatch[], number: string): string {
  if (matches.length === 0) return '';
  const s = texts.similar;
  const lines = matches.map((m, i) => s.line(i + 1, labelOf(m.case), m.case.session, Math.round(m.score * 100), m.case.mergedInto?.number));
  return [s.title, ...lines, s.mergeHint(number)].join('\n');
}

/** The cases named by number among those the coordinator sees, in the lead's session when it has one. */
async function casesByNumber(t: Turn, lead: Proposal, numbers: string[]): Promise<Proposal[]> {
  const out: Proposal[] = [];
  for (const item of numbers) {
    const ref = readNumberRef(item);
    const n = ref?.number ?? item;
    const found = (await t.deps.core.ledger.byNumber(n, t.actor)).filter((e) => !ref?.kind || e.kind === ref.kind);
    const candidates = found.length === 1 ? found : found.filter((p) => p.session === lead.session);
    if (new Set(candidates.map((e) => e.kind)).size > 1) throw new InputError(texts.kindNeeded(n));
    const pick = candidates[0];
    if (!pick) throw new InputError(found.length ? texts.notFoundRef(`${n}（${lead.session}）`) : texts.notFoundRef(n));
    // The view found it; merging works on the whole document.
    out.push(await t.deps.core.ledger.get(pick.id, t.actor));
  }
  return out;
}

export const mergeCommands: ChatCommand[] = [
  {
    id: 'merge',
    needsProposal: true,
    async run(t, args, lead) {
      const numbers = splitList(args);
      if (numbers.length === 0) throw new InputError(texts.badInput(texts.merge.needCases, 'merge'));
      const followers = await casesByNumber(t, lead!, numbers);
      await t.deps.core.ledger.merge(
        lead!.id,
        followers.map((f) => f.id),
        t.actor,
        t.message.channel,
      );
      await say(
        t,
        texts.merge.done(
          labelOf(lead!),
          followers.map((f) => f.number),
        ),
      );
    },
  },
  {
    id: 'unmerge',
    needsProposal: true,
    async run(t, args, p) {
      if (!args.trim()) throw new InputError(texts.badInput(texts.merge.needReason, 'unmerge'));
      const leadNumber = p!.mergedInto?.number ?? '';
      const next = await t.deps.core.ledger.unmerge(p!.id, args, t.actor, t.message.channel);
      await say(t, texts.merge.undone(labelOf(next), leadNumber));
    },
  },
];
