/** 公开 / 取消公开: the coordinator opts a case into the public results page, or takes it off. */
import { publicationTexts } from '../../present/publication.texts.js';
import { texts, WORDS } from '../conversation.texts.js';
import { perform, say } from '../context.js';
import { InputError } from '../../shared/input-error.js';
import { labelOf } from '../present.js';
import type { ChatCommand } from '../router.js';

const s = publicationTexts.chat;

export const publishCommands: ChatCommand[] = [
  {
    id: 'publish',
    needsProposal: true,
    async run(t, args, p) {
      const words = args.split(' ').filter(Boolean);
      const unknown = words.filter((w) => !(WORDS.proposerNamed as readonly string[]).includes(w));
      if (unknown.length) throw new InputError(texts.badInput(texts.publishUnknownWord(unknown.join(' ')), 'publish'));
      const named = words.length > 0;
      const next = await perform(t, p!, { type: 'publish', on: true, proposerNamed: named });
      await say(t, `${s.published(labelOf(next), next.number, named)}${next.reply?.sentAt ? '' : s.notAnswered}`);
    },
  },
  {
    id: 'unpublish',
    needsProposal: true,
    async run(t, _args, p) {
      const next = await perform(t, p!, { type: 'publish', on: false });
      await say(t, s.unpublished(labelOf(next)));
    },
  },
];
