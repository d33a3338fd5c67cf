/**
 * Desk work on the web: the same ledger commands as the chat (交办, 改派, 催办, 签发 and 签发退回,
 * 延期 decisions, 归档), 更正台账 and the reply's 正文, checked by the same domain rules and recorded with the same
 * audit events, channel 'web'. Each form carries the proposal's version, so a form left open while someone else
 * acted is refused instead of applied to a changed case.
 */
import Router from '@koa/router';
import { z } from 'zod';
import type { Command } from '../domain/commands.js';
import type { Actor, Proposal } from '../domain/model.js';
import { REPLY_BODY_MAX } from '../domain/workflow.js';
import { isLocalDate, startOfLocalDay } from '../domain/shanghai-time.js';
import { membersByName, proposerNamed } from '../domain/member-links.js';
import { splitList } from '../ledger-io/proposal-table.parser.js';
import { parseInput, viewerOf } from './respond.js';
import type { WebPart } from './web-deps.js';
import { webTexts as t } from './web.texts.js';

const idSchema = z.string().regex(/^[\w-]{1,64}$/, '提案编号格式不对');
const code = z
  .string()
  .trim()
  .regex(/^[\w.-]{1,64}$/, '请选择处室');
const text = (what: string, max = 500) => z.string().trim().max(max, `${what}最长 ${max} 字`);
const optionalText = (what: string) =>
  text(what)
    .optional()
    .transform((v) => v || undefined);
const list = (what: string) => text(what, 1000).transform(splitList);
const cleared = (what: string, max = 200) => text(what, max).transform((v) => v || null);
const version = z.coerce.number({ error: '页面已过期，请刷新后再操作' }).int().min(1);

/** The forms the proposal page offers, as the commands they run. */
export const deskForm = z.discriminatedUnion('action', [
  z.object({ action: z.literal('assign'), version, leadDivision: code, assisting: list('协办处室').optional(), note: optionalText('说明') }),
  z.object({
    action: z.literal('reassign'),
    version,
    leadDivision: code,
    assisting: list('协办处室').optional(),
    reason: text('改派理由').min(1, '请填写改派理由，例如：更适合由社会帮扶处牵头'),
  }),
  z.object({ action: z.literal('chase'), version, note: optionalText('催办内容') }),
  z.object({ action: z.literal('signOff'), version, decision: z.enum(['approve', 'back'], { error: '请选择签发或退回' }), note: optionalText('意见') }),
  z.object({
    action: z.literal('decideExtension'),
    version,
    decision: z.enum(['approve', 'reject'], { error: '请选择批准或不批准' }),
    note: optionalText('意见'),
  }),
  z.object({ action: z.literal('archive'), version, note: optionalText('说明') }),
  // Line breaks are the paragraphs; the domain keeps every paragraph as typed.
  z.object({ action: z.literal('replyBody'), version, body: text('答复正文', REPLY_BODY_MAX).min(1, '请填写答复正文，每段一行，段与段之间换行') }),
  z.object({
    action: z.literal('correct'),
    version,
    title: text('案由').min(1, '请填写案由'),
    summary: text('内容摘要', 5000),
    proposers: list('提案人').refine((names) => names.length > 0, '请至少填写一位提案人，多位之间用顿号分隔，例如：陈委员、刘委员'),
    coSigners: list('联名提案人'),
    sector: cleared('界别', 100),
    filedAt: z
      .string()
      .trim()
      .refine((s) => s === '' || isLocalDate(s), '立案日期格式应为 YYYY-MM-DD，例如 2026-01-20')
      .transform((s) => (s ? startOfLocalDay(s) : null)),
    handlingType: z.enum(['lead', 'co'], { error: '办理类型只能是主办或协办' }),
    externalLeadUnit: cleared('主办单位'),
    externalCoUnits: list('外单位协办'),
    isKey: z
      .literal('on')
      .optional()
      .transform((v) => v === 'on'),
    reason: text('更正理由').min(1, '请填写更正理由，例如：与提案原件核对，案由录入有误'),
  }),
]);
export type DeskForm = z.infer<typeof deskForm>;
export const DESK_ACTIONS = ['assign', 'reassign', 'chase', 'signOff', 'decideExtension', 'archive', 'correct', 'replyBody'] as const;

/** Proposers by name: the one already on the case keeps its link, a new name is linked to the directory. */
type LinkProposer = (name: string) => Proposal['proposers'][number];

function toCommand(f: DeskForm, link: LinkProposer): Command {
  switch (f.action) {
    case 'assign':
      return { type: 'assign', leadDivision: f.leadDivision, assisting: f.assisting ?? [], ...(f.note && { note: f.note }) };
    case 'reassign':
      return { type: 'reassign', leadDivision: f.leadDivision, assisting: f.assisting ?? [], reason: f.reason };
    case 'chase':
      return { type: 'chase', ...(f.note && { note: f.note }) };
    case 'signOff':
      return { type: 'signOff', approve: f.decision === 'approve', ...(f.note && { note: f.note }) };
    case 'decideExtension':
      return { type: 'decideExtension', approve: f.decision === 'approve', ...(f.note && { note: f.note }) };
    case 'archive':
      return { type: 'archive', ...(f.note && { note: f.note }) };
    case 'replyBody':
      return { type: 'replyBody', text: f.body };
    case 'correct': {
      const { action: _a, version: _v, reason, proposers, ...fields } = f;
      return { type: 'correct', fields: { ...fields, proposers: proposers.map(link) }, reason };
    }
  }
}

export function deskRoutes(o: WebPart<'directory' | 'ledger', 'log'>): Router {
  const router = new Router();

  /** Only a correction names proposers; the others never read the directory for it. */
  const proposerLinker = async (form: DeskForm, id: string, actor: Actor): Promise<LinkProposer> => {
    if (form.action !== 'correct') return (name) => ({ name });
    const [current, members] = await Promise.all([o.core.ledger.get(id, actor), o.core.directory.listPeople({ role: 'member' })]);
    const byName = membersByName(members);
    return (name) => current.proposers.find((x) => x.name === name) ?? proposerNamed(name, current.sector, byName);
  };

  router.post('/proposals/:id/act', async (ctx) => {
    const viewer = viewerOf(ctx);
    const id = parseInput(idSchema, ctx.params.id);
    const form = parseInput(deskForm, ctx.state.form ?? {});
    const p = await o.core.ledger.perform(
      { id, expectedVersion: form.version },
      toCommand(form, await proposerLinker(form, id, viewer.actor)),
      viewer.actor,
      'web',
    );
    o.log.info({ proposal: p.number, action: form.action, by: viewer.actor.userid }, 'desk action from the web console');
    ctx.redirect(`/proposals/${encodeURIComponent(id)}?done=${form.action}`);
  });
  return router;
}

export const deskDone = (action: string | undefined): string | undefined =>
  action && (DESK_ACTIONS as readonly string[]).includes(action) ? t.desk.done[action as (typeof DESK_ACTIONS)[number]] : undefined;
