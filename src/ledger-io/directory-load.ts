/**
 * Loading the directory file (通讯录) into the ledger: the CLI's `directory load` and every
 * start-up go through here.
 */
import type { DirectoryFile } from '../config/directory.config.js';
import type { MemberLinkReport } from '../domain/ledger.service.js';
import type { ChannelName } from '../domain/model.js';
import type { DirectorySyncReport } from '../domain/ports.js';
import type { CoreServices } from '../domain/services.js';

/**
 * Makes the stored directory match `directory`, then links proposers written by name to members
 * the load added or renamed (namesakes reported, not guessed). Every directory load goes here.
 */
export async function applyDirectory(
  core: Pick<CoreServices, 'directory' | 'ledger'>,
  directory: DirectoryFile,
  channel: ChannelName,
): Promise<{ sync: DirectorySyncReport; links: MemberLinkReport }> {
  const sync = await core.directory.sync(directory);
  const links = await core.ledger.linkMembers(await core.directory.listPeople({ role: 'member', activeOnly: true }), channel);
  return { sync, links };
}
