/**
 * What the ledger and the conversation rely on from the directory (domain/ports.ts), run against
 * the in-memory adapter (unit) and the MongoDB one (integration): syncing a directory file is
 * idempotent, deactivates what the file no longer names and never deletes it, and names resolve
 * to people and divisions (an alias to the active division).
 */
import { describe, expect, it } from 'vitest';
import type { Division, Person } from '../../../src/domain/model.js';
import type { DirectoryStore } from '../../../src/domain/ports.js';
import { divisions, people } from '../../fixtures/ledger.fixture.js';
import { freshEach } from './contract-support.js';

const everyone = Object.values(people);
const ids = (xs: { userid: string }[]) => xs.map((x) => x.userid).sort();

export function directoryContract(make: () => Promise<DirectoryStore>): void {
  describe('directory store contract', () => {
    const directory = freshEach(make);

    it('loads a directory file, and loading it again changes nothing', async () => {
      const first = await directory.sync({ divisions, people: everyone });
      expect(first.divisions).toEqual({ added: divisions.map((d) => d.code), updated: [], deactivated: [], unchanged: 0 });
      expect(first.people.added.sort()).toEqual(ids(everyone));
      const again = await directory.sync({ divisions, people: everyone });
      expect(again).toEqual({
        divisions: { added: [], updated: [], deactivated: [], unchanged: divisions.length },
        people: { added: [], updated: [], deactivated: [], unchanged: everyone.length },
      });
      expect(await directory.findPerson(people.head.userid)).toEqual(people.head);
      expect((await directory.listDivisions()).map((d) => d.code).sort()).toEqual(divisions.map((d) => d.code).sort());
    });

    it('updates what changed and deactivates, never deletes, what the file no longer names', async () => {
      await directory.sync({ divisions, people: [...everyone, { ...people.member, userid: 'wy-zhou', name: '周委员', mobile: '13800000000' }] });
      const moved: Person = { ...people.handler, divisionCode: 'shbf' };
      const report = await directory.sync({
        divisions: divisions.filter((d) => d.code !== 'shbf').concat({ ...divisions[2]!, code: 'shbf2', active: true }),
        people: [...everyone.filter((p) => p !== people.otherHandler && p !== people.handler), moved, { ...people.member, userid: 'wy-zhou', name: '周委员' }],
      });
      expect(report.people).toMatchObject({ added: [], deactivated: ['bf-staff'], unchanged: everyone.length - 2 });
      expect(report.people.updated.sort()).toEqual(['kf-staff', 'wy-zhou']);
      expect(report.divisions).toMatchObject({ added: ['shbf2'], deactivated: ['shbf'] });
      expect(await directory.findPerson('bf-staff')).toEqual({ ...people.otherHandler, active: false });
      expect(await directory.findPerson('kf-staff')).toEqual(moved);
      expect(await directory.findPerson('wy-zhou')).not.toHaveProperty('mobile');
      expect(ids(await directory.listPeople({ role: 'handler' }))).toEqual(['bf-staff', 'kf-staff']);
      expect(ids(await directory.listPeople({ role: 'handler', activeOnly: true }))).toEqual(['kf-staff']);
      expect(ids(await directory.listPeople({ divisionCode: 'shbf' }))).toEqual(['bf-head', 'bf-staff', 'kf-staff']);
      // Named again: active again.
      await directory.sync({ divisions, people: everyone });
      expect((await directory.findPerson('bf-staff'))?.active).toBe(true);
    });

    it('resolves a division by code, name or alias, the active one before an old one', async () => {
      const old: Division = { code: 'zcfg-old', name: '法规处', aliases: ['政法处'], kind: 'coordinating', active: true };
      await directory.sync({ divisions: [old, ...divisions], people: [] });
      await directory.sync({ divisions, people: [] });
      for (const label of ['zcfg', '政策法规处', '政法处', ' 政法处 ']) expect((await directory.findDivision(label))?.code).toBe('zcfg');
      expect((await directory.findDivision('zcfg-old'))?.active).toBe(false);
      expect((await directory.findDivision('法规处'))?.code).toBe('zcfg-old');
      expect(await directory.findDivision('农业处')).toBeNull();
    });

    it('finds people by name', async () => {
      await directory.sync({ divisions, people: everyone });
      expect(ids(await directory.findPeopleByName(' 钱专员 '))).toEqual(['kf-staff']);
      expect(await directory.findPeopleByName('无名氏')).toEqual([]);
      expect(await directory.findPerson('nobody')).toBeNull();
    });
  });
}
