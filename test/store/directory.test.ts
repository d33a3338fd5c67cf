import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { DirectoryConfigError, parseDirectoryYaml } from '../../src/config/directory.config.js';
import { MongoDirectoryRepository } from '../../src/store/directory.repository.js';
import { PersonModel } from '../../src/store/models/person.model.js';
import { useTestDb } from '../support/test-db.js';

const exampleYaml = await readFile(new URL('../../config/directory.example.yaml', import.meta.url), 'utf8');

useTestDb({ cleanBeforeEach: true });

describe('directory file', () => {
  it('reads the shipped example: divisions with aliases, leaders, coordinators and members', () => {
    const file = parseDirectoryYaml(exampleYaml);
    expect(file.bureau).toBe('省乡村振兴局');
    expect(file.divisions.find((d) => d.kind === 'coordinating')?.name).toBe('政策法规处');
    expect(file.divisions.some((d) => d.kind === 'monitoring' && d.name === '监测中心')).toBe(true);
    expect(file.people.filter((p) => p.roles.includes('leader')).length).toBeGreaterThanOrEqual(3);
    expect(file.people.filter((p) => p.roles.includes('member')).map((p) => p.name)).toContain('卢涛');
  });

  it('lists every problem at once, with its key path, in Chinese', () => {
    const yaml = [
      'bureau: 省乡村振兴局',
      'divisions:',
      '  - { code: zcfg, name: 政策法规处, kind: coordinating, head: nobody }',
      '  - { code: zcfg, name: 综合处 }',
      'people:',
      '  - { userid: u1, name: 张三, roles: [boss], division: nowhere }',
      '  - { userid: u1, name: 李四, roles: [handler] }',
    ].join('\n');
    let error: unknown;
    try {
      parseDirectoryYaml(yaml, 'bad.yaml');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DirectoryConfigError);
    const problems = (error as DirectoryConfigError).problems;
    expect(problems).toHaveLength(5);
    expect(problems.join('\n')).toMatch(/people\[0\]\.roles\[0\]（张三）：未知角色“boss”/);
    expect(problems.join('\n')).toMatch(/people\[0\]\.division（张三）：未知处室代码 nowhere/);
    expect(problems.join('\n')).toMatch(/people\[1\]\.userid（李四）：userid u1 重复/);
    expect(problems.join('\n')).toMatch(/divisions\[1\]\.code（综合处）：处室代码 zcfg 重复/);
    expect(problems.join('\n')).toMatch(/divisions\[0\]\.head（政策法规处）：未知人员 userid nobody/);
    expect((error as Error).message).toMatch(/^通讯录文件 bad\.yaml 有 5 处错误，未做任何更改/);
  });
});

describe('MongoDirectoryRepository', () => {
  const repo = new MongoDirectoryRepository();

  it('loads the directory, and loading the same file again changes nothing', async () => {
    const file = parseDirectoryYaml(exampleYaml);
    const first = await repo.sync(file);
    expect(first.people.added).toHaveLength(file.people.length);
    expect(first.divisions.added).toHaveLength(file.divisions.length);

    const before = await PersonModel.find({}).sort({ userid: 1 }).lean();
    const second = await repo.sync(parseDirectoryYaml(exampleYaml));
    expect(second.people).toEqual({ added: [], updated: [], deactivated: [], unchanged: file.people.length });
    expect(second.divisions).toEqual({ added: [], updated: [], deactivated: [], unchanged: file.divisions.length });
    expect(await PersonModel.find({}).sort({ userid: 1 }).lean()).toEqual(before);
  });

  it('deactivates whoever leaves the file, keeps them findable, and reactivates them on return', async () => {
    const file = parseDirectoryYaml(exampleYaml);
    await repo.sync(file);
    const without = {
      ...file,
      people: file.people.filter((p) => p.userid !== 'xiaoli'),
      divisions: file.divisions.filter((d) => d.code !== 'jczx'),
    };
    // The monitoring centre's people must leave with it, or the file would not validate.
    without.people = without.people.filter((p) => p.divisionCode !== 'jczx');
    const report = await repo.sync(without);
    expect(report.people.deactivated.sort()).toEqual(['fengyu', 'panlin', 'xiaoli']);
    expect(report.divisions.deactivated).toEqual(['jczx']);

    expect(await repo.findPerson('xiaoli')).toMatchObject({ name: '肖莉', active: false });
    expect(await repo.listPeople({ divisionCode: 'zhc', activeOnly: true })).toEqual([expect.objectContaining({ userid: 'liuyang' })]);
    expect(await repo.findDivision('监测中心')).toMatchObject({ code: 'jczx', active: false });
    expect(await PersonModel.countDocuments({})).toBe(file.people.length);

    const back = await repo.sync(file);
    expect(back.people.updated.sort()).toEqual(['fengyu', 'panlin', 'xiaoli']);
    expect(await repo.findPerson('xiaoli')).toMatchObject({ active: true });
  });

  it('applies edits and drops fields removed from the file', async () => {
    const file = parseDirectoryYaml(exampleYaml);
    await repo.sync(file);
    const edited = {
      ...file,
      people: file.people.map((p) => (p.userid === 'hefang' ? { userid: 'hefang', name: '何芳', roles: p.roles, active: true } : p)),
    };
    const report = await repo.sync(edited);
    expect(report.people.updated).toEqual(['hefang']);
    const hefang = await repo.findPerson('hefang');
    expect(hefang).not.toHaveProperty('mobile');
    expect(hefang).not.toHaveProperty('divisionCode');
  });

  it('finds divisions by code, name or alias, and people by name and role', async () => {
    await repo.sync(parseDirectoryYaml(exampleYaml));
    for (const label of ['zcfg', '政策法规处', '政法处', ' 法规处 ']) {
      expect((await repo.findDivision(label))?.code).toBe('zcfg');
    }
    expect(await repo.findDivision('不存在的处')).toBeNull();
    expect(await repo.findPeopleByName('卢涛')).toEqual([expect.objectContaining({ userid: 'lutao', roles: ['member'] })]);
    const coordinators = await repo.listPeople({ role: 'coordinator' });
    expect(coordinators.map((p) => p.userid).sort()).toEqual(['hefang', 'luoxin', 'wangjian']);
    expect((await repo.listDivisions()).map((d) => d.code)).toContain('jczx');
  });

  it('refuses two people with the same userid at the database level too', async () => {
    await repo.sync(parseDirectoryYaml(exampleYaml));
    await expect(PersonModel.create({ userid: 'lutao', name: '别人', roles: ['member'], active: true })).rejects.toThrow(/duplicate key/);
  });
});
