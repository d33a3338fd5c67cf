/**
 * Photos taken as evidence of a contact with a member, in MongoDB GridFS (bucket `evidence`),
 * so they live with the ledger and need no separate file server. The ledger keeps the file ids
 * (hex ObjectIds); the metadata is kept as GridFS metadata.
 */
import mongoose from 'mongoose';
import { Readable } from 'node:stream';
import type { EvidenceStore } from '../domain/evidence.port.js';

function bucket(): mongoose.mongo.GridFSBucket {
  const db = mongoose.connection.db;
  if (!db) throw new Error('evidence store: database not connected');
  return new mongoose.mongo.GridFSBucket(db, { bucketName: 'evidence' });
}

export function createEvidenceStore(): EvidenceStore {
  return {
    save(file) {
      return new Promise((resolve, reject) => {
        const name = `${file.metadata.proposalId}/${file.metadata.contactId}`;
        const upload = bucket().openUploadStream(name, { metadata: { ...file.metadata, contentType: file.contentType } });
        Readable.from([file.data])
          .pipe(upload)
          .on('error', reject)
          .on('finish', () => resolve(upload.id.toString()));
      });
    },
    async read(id) {
      const chunks: Buffer[] = [];
      for await (const chunk of bucket().openDownloadStream(new mongoose.Types.ObjectId(id))) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks);
    },
  };
}
