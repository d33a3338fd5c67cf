/**
 * A person of the directory (通讯录), loaded from the directory file. Never deleted: someone
 * removed from the file is set `active: false`, so the ledger's history still names them.
 */
import mongoose, { Schema, type InferSchemaType } from 'mongoose';
import { ROLES } from '../../domain/model.js';

const personSchema = new Schema(
  {
    /** WeCom userid (企业微信账号). */
    userid: { type: String, required: true },
    name: { type: String, required: true },
    roles: { type: [{ type: String, enum: ROLES }], default: [] },
    divisionCode: { type: String },
    /** 界别, for members. */
    sector: { type: String },
    mobile: { type: String },
    active: { type: Boolean, required: true },
  },
  { collection: 'people', timestamps: true, versionKey: false },
);
personSchema.index({ userid: 1 }, { unique: true });
// Imports link proposers by name; chat commands look people up by name.
personSchema.index({ name: 1 });
personSchema.index({ divisionCode: 1 });

export type PersonDoc = InferSchemaType<typeof personSchema>;

export const PersonModel: mongoose.Model<PersonDoc> = mongoose.models.Person ?? mongoose.model<PersonDoc>('Person', personSchema);
