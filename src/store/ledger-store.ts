/**
 * The ledger's adapters wired together: the proposal repository tells the view of its own writes,
 * the view follows the change feed for everyone else's, and tells the directory when its cached
 * copy is stale.
 */
import type { ChangeFeed } from '../domain/change-feed.port.js';
import { ChangeLog } from './change-log.js';
import { MongoDirectoryRepository } from './directory.repository.js';
import { LedgerViewSync } from './ledger-view.sync.js';
import { MongoProposalRepository } from './proposal.repository.js';

export interface LedgerStore {
  changes: ChangeFeed;
  proposals: MongoProposalRepository;
  directory: MongoDirectoryRepository;
  view: LedgerViewSync;
}

export function createLedgerStore(): LedgerStore {
  const changes = new ChangeLog();
  const directory = new MongoDirectoryRepository(changes);
  const proposals: MongoProposalRepository = new MongoProposalRepository({ changes, onWritten: (entries) => view.applyOwn(entries) });
  const view = new LedgerViewSync({
    changes,
    loadAll: () => proposals.entries(),
    onDirectoryChange: () => directory.invalidate(),
    onProposalChanges: (entries) => proposals.heardOf(entries),
  });
  return { changes, proposals, directory, view };
}
