/**
 * A local database for `npm start` (and the tests) when MONGODB_URI is unset, so a developer
 * needs nothing installed by hand. Tried in order, the first that works wins:
 *   1. `mongod` on PATH            data in DATA_DIR/mongo
 *   2. FerretDB 1.x                binary from PATH, or DATA_DIR/bin/ferretdb, else built once
 *                                  with Go (scripts/build-ferretdb.sh); its storage:
 *      a. PostgreSQL, when Debian's server is installed (/usr/lib/postgresql/<ver>/bin): a
 *         cluster of our own in DATA_DIR/postgres. FerretDB reads and writes by `_id` about ten
 *         times faster on it than on SQLite (it still scans whole collections for other filters).
 *      b. SQLite otherwise          data in DATA_DIR/ferretdb
 *   3. mongodb-memory-server       data in DATA_DIR/mms (downloads mongod on first use)
 * FERRETDB_BACKEND=sqlite (or postgresql) chooses FerretDB's storage instead.
 * Servers listen on a free loopback port and are stopped when this process exits.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { accessSync, chmodSync, chownSync, constants, existsSync, mkdirSync, openSync, closeSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FerretdbBackend } from '../config/env.js';
import type { Logger } from '../shared/logger.js';
import { answersPing } from './db.js';

export type EmbeddedKind = 'mongod' | 'ferretdb-postgresql' | 'ferretdb-sqlite' | 'memory-server';

export interface EmbeddedDb {
  /** Names the `tiantong` database. */
  uri: string;
  kind: EmbeddedKind;
  stop(): Promise<void>;
}

export interface EmbeddedDbOptions {
  /** Absolute; created if missing. */
  dataDir: string;
  log: Logger;
  /** Where to look for, or build, the FerretDB binary. Default DATA_DIR/bin/ferretdb. */
  ferretdbPath?: string;
  /** FerretDB's storage; default PostgreSQL when its server is installed, else SQLite. */
  ferretdbBackend?: FerretdbBackend;
}

export const FERRETDB_VERSION = 'v1.24.2';

/** A per-user cache for the FerretDB build, shared by the tests and CI so it is built once. */
export const ferretdbCachePath = (): string => join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'tiantong', `ferretdb-${FERRETDB_VERSION}`);

const DB_NAME = 'tiantong';
const START_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 10_000;
const BUILD_SCRIPT = fileURLToPath(new URL('../../scripts/build-ferretdb.sh', import.meta.url));

export async function startEmbeddedDb(options: EmbeddedDbOptions): Promise<EmbeddedDb> {
  const { dataDir, log } = options;
  mkdirSync(dataDir, { recursive: true });

  const mongod = findOnPath('mongod');
  if (mongod) return startMongod(mongod, dataDir, log);

  const ferretdb = findFerretdb(options.ferretdbPath ?? join(dataDir, 'bin', 'ferretdb'), log);
  if (ferretdb) {
    const postgres = options.ferretdbBackend === 'sqlite' ? undefined : findPostgres();
    if (postgres) return startFerretdbOnPostgres(ferretdb, postgres, dataDir, log);
    if (options.ferretdbBackend === 'postgresql')
      throw new Error(`FERRETDB_BACKEND=postgresql, but no PostgreSQL server is installed (${PG_ROOT}/<version>/bin; Debian: apt-get install postgresql)`);
    return startFerretdb(ferretdb, dataDir, log);
  }

  return startMemoryServer(dataDir, log);
}

async function startMongod(bin: string, dataDir: string, log: Logger): Promise<EmbeddedDb> {
  const dbPath = join(dataDir, 'mongo');
  mkdirSync(dbPath, { recursive: true });
  const port = await freePort();
  const args = ['--dbpath', dbPath, '--bind_ip', '127.0.0.1', '--port', String(port)];
  return startServer('mongod', bin, args, port, join(dataDir, 'mongod.log'), log);
}

async function startFerretdb(bin: string, dataDir: string, log: Logger): Promise<EmbeddedDb> {
  const dir = join(dataDir, 'ferretdb');
  mkdirSync(dir, { recursive: true });
  const port = await freePort();
  const args = ['--handler=sqlite', `--sqlite-url=file:${dir}/`, ...ferretdbArgs(dir, port)];
  return startServer('ferretdb-sqlite', bin, args, port, join(dataDir, 'ferretdb.log'), log);
}

const ferretdbArgs = (stateDir: string, port: number): string[] => [
  `--state-dir=${stateDir}`,
  `--listen-addr=127.0.0.1:${port}`,
  '--debug-addr=-',
  '--telemetry=disable',
  '--log-level=warn',
];

