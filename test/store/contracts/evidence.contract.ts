/**
 * Evidence photos (domain/evidence.port.ts), run against the in-memory adapter (unit) and GridFS
 * (integration): a file read back byte for byte under the id its save returned.
 */
import { describe, expect, it } from 'vitest';
import type { EvidenceFile, EvidenceStore } from '../../../src/domain/evidence.port.js';
import { freshEach } from './contract-support.js';

const photo = (bytes: number[]): EvidenceFile => ({
  data: Buffer.from(bytes),
  contentType: 'image/jpeg',
  metadata: { proposalId: 'p1', contactId: 'c1', uploadedBy: 'u1', channel: 'wecom-app' },
});

export function evidenceContract(make: () => Promise<EvidenceStore>): void {
  describe('evidence store contract', () => {
    const evidence = freshEach(make);

    it('reads a file back as saved, each under its own id', async () => {
      const file = photo([0xff, 0xd8, 0xff, 0xe0, 0, 1, 2]);
      const first = await evidence.save(file);
      const second = await evidence.save(photo([1, 2, 3]));
      expect(first).not.toBe(second);
      file.data.fill(0);
      expect([...(await evidence.read(first))]).toEqual([0xff, 0xd8, 0xff, 0xe0, 0, 1, 2]);
      expect([...(await evidence.read(second))]).toEqual([1, 2, 3]);
    });

    it('refuses to read a file it does not have', async () => {
      await expect(evidence.read('0123456789abcdef01234567')).rejects.toThrow();
    });
  });
}
