/**
 * Drives the conversation layer as a channel would: seeds the fixture bureau into the test
 * database, builds the real core services on a settable clock, and sends messages through a
 * MessageHandler, collecting what it answers and what it queues in the outbox.
 */
import { randomUUID } from 'node:crypto';
import { PassThrough } from 'node:stream';
import { beforeAll, beforeEach } from 'vitest';
import { runConsoleChat } from '../../src/channels/console/console-chat.js';
import { createCoreServices } from '../../src/main/core.js';
import type { CoreServices } from '../../src/domain/services.js';
import type { InboundMessage, MessageHandler } from '../../src/channels/contract.js';
import type { OutboundBody, Recipient } from '../../src/shared/outbound.js';
import { createConversation } from '../../src/conversation/index.js';
import type { Command } from '../../src/domain/commands.js';
import type { Proposal } from '../../src/domain/model.js';
import { createLogger } from '../../src/shared/logger.js';
import { MongoDirectoryRepository } from '../../src/store/directory.repository.js';
import { LEAD_HAPPY_PATH, actor, divisions, newProposalInput, people } from '../fixtures/ledger.fixture.js';
import { conversationStores } from '../support/conversation-stores.js';

export type Who = keyof typeof people;
export const NOW = new Date('2026-09-28T02:00:00Z'); // Monday 10:00 in Shanghai
export const TITLE = '关于推进乡村振兴的提案';
export const pad = (n: number | string) => String(n).padStart(4, '0');
export const L = (n: number | string) => `第${pad(n)}号《${TITLE}》`;

export interface Queued {
  key: string;
  to: Recipient;
  body: OutboundBody;
  purpose: string;
}

export interface Harness {
  core: CoreServices;
  clock: { at: Date; now(): Date };
  handler: MessageHandler;
  outbox: Queued[];
  /** A new handler on the same database, as after a restart. */
  restart(): MessageHandler;
  /** Registers proposal `n` and walks the first `steps` steps of the lead happy path directly on the ledger. */
  proposal(n: number, steps?: number, over?: Parameters<typeof newProposalInput>[0]): Promise<Proposal>;
  perform(p: Proposal, who: Who, cmd: Command): Promise<Proposal>;
  /** Proposal `n` as stored now. */
  stored(n: number): Promise<Proposal>;
  /** Sends `text` as `who` (a userid for strangers) and returns every body answered. */
  send(who: Who | string, text: string, over?: Partial<InboundMessage>, handler?: MessageHandler): Promise<OutboundBody[]>;
  /** The text answers of one message, joined by newlines. */
  say(who: Who | string, text: string, over?: Partial<InboundMessage>): Promise<string>;
  /** Presses a button; by default on the card that carried it (the newest such card). */
  click(who: Who, key: string, taskId?: string, handler?: MessageHandler): Promise<OutboundBody[]>;
}

export const textOf = (bodies: OutboundBody[]): string =>
  bodies
    .map((b) => (b.type === 'text' ? b.text : b.type === 'markdown' ? b.markdown : b.type === 'cardUpdate' ? `[${b.replaceName}]` : `[card ${b.card.title}]`))
    .join('\n');

export const cardOf = (bodies: OutboundBody[]) => {
  const b = bodies.find((x) => x.type === 'card');
  if (!b || b.type !== 'card') throw new Error(`no card in ${JSON.stringify(bodies)}`);
  return b.card;
};

const userid = (who: string) => (who in people ? people[who as Who].userid : who);

/** Call inside a test or hook (needs the database connected by useTestDb). */
export async function createHarness(options: { outbox?: boolean } = {}): Promise<Harness> {
  await new MongoDirectoryRepository().sync({ divisions, people: Object.values(people) });
  const clock = { at: NOW, now: () => clock.at };
  const outbox: Queued[] = [];
  const keys = new Set<string>();
  /** The task id of the newest card showing each button key, as a person's client would send it. */
  const cardOfKey = new Map<string, string>();
  const seen = (b: OutboundBody) => {
    if (b.type === 'card') for (const x of b.card.buttons) cardOfKey.set(x.key, b.card.taskId);
  };
  const port = {
    async enqueue(m: Queued) {
      if (keys.has(m.key)) return { created: false };
      keys.add(m.key);
      outbox.push(m);
      seen(m.body);
      return { created: true };
    },
  };
  const core = createCoreServices({ clock, outbox: port });
  const make = () =>
    createConversation({ core, log: createLogger({ level: 'silent' }), ...conversationStores(), ...(options.outbox === false ? {} : { outbox: port }) });
  const h: Harness = {
    core,
    clock,
    outbox,
    handler: make(),
    restart: make,
    async proposal(n, steps = 0, over = {}) {
      const { created } = await core.ledger.registerMany([newProposalInput({ number: pad(n), title: TITLE, ...over })], actor(people.coordinator), 'console');
      let p = created[0]!;
      for (const [who, cmd] of LEAD_HAPPY_PATH.slice(0, steps)) p = await h.perform(p, who, cmd);
      return p;
    },
    async stored(n) {
      return (await core.proposals.findByNumber(pad(n)))[0]!;
    },
    perform(p, who, cmd) {
      const resolved = cmd.type === 'superviseMeasure' && cmd.measureId === '$measure' ? { ...cmd, measureId: p.measures[0]!.id } : cmd;
      return core.ledger.perform({ id: p.id }, resolved, actor(people[who]), 'console');
    },
    async send(who, text, over = {}, handler = h.handler) {
      const out: OutboundBody[] = [];
      const id = userid(who);
      const message = {
        channel: 'console',
        messageId: randomUUID(),
        senderId: id,
        chatId: id,
        chatType: 'single',
        at: clock.now(),
        kind: 'text',
        text,
        mentioned: true,
        ...over,
      } as InboundMessage;
      await handler.handle(message, async (b) => void (out.push(b), seen(b)));
      return out;
    },
    async say(who, text, over) {
      return textOf(await h.send(who, text, over));
    },
    async click(who, key, taskId = cardOfKey.get(key) ?? 'task-x', handler = h.handler) {
      const out: OutboundBody[] = [];
      const id = userid(who);
      await handler.handle(
        { channel: 'console', messageId: randomUUID(), senderId: id, chatId: id, chatType: 'single', at: clock.now(), kind: 'cardAction', taskId, key },
        async (b) => void (out.push(b), seen(b)),
      );
      return out;
    },
  };
  return h;
}

/** Creates the file's harness before its tests (handing it to `use`) and sets its clock back to NOW before each test. */
export function setUpHarness(use: (h: Harness) => void, options: { outbox?: boolean } = {}): void {
  let current: Harness | undefined;
  beforeAll(async () => {
    current = await createHarness(options);
    use(current);
  });
  beforeEach(() => {
    if (current) current.clock.at = NOW;
  });
}

/** Types `lines` into the terminal chat as `userid`, each answered before the next, and returns all it printed. */
export async function consoleChat(handler: MessageHandler, userid: string, lines: string[]): Promise<string> {
  const input = new PassThrough();
  const output = new PassThrough();
  let text = '';
  output.on('data', (c: Buffer) => (text += c.toString('utf8')));
  const done = runConsoleChat({ handler, userid, input, output });
  input.end(lines.map((l) => `${l}\n`).join(''));
  await done;
  return text;
}