const PG_ROOT = '/usr/lib/postgresql';

/** The newest installed PostgreSQL server's bin directory (Debian's layout), if any. */
function findPostgres(): string | undefined {
  let versions: string[];
  try {
    versions = readdirSync(PG_ROOT).filter((v) => /^\d+$/.test(v));
  } catch {
    return undefined;
  }
  return versions
    .sort((a, b) => Number(b) - Number(a))
    .map((v) => join(PG_ROOT, v, 'bin'))
    .find((bin) => ['initdb', 'postgres', 'pg_isready'].every((tool) => isExecutable(join(bin, tool))));
}

interface RunAs {
  uid: number;
  gid: number;
}

/** initdb and postgres refuse to run as root: started as root, they run as the `postgres` user. */
function postgresRunAs(): RunAs | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const entry = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .map((line) => line.split(':'))
    .find((f) => f[0] === 'postgres');
  if (!entry) throw new Error('started as root, and there is no unprivileged user "postgres" to run PostgreSQL as');
  return { uid: Number(entry[2]), gid: Number(entry[3]) };
}

/** A PostgreSQL cluster of our own in DATA_DIR/postgres (created on first use), then FerretDB on it. */
async function startFerretdbOnPostgres(ferretdb: string, pgBin: string, dataDir: string, log: Logger): Promise<EmbeddedDb> {
  const pgData = join(dataDir, 'postgres');
  const runAs = postgresRunAs();
  mkdirSync(pgData, { recursive: true, mode: 0o700 });
  if (runAs) {
    chownSync(pgData, runAs.uid, runAs.gid);
    // The postgres user must reach DATA_DIR/postgres: let it pass through DATA_DIR (not read it).
    chmodSync(dataDir, statSync(dataDir).mode | 0o001);
  }
  const pgLog = join(dataDir, 'postgres.log');
  if (!existsSync(join(pgData, 'PG_VERSION'))) {
    const init = spawnSync(join(pgBin, 'initdb'), ['-D', pgData, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--locale=C.UTF-8'], {
      encoding: 'utf8',
      ...runAs,
    });
    if (init.status !== 0) throw new Error(`initdb failed in ${pgData}: ${init.stderr || init.error}`);
  }
  const pgPort = await freePort();
  // TCP on loopback only; no Unix socket (its path would have to fit in 107 bytes).
  const pgArgs = ['-D', pgData, '-p', String(pgPort), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='];
  const postgres = spawnTied(join(pgBin, 'postgres'), pgArgs, pgLog, runAs);
  let pgExited = false;
  postgres.once('exit', () => (pgExited = true));
  try {
    await waitUntil(
      () => spawnSync(join(pgBin, 'pg_isready'), ['-h', '127.0.0.1', '-p', String(pgPort), '-t', '1']).status === 0,
      () => pgExited,
    );
  } catch (err) {
    await stopTied(postgres);
    throw new Error(`PostgreSQL did not start (${String(err)}); last lines of ${pgLog}:\n${tail(pgLog)}`);
  }
  const dir = join(dataDir, 'ferretdb-pg');
  mkdirSync(dir, { recursive: true });
  const port = await freePort();
  const args = ['--handler=postgresql', `--postgresql-url=postgres://postgres@127.0.0.1:${pgPort}/postgres`, ...ferretdbArgs(dir, port)];
  try {
    const db = await startServer('ferretdb-postgresql', ferretdb, args, port, join(dataDir, 'ferretdb.log'), log);
    return {
      ...db,
      async stop() {
        // FerretDB first: PostgreSQL's shutdown waits for its clients.
        await db.stop();
        await stopTied(postgres);
      },
    };
  } catch (err) {
    await stopTied(postgres);
    throw err;
  }
}

async function startMemoryServer(dataDir: string, log: Logger): Promise<EmbeddedDb> {
  const dbPath = join(dataDir, 'mms');
  mkdirSync(dbPath, { recursive: true });
  log.info({ dbPath }, 'no mongod or FerretDB found; starting mongodb-memory-server (may download mongod)');
  const { MongoMemoryServer } = await import('mongodb-memory-server-core');
  let server;
  try {
    server = await MongoMemoryServer.create({ instance: { dbPath, ip: '127.0.0.1', storageEngine: 'wiredTiger' } });
  } catch (err) {
    throw new Error(
      '无法启动内置数据库：请设置 MONGODB_URI，或安装 mongod、ferretdb 或 Go 后重试。' +
        ` / Could not start an embedded database: set MONGODB_URI, or install mongod, ferretdb or Go. (${String(err)})`,
    );
  }
  const uri = server.getUri(DB_NAME);
  log.info({ kind: 'memory-server', uri, dbPath }, 'embedded database started');
  return { uri, kind: 'memory-server', stop: async () => void (await server.stop({ doCleanup: false })) };
}

/** Spawns a server tied to this process, waits until it answers a ping. */
async function startServer(kind: EmbeddedKind, bin: string, args: string[], port: number, logFile: string, log: Logger): Promise<EmbeddedDb> {
  const child = spawnTied(bin, args, logFile);
  const uri = `mongodb://127.0.0.1:${port}/${DB_NAME}`;
  let exited = false;
  child.once('exit', () => (exited = true));
  try {
    await waitForPing(uri, () => exited);
  } catch (err) {
    await stopTied(child);
    throw new Error(`${kind} did not start (${String(err)}); last lines of ${logFile}:\n${tail(logFile)}`);
  }
  log.info({ kind, uri, bin, logFile }, 'embedded database started');
  return { uri, kind, stop: () => stopTied(child) };
}

/**
 * Runs the server under a tiny `sh` watchdog that kills it when its stdin (a pipe from this
 * process) closes, which happens however this process ends, even on SIGKILL. The watchdog
 * leads its own process group, so `stopTied` can end the group as a whole.
 */
function spawnTied(bin: string, args: string[], logFile: string, runAs?: RunAs): ChildProcess {
  // sh gives background jobs /dev/null as stdin, hence the pipe is passed on as fd 3.
  const watchdog = 'exec 3<&0; "$@" 3<&- & c=$!; (cat <&3 >/dev/null; kill $c 2>/dev/null) & wait $c';
  const out = openSync(logFile, 'a');
  const child = spawn('sh', ['-c', watchdog, 'sh', bin, ...args], {
    stdio: ['pipe', out, out],
    detached: true,
    ...runAs,
  });
  closeSync(out);
  const killGroup = (): void => {
    if (child.pid && child.exitCode === null) {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        // Already gone.
      }
    }
  };
  process.once('exit', killGroup);
  child.once('exit', () => process.off('exit', killGroup));
  return child;
}

