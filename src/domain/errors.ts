/**
 * Refusals the domain gives. Each carries a stable `code` for programs and a Chinese `message`
 * that is shown to the person as it is: what was wrong and what to do instead.
 */
import { AppError } from '../shared/app-error.js';

export type DomainErrorCode =
  | 'forbidden' // the role may not do this; the message names who may
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
    message: string,
  ) {
    super(code, message);
  }
}

export const isDomainError = (e: unknown): e is DomainError => e instanceof DomainError;
