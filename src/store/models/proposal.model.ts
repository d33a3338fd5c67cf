/**
 * The ledger collection: one document per proposal, its contacts, replies and audit events embedded,
 * so a change and its event are one atomic single-document update (no multi-document transactions).
 * Nested records are validated by the domain, so they are stored as plain subdocuments here.
 */
import mongoose, { Schema, type InferSchemaType } from 'mongoose';
import { CASE_KINDS } from '../../domain/kind.js';
import { STAGES } from '../../domain/model.js';

const mixedList = { type: [Schema.Types.Mixed], default: [] };

const proposalSchema = new Schema(
  {
    _id: { type: String, required: true },
    // Written on every case (older ones are backfilled at startup, migrations.ts) so that the
    // unique index below never meets a missing field.
    kind: { type: String, enum: CASE_KINDS, required: true },
    session: { type: String, required: true },
    number: { type: String, required: true },
    title: { type: String, required: true },
    summary: { type: String, default: '' },
    proposers: mixedList,
    coSigners: { type: [String], default: [] },
    sector: String,
    filedAt: Date,
    receivedAt: { type: Date, required: true },
    handlingType: { type: String, enum: ['lead', 'co'], required: true },
    externalLeadUnit: String,
    externalCoUnits: { type: [String], default: [] },
    isKey: { type: Boolean, default: false },
    stage: { type: String, enum: STAGES, required: true },
    leadDivision: String,
    assistingDivisions: { type: [String], default: [] },
    responsibleUserid: String,
    handlerUserid: String,
    leaderUserid: String,
    assignedAt: Date,
    milestones: { type: Schema.Types.Mixed, default: {} },
    nextDueAt: Date,
    nextDueMilestone: String,
    contacts: mixedList,
    reply: Schema.Types.Mixed,
    priorReplies: mixedList,
    measures: mixedList,
    feedback: mixedList,
    extensions: mixedList,
    coOpinions: mixedList,
    instructions: mixedList,
    returns: mixedList,
    round: { type: Number, default: 1 },
    reopenedAt: Date,
    archive: Schema.Types.Mixed,
    mergedInto: Schema.Types.Mixed,
    merged: { type: [Schema.Types.Mixed], default: undefined },
    published: Schema.Types.Mixed,
    facts: { type: Schema.Types.Mixed, required: true },
    version: { type: Number, required: true },
    events: mixedList,
  },
  { collection: 'proposals', versionKey: false, minimize: false },
);

// One index behind every query the service and jobs run.
// Numbers are unique per kind and session: 0001 may be a 提案 and a 建议 at once.
proposalSchema.index({ session: 1, number: 1, kind: 1 }, { unique: true });
proposalSchema.index({ number: 1 });
proposalSchema.index({ stage: 1, nextDueAt: 1 });
proposalSchema.index({ nextDueAt: 1 });
proposalSchema.index({ handlerUserid: 1, nextDueAt: 1 });
proposalSchema.index({ leadDivision: 1, stage: 1 });
proposalSchema.index({ assistingDivisions: 1 });
proposalSchema.index({ 'proposers.userid': 1 });
proposalSchema.index({ 'proposers.name': 1 });
proposalSchema.index({ receivedAt: 1 });

export type ProposalDoc = InferSchemaType<typeof proposalSchema>;

export const ProposalModel: mongoose.Model<ProposalDoc> = mongoose.models.Proposal ?? mongoose.model<ProposalDoc>('Proposal', proposalSchema);
