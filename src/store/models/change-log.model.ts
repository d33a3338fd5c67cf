/**
 * The change feed between instances: one small insert-only row per proposal version written
 * (carrying the view's compact entry, so readers need no read of the proposal) or per directory
 * sync. Each instance reads the recent rows to keep its in-memory view current; housekeeping
 * deletes rows after minutes, since FerretDB scans the whole collection for every query.
 * `_id` 'epoch' marks this database: a view that finds it gone or changed (database emptied or
 * restored) loads everything again.
 */
import mongoose, { Schema, type InferSchemaType } from 'mongoose';

const changeLogSchema = new Schema(
  {
    /** '<proposalId>@<version>', 'directory:<uuid>' or 'epoch'. */
    _id: { type: String, required: true },
    kind: { type: String, enum: ['proposal', 'directory', 'epoch'], required: true },
    /** Wall-clock time of the write (the epoch row: when it was created). */
    at: { type: Date, required: true },
    entry: Schema.Types.Mixed,
    epoch: String,
  },
  { collection: 'change_log', versionKey: false, minimize: false },
);

changeLogSchema.index({ at: 1 });

export type ChangeLogDoc = InferSchemaType<typeof changeLogSchema>;

export const ChangeLogModel: mongoose.Model<ChangeLogDoc> = mongoose.models.ChangeLog ?? mongoose.model<ChangeLogDoc>('ChangeLog', changeLogSchema);
