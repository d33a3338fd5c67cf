/**
 * One scheduled run of a job for one period (e.g. weekly-summary for 2026-W48), with the lease
 * of whoever is running it. The unique (job, period) index is what makes a run happen once
 * across restarts and instances.
 * Status: running (leased) → done | failed (retried after its lease, up to a limit).
 */
import mongoose, { Schema, type InferSchemaType } from 'mongoose';

import { JOB_RUN_STATUSES } from '../../domain/job-run.port.js';

const jobRunSchema = new Schema(
  {
    job: { type: String, required: true },
    period: { type: String, required: true },
    status: { type: String, enum: JOB_RUN_STATUSES, required: true },
    /** Instance holding the lease; only it may renew or finish the run. */
    owner: { type: String, required: true },
    leaseUntil: { type: Date, required: true },
    attempts: { type: Number, required: true },
    startedAt: { type: Date, required: true },
    finishedAt: Date,
    /** Messages put in the outbox by this run, and those already there from an earlier attempt. */
    enqueued: { type: Number, default: 0 },
    alreadyQueued: { type: Number, default: 0 },
    error: String,
    /** Jobs that scan (member notices) keep how far they got. */
    cursor: Date,
  },
  { collection: 'job_runs', versionKey: false, minimize: false },
);
jobRunSchema.index({ job: 1, period: 1 }, { unique: true });
jobRunSchema.index({ startedAt: -1 });

export type JobRunDoc = InferSchemaType<typeof jobRunSchema>;

export const JobRunModel: mongoose.Model<JobRunDoc> = mongoose.models.JobRun ?? mongoose.model<JobRunDoc>('JobRun', jobRunSchema);
