/** 反馈: the proposing member rates the reply (满意 / 基本满意 / 不满意) with an optional comment. */
import type { Proposal, Satisfaction } from '../../domain/model.js';
import { WORDS } from '../conversation.texts.js';
import { needMore, perform, say, settled, typed, type CommandResult, type Turn } from '../context.js';
import { memberTexts } from '../member.texts.js';
import { labelOf } from '../present.js';
import type { ChatCommand } from '../router.js';
import { joinText, type StepDefs } from '../steps.js';

const RATING_WORDS = Object.keys(WORDS.rating).sort((a, b) => b.length - a.length) as (keyof typeof WORDS.rating)[];

/**
 * The rating word first (longest wins, so 基本满意 is not read as 满意), then the comment; a
 * rating given last (the answer to a guided step) is found as a word of its own.
 */
export function parseRating(args: string): { rating?: Satisfaction; comment: string } {
  const lead = RATING_WORDS.find((w) => args.startsWith(w));
  if (lead)
    return {
      rating: WORDS.rating[lead],
      comment: args
        .slice(lead.length)
        .replace(/^[\s,:]+/u, '')
        .trim(),
    };
  const tokens = args.split(' ');
  const at = tokens.findIndex((x) => (RATING_WORDS as string[]).includes(x));
  if (at < 0) return { comment: args };
  const word = tokens.splice(at, 1)[0] as keyof typeof WORDS.rating;
  return { rating: WORDS.rating[word], comment: tokens.join(' ').trim() };
}

/** Rates the reply; a rating read from the member's own words is run as it was read. */
export async function rateReply(t: Turn, p: Proposal, r: { rating?: Satisfaction; comment: string }): Promise<CommandResult> {
  if (!r.rating) return needMore({ step: 'feedback.rating', comment: typed(t, r.comment) });
  if (r.rating === 'dissatisfied' && !r.comment) return needMore({ step: 'feedback.reason' });
  const next = await perform(t, p, { type: 'feedback', rating: r.rating, comment: r.comment || undefined });
  await say(t, ratedText(next, r.rating));
}

/** The member's rating acknowledged: thanks, or what happens after 不满意. */
export const ratedText = (p: Proposal, rating: Satisfaction): string =>
  rating === 'dissatisfied' ? memberTexts.ratedDissatisfied(labelOf(p)) : memberTexts.rated(labelOf(p));

export const feedbackCommands: ChatCommand[] = [{ id: 'rate', needsProposal: true, run: (t, args, p) => rateReply(t, p!, parseRating(args)) }];

export const feedbackSteps: StepDefs<'feedback.rating' | 'feedback.reason'> = {
  'feedback.rating': {
    actions: ['feedback'],
    ask: () => memberTexts.askRating,
    answer(t, p, s, answer) {
      const r = parseRating(answer);
      return rateReply(settled(t), p, { rating: r.rating, comment: joinText(s.comment, typed(t, r.comment)) });
    },
  },
  'feedback.reason': {
    actions: ['feedback'],
    ask: () => memberTexts.askDissatisfied,
    answer: (t, p, _s, answer) => rateReply(settled(t), p, { rating: 'dissatisfied', comment: typed(t, answer) }),
  },
};
