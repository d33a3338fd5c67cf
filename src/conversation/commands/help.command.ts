/** 帮助 and 取消 (取消 with nothing pending; a pending step is ended by the dialog middleware). */
import { mayUse } from '../command-roles.js';
import { COMMAND_WORDS, texts, type CommandId } from '../conversation.texts.js';
import { isMemberOnly, say } from '../context.js';
import { memberTexts } from '../member.texts.js';
import type { ChatCommand } from '../router.js';

const wordFor = (topic: string): CommandId | undefined =>
  (Object.keys(COMMAND_WORDS) as CommandId[]).find((w) => (COMMAND_WORDS[w] as readonly string[]).includes(topic));

export const helpCommands: ChatCommand[] = [
  {
    id: 'help',
    needsProposal: false,
    async run(t, args) {
      if (!args) return say(t, isMemberOnly(t.actor) ? memberTexts.help() : texts.staffHelp((w) => mayUse(t.actor, w)));
      const word = wordFor(args);
      return say(t, word ? texts.commandHelp(word) : texts.unknownHelpTopic(args));
    },
  },
  {
    id: 'cancel',
    needsProposal: false,
    run: (t) => say(t, texts.nothingToCancel),
  },
];
