/**
 * One document per proposal version, `_id` = "<proposalId>@<version>". Inserting it is how a change
 * claims the next version: a unique insert is the one write FerretDB 1.24 performs atomically under
 * concurrency (guarded updates are not), so of two concurrent changes exactly one gets the claim.
 * The revision carries the full new state and commits the change: the proposal document is written
 * behind it (store/proposal-versions.ts). Kept afterwards, the revisions are the version history.
 */
import mongoose, { Schema, type InferSchemaType } from 'mongoose';

const revisionSchema = new Schema(
  {
    _id: { type: String, required: true },
    proposalId: { type: String, required: true },
    version: { type: Number, required: true },
    at: { type: Date, required: true },
    doc: { type: Schema.Types.Mixed, required: true },
  },
  { collection: 'proposal_revisions', versionKey: false, minimize: false },
);

revisionSchema.index({ proposalId: 1, version: 1 });

export type ProposalRevisionDoc = InferSchemaType<typeof revisionSchema>;

export const ProposalRevisionModel: mongoose.Model<ProposalRevisionDoc> =
  mongoose.models.ProposalRevision ?? mongoose.model<ProposalRevisionDoc>('ProposalRevision', revisionSchema);
