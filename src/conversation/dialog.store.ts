/**
 * Guided steps (分步操作) and the photo window: their shapes and the store the conversation
 * needs, kept in the dialog rows (domain/dialog.port.ts). Every row carries its expiry; an expired
 * or unreadable row reads as absent and is deleted.
 * A pending step is keyed by channel, chat and person, so the same person can answer one
 * question in a group and another in a single chat.
 */
import { CASE_KINDS } from '../domain/kind.js';
import { z } from 'zod';
import type { DialogRows } from '../domain/dialog.port.js';
import type { Clock } from '../domain/ports.js';
import { buttonActionSchema } from './button.codec.js';
import { COMMAND_WORDS, type CommandId } from './conversation.texts.js';
import { stepSchema } from './steps.js';

const registerAnswers = z.object({
  session: z.string().optional(),
  /** 建议 when the number was written with it (建议0102); a 提案 otherwise. */
  kind: z.enum(CASE_KINDS).optional(),
  number: z.string().optional(),
  title: z.string().optional(),
  proposers: z.array(z.string()).optional(),
  handlingType: z.enum(['lead', 'co']).optional(),
  externalLeadUnit: z.string().optional(),
});

const commandId = z.enum(Object.keys(COMMAND_WORDS) as [CommandId, ...CommandId[]]);

/**
 * A chat command as the parser read it, kept while it waits for a pick or 确认 and run from
 * this, never read again from words: the command's id and its arguments as typed in its grammar,
 * or a member's rating read from their own words.
 */
export const parsedCommandSchema = z.union([
  z.object({ id: commandId, args: z.string() }),
  z.object({ id: z.literal('rate'), rating: z.enum(['satisfied', 'basic', 'dissatisfied']), comment: z.string() }),
]);
export type ParsedCommand = z.infer<typeof parsedCommandSchema>;

/** What the next message of the person answers. */
export const pendingSchema = z.discriminatedUnion('type', [
  /** A keyword matched several proposals: the reply is the number of one of `candidates`. */
  z.object({
    type: z.literal('pick'),
    command: parsedCommandSchema,
    candidates: z.array(z.string()).min(1),
    /** The command was read from plain words: the chosen proposal is shown for 确认 first. */
    confirm: z.boolean().optional(),
  }),
  /** A command on a known proposal lacks a part: the reply answers `step` (steps.ts). */
  z.object({ type: z.literal('step'), proposalId: z.string(), step: stepSchema }),
  /** 登记, step `step` (0-based) of the register dialog. */
  z.object({ type: z.literal('register'), step: z.number().int().min(0), answers: registerAnswers }),
  /** An action waiting for 确认: a button of an older card, or a command read from plain words. */
  z.object({
    type: z.literal('confirm'),
    action: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('button'), action: buttonActionSchema, taskId: z.string() }),
      z.object({ kind: z.literal('command'), command: parsedCommandSchema, proposalId: z.string() }),
      /** A suggested command (您是不是要……), as it would be typed. */
      z.object({ kind: z.literal('text'), text: z.string() }),
    ]),
  }),
]);
export type Pending = z.infer<typeof pendingSchema>;

/**
 * A pending step as read back: one stored by an earlier version of the service, in a shape no
 * longer read, is `outdated` (the person is told it lapsed), never an error.
 */
export const storedPendingSchema = z.union([pendingSchema, z.object({ type: z.string() }).transform(() => ({ type: 'outdated' as const }))]);
export type StoredPending = z.infer<typeof storedPendingSchema>;
export type RegisterAnswers = z.infer<typeof registerAnswers>;

/** The contact a photo sent soon after logging it is attached to. */
export const photoWindowSchema = z.object({ proposalId: z.string(), contactId: z.string() });
export type PhotoWindow = z.infer<typeof photoWindowSchema>;

/** The list a person paged through last (我的, 逾期) and the page shown: 更多 shows the next. */
export const pageSchema = z.object({ list: z.enum(['mine', 'overdue']), page: z.number().int().min(1) });
export type ListPage = z.infer<typeof pageSchema>;

export interface DialogStore {
  getPending(key: string): Promise<StoredPending | undefined>;
  setPending(key: string, userid: string, pending: Pending): Promise<void>;
  clearPending(key: string): Promise<boolean>;
  openPhotoWindow(userid: string, window: PhotoWindow): Promise<void>;
  getPhotoWindow(userid: string): Promise<PhotoWindow | undefined>;
  /** The newest card sent to the person: a button of an older one asks before acting. */
  markLatestCard(userid: string, taskId: string): Promise<void>;
  latestCard(userid: string): Promise<string | undefined>;
  rememberPage(key: string, userid: string, page: ListPage): Promise<void>;
  lastPage(key: string): Promise<ListPage | undefined>;
}

export interface DialogStoreOptions {
  clock: Clock;
  /** How long a guided step waits for its answer (default 30 min). */
  pendingTtlMs: number;
  /** How long after logging a contact a photo is taken as its evidence (default 10 min). */
  photoWindowMs: number;
}

/** Cards stay pressable for long; past this an older card is no longer told apart from the newest. */
const LATEST_CARD_MS = 30 * 24 * 3_600_000;
const latestCardSchema = z.object({ taskId: z.string() });

export function createDialogStore(rows: DialogRows, o: DialogStoreOptions): DialogStore {
  const photoKey = (userid: string) => `photo:${userid}`;

  async function read<T>(key: string, schema: z.ZodType<T>): Promise<T | undefined> {
    const row = await rows.get(key);
    if (!row) return undefined;
    const parsed = schema.safeParse(row.state);
    if (row.expiresAt <= o.clock.now() || !parsed.success) {
      await rows.delete(key, row.expiresAt);
      return undefined;
    }
    return parsed.data;
  }

  const write = (key: string, userid: string, state: unknown, ttlMs: number): Promise<void> =>
    rows.put(key, userid, state, new Date(o.clock.now().getTime() + ttlMs));

  return {
    getPending: (key) => read(key, storedPendingSchema),
    setPending: (key, userid, pending) => write(key, userid, pending, o.pendingTtlMs),
    clearPending: (key) => rows.delete(key),
    openPhotoWindow: (userid, window) => write(photoKey(userid), userid, window, o.photoWindowMs),
    getPhotoWindow: (userid) => read(photoKey(userid), photoWindowSchema),
    markLatestCard: (userid, taskId) => write(`card:${userid}`, userid, { taskId }, LATEST_CARD_MS),
    latestCard: async (userid) => (await read(`card:${userid}`, latestCardSchema))?.taskId,
    rememberPage: (key, userid, page) => write(`page:${key}`, userid, page, o.pendingTtlMs),
    lastPage: (key) => read(`page:${key}`, pageSchema),
  };
}
