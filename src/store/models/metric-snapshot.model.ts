/**
 * The headline figures as they stood when a weekly summary was built, one per week, so the next
 * summary can say how each 100% target moved ("较上周").
 */
import mongoose, { Schema, type InferSchemaType } from 'mongoose';

const metricSnapshotSchema = new Schema(
  {
    /** 'weekly:2026-W48'. */
    _id: { type: String, required: true },
    kind: { type: String, required: true },
    period: { type: String, required: true },
    at: { type: Date, required: true },
    /** Rates in [0, 1] or null, with their numerators and denominators. */
    figures: { type: Schema.Types.Mixed, required: true },
  },
  { collection: 'metric_snapshots', versionKey: false, minimize: false },
);

export type MetricSnapshotDoc = InferSchemaType<typeof metricSnapshotSchema>;

export const MetricSnapshotModel: mongoose.Model<MetricSnapshotDoc> =
  mongoose.models.MetricSnapshot ?? mongoose.model<MetricSnapshotDoc>('MetricSnapshot', metricSnapshotSchema);
