/**
 * Refusals the domain gives. Each carries a stable `code` for programs and the refusal as facts
 * (refusals.ts); present/refusals.ts says it to the person: what was wrong and what to do
 * instead. The message, for logs, is the refusal's reason.
 */
import { AppError } from '../shared/app-error.js';
import type { Refusal } from './refusals.js';

export type DomainErrorCode =
  | 'forbidden' // the role may not do this; the refusal names who may
  | 'notInScope' // the person may not see or act on this proposal
  | 'invalidStage' // the step is not allowed where the proposal stands
  | 'precondition' // something must be done first
  | 'conflict' // someone else changed the proposal first; retry
  | 'notFound'
  | 'invalidInput'
  | 'duplicate';

export class DomainError extends AppError {
  constructor(
    override readonly code: DomainErrorCode,
    readonly refusal: Refusal,
  ) {
    super(code, refusal.reason);
  }
}

export const isDomainError = (e: unknown): e is DomainError => e instanceof DomainError;
