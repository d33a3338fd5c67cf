/**
 * The ledger's services, typed by the domain's ports: whoever holds them cannot tell MongoDB from
 * the in-memory adapters. Built by the composition root (src/main/core.ts); each outer part
 * (conversation, jobs, web, CLI, documents) declares the few it uses as a Pick of these.
 */
import type { WorkCalendar } from './calendar.js';
import type { LedgerService } from './ledger.service.js';
import type { Clock, DirectoryStore, LedgerViewSource, ProposalRepository } from './ports.js';
import type { SimilarService, SimilarSource } from './similar/similar.service.js';

export interface CoreServices {
  clock: Clock;
  calendar: WorkCalendar;
  /** The ledger's rules (config/ledger.yaml): deadlines, signing, metrics. */
  ledgerConfig: LedgerService['policy'];
  proposals: ProposalRepository & SimilarSource;
  directory: DirectoryStore;
  /** The in-memory ledger view every list, metric and summary reads. */
  view: LedgerViewSource;
  ledger: LedgerService;
  similar: SimilarService;
}
