import { execFile } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { cp, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect } from 'chai';
import { DEFAULT_ACCOUNTS, startJiraSimulator, type JiraSimulator } from '../../apps/simulator/jira/index.js';
import { scratchDatabase } from '../support/test-database.js';

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '../..');
const CONSUMER = path.join(import.meta.dirname, 'consumer');

interface PackedFile {
  readonly path: string;
}

/** The packages the consumer needs, taken from the repository's own node_modules: no registry is asked. */
const linkDependencies = async (project: string) => {
  const own = JSON.parse(await readFile(path.join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
  const consumer = JSON.parse(await readFile(path.join(CONSUMER, 'package.json'), 'utf8')) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };
  const names = new Set([...Object.keys(own.dependencies), ...Object.keys(consumer.dependencies), ...Object.keys(consumer.devDependencies)]);
  for (const name of names) {
    const link = path.join(project, 'node_modules', name);
    await mkdir(path.dirname(link), { recursive: true });
    await symlink(path.join(ROOT, 'node_modules', name), link, 'dir');
  }
};

describe('the taskport package, packed, installed and imported by name', function () {
  // The slowest single test: `npm pack` compiles the package (tsc -b; a minute or more from a clean checkout).
  this.timeout(600_000);
  let work: string;
  let jira: JiraSimulator;
  let database: { url: string; stop: () => Promise<void> };
  let files: ReadonlyArray<string>;
  let tarball: string;

  before(async () => {
    work = await mkdtemp(path.join(tmpdir(), 'taskport-package-'));
    const { stdout } = await run('npm', ['pack', '--json', '--pack-destination', work], { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 });
    const [packed] = JSON.parse(stdout.slice(stdout.indexOf('['))) as ReadonlyArray<{ filename: string; files: ReadonlyArray<PackedFile> }>;
    files = packed!.files.map((file) => file.path);
    tarball = path.join(work, packed!.filename);
    [jira, database] = await Promise.all([startJiraSimulator({ issues: 12, seed: 20 }), scratchDatabase()]);
  });

  after(async () => {
    await jira?.close();
    await database?.stop();
    if (work !== undefined) await rm(work, { recursive: true, force: true });
  });

  it('ships the compiled code with declarations for every entry of its exports map, and no tests or source maps', async () => {
    const manifest = JSON.parse(await readFile(path.join(ROOT, 'package.json'), 'utf8')) as { private?: boolean; exports: Record<string, string | { types: string; default: string }> };
    expect(manifest.private).to.equal(undefined);
    const entries = Object.values(manifest.exports).flatMap((entry) => (typeof entry === 'string' ? [entry] : [entry.types, entry.default]));
    expect(entries.map((entry) => entry.replace(/^\.\//, '')).filter((entry) => !files.includes(entry))).to.deep.equal([]);
    expect(files.filter((file) => /(^|\/)test\/|\.spec\.|\.map$|\.tsbuildinfo$/.test(file))).to.deep.equal([]);
    expect(files.filter((file) => file.startsWith('dist/') && file.endsWith('.js') && !files.includes(file.replace(/\.js$/, '.d.ts')))).to.deep.equal([]);
    expect(files).to.include.members(['docs/embedding.md', 'docs/openapi.yaml', 'README.md', 'bin/taskport.js', 'dist/apps/cli/taskport/main.js']);
  });

  it('installs offline into a project of its own, whose host (and the documented example) typecheck against its declarations, and the host runs on a real database', async () => {
    const project = path.join(work, 'host');
    await cp(CONSUMER, project, { recursive: true });
    await linkDependencies(project);
    await run('npm', ['install', '--offline', '--no-audit', '--no-fund', '--ignore-scripts', '--no-package-lock', tarball], { cwd: project });
    // The example of the shipped docs/embedding.md is compiled beside the host (not run: it needs real trackers).
    const doc = await readFile(path.join(project, 'node_modules/taskport/docs/embedding.md'), 'utf8');
    await writeFile(path.join(project, 'example.ts'), doc.split('```ts\n')[1]!.split('```')[0]!);
    // tsc exits non-zero on any type error, the consumer's `@ts-expect-error` lines included.
    await run(process.execPath, [path.join(project, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json'], { cwd: project });
    const { stdout } = await run(process.execPath, ['out/main.js'], {
      cwd: project,
      env: {
        PATH: process.env.PATH,
        DATABASE_URL: database.url,
        ENCRYPTION_KEY: randomBytes(32).toString('base64'),
        ORGANIZATION_ID: randomUUID(),
        JIRA_URL: `${jira.url}/`,
        JIRA_EMAIL: DEFAULT_ACCOUNTS[0]!.email,
        JIRA_TOKEN: DEFAULT_ACCOUNTS[0]!.apiToken,
      },
    });
    const outcome = JSON.parse(stdout.trim().split('\n').at(-1)!) as Record<string, unknown>;
    expect(outcome.report).to.deep.equal({ status: 'succeeded', created: 12 });
    expect(outcome.tasks).to.have.length(5);
    expect(outcome.missing).to.include({ code: 'integration/not-found', status: 404 });
    expect(outcome.http).to.deep.equal({ listed: 200, connections: 1, anonymous: 401 });
    expect(outcome.eventTypes).to.include.members(['connection.sync_succeeded', 'external_task.created']);
    // The operator CLI travels too: the installed bin runs the compiled commands.
    const help = await run(process.execPath, [path.join(project, 'node_modules/taskport/bin/taskport.js'), '--help'], { cwd: project, env: { PATH: process.env.PATH } });
    expect(help.stdout).to.include('connections').and.to.include('keys');
  });
});
