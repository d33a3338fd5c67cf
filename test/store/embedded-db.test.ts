import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import mongoose from 'mongoose';
import { afterAll, describe, expect, it } from 'vitest';
import { answersPing } from '../../src/store/db.js';
import { ferretdbCachePath, startEmbeddedDb } from '../../src/store/embedded-db.js';
import { createLogger } from '../../src/shared/logger.js';

const dataDir = mkdtempSync(join(tmpdir(), 'tiantong-embedded-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const start = () => startEmbeddedDb({ dataDir, log: createLogger(), ferretdbPath: ferretdbCachePath() });

/** True when the server answers a ping within a short selection timeout. */
const answers = (uri: string): Promise<boolean> => answersPing(uri, 1_000, { direct: true });

describe('embedded database (what npm start uses without MONGODB_URI)', () => {
  it('keeps data under DATA_DIR across a restart and stops when asked', async () => {
    const first = await start();
    const client = new mongoose.mongo.MongoClient(first.uri);
    await client.db().collection('notes').insertOne({ text: '第一次启动' });
    await client.close();
    await first.stop();
    expect(await answers(first.uri)).toBe(false);

    const second = await start();
    try {
      const again = new mongoose.mongo.MongoClient(second.uri);
      const notes = await again
        .db()
        .collection('notes')
        .find({}, { projection: { _id: 0 } })
        .toArray();
      await again.close();
      expect(notes).toEqual([{ text: '第一次启动' }]);
    } finally {
      await second.stop();
    }
  });

  it('stops the server when the process that started it is killed', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'fixtures/start-embedded.ts'), dataDir], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const [line] = (await once(child.stdout, 'data')) as [Buffer];
    const uri = line.toString().trim();
    expect(await answers(uri)).toBe(true);

    child.kill('SIGKILL');
    await once(child, 'exit');
    // The server notices its parent is gone and shuts down; give it a bounded while.
    let up = true;
    for (let i = 0; i < 50 && up; i++) up = await answers(uri);
    expect(up).toBe(false);
  });
});
