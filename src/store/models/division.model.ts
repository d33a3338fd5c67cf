/**
 * A division (处室) of the bureau, loaded from the directory file. Never deleted: a division
 * removed from the file is set `active: false`, so proposals it handled still resolve.
 */
import mongoose, { Schema, type InferSchemaType } from 'mongoose';

const divisionSchema = new Schema(
  {
    code: { type: String, required: true },
    name: { type: String, required: true },
    /** Short names typed in chat, e.g. 政法处. */
    aliases: { type: [String], default: [] },
    kind: { type: String, enum: ['coordinating', 'handling', 'monitoring'], required: true },
    /** 处长 (第一责任人). */
    headUserid: { type: String },
    /** 分管负责同志. */
    leaderUserid: { type: String },
    active: { type: Boolean, required: true },
  },
  { collection: 'divisions', timestamps: true, versionKey: false },
);
divisionSchema.index({ code: 1 }, { unique: true });
divisionSchema.index({ name: 1 });
divisionSchema.index({ aliases: 1 });

export type DivisionDoc = InferSchemaType<typeof divisionSchema>;

export const DivisionModel: mongoose.Model<DivisionDoc> = mongoose.models.Division ?? mongoose.model<DivisionDoc>('Division', divisionSchema);
