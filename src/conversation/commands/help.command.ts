/** 帮助 and 取消 (取消 with nothing pending; a pending step is ended by the dialog middleware). */
import { mayUse } from '../command-roles.js';
import { texts } from '../conversation.texts.js';
import { isMemberOnly, ownKinds, say } from '../context.js';
import { memberTexts } from '../member.texts.js';
import { commandNamed } from '../parse/intent.js';
import type { ChatCommand } from '../router.js';

export const helpCommands: ChatCommand[] = [
  {
    id: 'help',
    needsProposal: false,
    async run(t, args) {
      if (!args) return say(t, isMemberOnly(t.actor) ? memberTexts.help(await ownKinds(t)) : texts.staffHelp((w) => mayUse(t.actor, w)));
      const id = commandNamed(args);
      return say(t, id ? texts.commandHelp(id) : texts.unknownHelpTopic(args));
    },
  },
  {
    id: 'cancel',
    needsProposal: false,
    run: (t) => say(t, texts.nothingToCancel),
  },
];
