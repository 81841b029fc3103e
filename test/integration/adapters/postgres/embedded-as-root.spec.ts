import { expect } from 'chai';
import { chmod, lstat, mkdir, mkdtemp, readdir, readlink, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openDatabase } from '../../../../adapters/postgres/index.js';
import { stageBinaries } from '../../../../adapters/postgres/embedded/postgres-binaries.js';
import { claimCluster, TEST_CLUSTER_PREFIX } from '../../../support/abandoned-clusters.js';

const isRoot = process.getuid?.() === 0;

describe('the embedded PostgreSQL and the folders it may use', function () {
  this.timeout(60_000);
  let root: string;
  const messages: string[] = [];
  const log = { info: (m: string) => messages.push(m), warn: (m: string) => messages.push(m), error: (m: string) => messages.push(m) };

  beforeEach(async () => {
    messages.splice(0);
    root = await mkdtemp(path.join(tmpdir(), TEST_CLUSTER_PREFIX));
    await Promise.all([claimCluster(root), chmod(root, 0o755)]);
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  it('as root, keeps the cluster where the postgres user can reach it when it cannot enter the data directory (or the temporary folder)', async function () {
    if (!isRoot) this.skip();
    const privateDir = path.join(root, 'private');
    await mkdir(privateDir, { mode: 0o700 });
    const sharedDir = path.join(root, 'shared');
    // A temporary folder private to root, as pam_tmpdir makes: initdb must not need it.
    const tmpBefore = process.env.TMPDIR;
    process.env.TMPDIR = privateDir;
    const database = await openDatabase({ dataDir: path.join(privateDir, 'data'), sharedDir, log }).finally(() =>
      tmpBefore === undefined ? delete process.env.TMPDIR : (process.env.TMPDIR = tmpBefore),
    );
    try {
      const client = new pg.Client({ connectionString: database.url });
      await client.connect();
      const rows = (await client.query('select current_setting($1) as dir', ['data_directory'])).rows as Array<{ dir: string }>;
      await client.end();
      expect(rows[0]?.dir.startsWith(path.join(sharedDir, 'data-'))).to.equal(true);
      expect(messages.some((m) => m.includes(`cannot enter ${path.join(privateDir, 'data')}`) && m.includes(rows[0]!.dir))).to.equal(true);
      expect((await readdir(path.join(privateDir, 'data'))).sort()).to.deep.equal(['cluster-home', 'postgres.password']);
      expect(await readdir(path.dirname(rows[0]!.dir)), 'no initdb password left beside the cluster').to.deep.equal(['postgres']);
    } finally {
      await database.stop();
    }
  });

  it('as root, gives a data directory made again at the path of a deleted one a cluster of its own, leaving the old one and saying so', async function () {
    if (!isRoot) this.skip();
    const privateDir = path.join(root, 'private');
    await mkdir(privateDir, { mode: 0o700 });
    const [sharedDir, dataDir] = [path.join(root, 'shared'), path.join(privateDir, 'data')];
    const dataDirectoryOf = async (url: string) => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      const rows = (await client.query('select current_setting($1) as dir', ['data_directory'])).rows as Array<{ dir: string }>;
      await client.end();
      return rows[0]!.dir;
    };
    const first = await openDatabase({ dataDir, sharedDir, log });
    const firstDir = await dataDirectoryOf(first.url).finally(() => first.stop());
    await rm(dataDir, { recursive: true });
    messages.splice(0);
    const second = await openDatabase({ dataDir, sharedDir, log });
    try {
      const secondDir = await dataDirectoryOf(second.url);
      expect(secondDir).not.to.equal(firstDir);
      expect(await readdir(firstDir), 'the old cluster is left in place').to.include('PG_VERSION');
      expect(messages.some((m) => m.includes(path.dirname(firstDir)) && m.includes('remove them if nothing needs them'))).to.equal(true);
    } finally {
      await second.stop();
    }
  });

  it('as root, copies the binaries once to a folder only root may change, keeping their links', async function () {
    if (!isRoot) this.skip();
    const native = path.join(root, 'package', 'native');
    await mkdir(path.join(native, 'bin'), { recursive: true });
    await mkdir(path.join(native, 'lib'));
    await writeFile(path.join(root, 'package', 'package.json'), JSON.stringify({ version: '17.0.0-test' }));
    await writeFile(path.join(native, 'bin', 'postgres'), '#!/bin/sh\n', { mode: 0o755 });
    await writeFile(path.join(native, 'bin', 'initdb'), '#!/bin/sh\n', { mode: 0o755 });
    await writeFile(path.join(native, 'lib', 'libpq.so.5.17'), '');
    await symlink('libpq.so.5.17', path.join(native, 'lib', 'libpq.so.5'));
    const installed = { initdb: path.join(native, 'bin', 'initdb'), postgres: path.join(native, 'bin', 'postgres') };
    const sharedDir = path.join(root, 'shared');
    const staged = await stageBinaries(installed, sharedDir);
    expect(staged.postgres).to.equal(path.join(sharedDir, 'postgres-17.0.0-test', 'bin', 'postgres'));
    expect(await readlink(path.join(sharedDir, 'postgres-17.0.0-test', 'lib', 'libpq.so.5'))).to.equal('libpq.so.5.17');
    expect(((await stat(sharedDir)).mode & 0o777).toString(8)).to.equal('755');
    const before = (await lstat(staged.postgres)).ino;
    expect(await stageBinaries(installed, sharedDir)).to.deep.equal(staged);
    expect((await lstat(staged.postgres)).ino, 'not copied again').to.equal(before);
    expect((await readdir(sharedDir)).filter((name) => name.includes('partial'))).to.deep.equal([]);
  });

  it('refuses a shared folder that others may write to', async function () {
    if (!isRoot) this.skip();
    const sharedDir = path.join(root, 'open');
    await mkdir(sharedDir, { mode: 0o777 });
    await chmod(sharedDir, 0o777);
    const installed = { initdb: '/nonexistent/native/bin/initdb', postgres: '/nonexistent/native/bin/postgres' };
    const refusal = await stageBinaries(installed, sharedDir).then(() => 'staged', (error: Error) => error.message);
    expect(refusal).to.equal(`${sharedDir} must belong to root and be writable by root only; fix it or set DATABASE_URL`);
  });
});