async function stopTied(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  child.stdin?.end();
  const timer = setTimeout(() => {
    if (child.pid) process.kill(-child.pid, 'SIGKILL');
  }, STOP_TIMEOUT_MS);
  await exited;
  clearTimeout(timer);
}

function waitForPing(uri: string, hasExited: () => boolean): Promise<void> {
  return waitUntil(() => answersPing(uri, 500, { direct: true }), hasExited);
}

async function waitUntil(ready: () => boolean | Promise<boolean>, hasExited: () => boolean): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    if (hasExited()) throw new Error('server exited');
    if (await ready()) return;
    if (Date.now() > deadline) throw new Error(`not ready within ${START_TIMEOUT_MS} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

function findFerretdb(buildTarget: string, log: Logger): string | undefined {
  const candidates = [findOnPath('ferretdb'), buildTarget].filter((p): p is string => p !== undefined);
  for (const bin of candidates) {
    if (!isExecutable(bin)) continue;
    if (isFerretdbV1(bin)) return bin;
    log.warn({ bin }, 'ignoring ferretdb: it is not a working FerretDB 1.x build');
  }
  if (!findOnPath('go')) return undefined;
  log.info({ out: buildTarget }, `building FerretDB ${FERRETDB_VERSION} with Go (once)`);
  // Build chatter goes to stderr so stdout stays JSON log lines.
  const built = spawnSync('bash', [BUILD_SCRIPT, buildTarget], { stdio: ['ignore', process.stderr, 'inherit'] });
  if (built.status !== 0) {
    log.warn({ status: built.status }, 'FerretDB build failed');
    return undefined;
  }
  return buildTarget;
}

/** A `go install`ed FerretDB panics without version.txt, so "exists" is not enough. */
function isFerretdbV1(bin: string): boolean {
  const r = spawnSync(bin, ['--version'], { encoding: 'utf8', timeout: 10_000 });
  return r.status === 0 && /version: v1\./.test(r.stdout);
}

function findOnPath(name: string): string | undefined {
  return (process.env.PATH ?? '')
    .split(delimiter)
    .filter((dir) => dir !== '')
    .map((dir) => join(dir, name))
    .find(isExecutable);
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      srv.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

function tail(file: string, lines = 20): string {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}
