/**
 * Proposal versions committed (their revision written) that the proposal document may not show
 * yet: a change is committed by its revision insert, and the document is brought up to date behind
 * it (store/proposal-versions.ts), because on FerretDB 1.24's SQLite backend an update by `_id`
 * parses every document in the table. A row is inserted before its revision and deleted once the
 * document shows that version, so readers of several documents roll forward exactly the ones
 * listed here. Small: rows live for the seconds between a change and its document write.
 */
import mongoose, { Schema, type InferSchemaType } from 'mongoose';

const pendingSchema = new Schema(
  {
    /** '<proposalId>@<version>', as the revision's. */
    _id: { type: String, required: true },
    proposalId: { type: String, required: true },
    version: { type: Number, required: true },
    at: { type: Date, required: true },
  },
  { collection: 'proposal_pending', versionKey: false },
);

pendingSchema.index({ proposalId: 1, version: 1 });

export type ProposalPendingDoc = InferSchemaType<typeof pendingSchema>;

export const ProposalPendingModel: mongoose.Model<ProposalPendingDoc> =
  mongoose.models.ProposalPending ?? mongoose.model<ProposalPendingDoc>('ProposalPending', pendingSchema);
