/** 反馈: the proposing member rates the reply (满意 / 基本满意 / 不满意) with an optional comment. */
import type { Satisfaction } from '../../domain/model.js';
import { WORDS } from '../conversation.texts.js';
import { needMore, perform, say } from '../context.js';
import { memberTexts } from '../member.texts.js';
import { labelOf } from '../present.js';
import type { ChatCommand } from '../router.js';

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

export const feedbackCommands: ChatCommand[] = [
  {
    word: '反馈',
    needsProposal: true,
    async run(t, args, p) {
      const r = parseRating(args);
      if (!r.rating) return needMore(memberTexts.askRating);
      if (r.rating === 'dissatisfied' && !r.comment) return needMore(memberTexts.askDissatisfied);
      const next = await perform(t, p!, { type: 'feedback', rating: r.rating, comment: r.comment || undefined });
      await say(t, r.rating === 'dissatisfied' ? memberTexts.ratedDissatisfied(labelOf(next)) : memberTexts.rated(labelOf(next)));
    },
  },
];
