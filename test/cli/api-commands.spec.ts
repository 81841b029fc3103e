import { expect } from 'chai';
import { startTestApi, type TestApi } from '../http/support/test-api.js';
import { ORG_A, ORG_B, tokenFor } from '../http/support/tokens.js';
import { createJiraConnection } from '../http/support/webhook-client.js';
import { runCli } from '../support/child-programs.js';

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;

describe('taskport CLI: the commands that talk to a running API', function () {
  // Each command is a process of its own (Node, tsx): seconds each on a loaded machine.
  this.timeout(120_000);
  let api: TestApi;
  let connectionId: string;
  let env: Record<string, string>;
  before(async () => {
    api = await startTestApi({ issues: 30 });
    connectionId = await createJiraConnection(api, ORG_A, 'whsec-cli-secret');
    env = { TASKPORT_API_URL: api.url, TASKPORT_API_TOKEN: tokenFor(ORG_A) };
  });
  after(() => api.close());

  it('connections list, show and test: the connection, never a secret, and whether the tracker accepts it', async () => {
    const [list, shown, tested] = await Promise.all([runCli(['connections', 'list'], env), runCli(['connections', 'show', connectionId], env), runCli(['connections', 'test', connectionId], env)]);
    expect([list.code, shown.code, tested.code], list.stderr + shown.stderr + tested.stderr).to.deep.equal([0, 0, 0]);
    expect(list.stdout.split('\n')[0]).to.match(/^ID\s+PROVIDER\s+NAME\s+SITE\s+ENABLED\s+LAST SYNC\s+AT$/);
    expect(list.stdout).to.match(new RegExp(`^${connectionId}\\s+jira\\s+.*\\s+yes\\s+never\\s+-$`, 'm'));
    expect(shown.stdout).to.match(new RegExp(`^baseUrl\\s+${api.jira.baseUrl}$`, 'm'));
    expect(shown.stdout).to.match(/^hasWebhookSecret\s+true$/m);
    expect(shown.stdout + list.stdout).not.to.contain(api.jira.apiToken).and.not.to.contain('whsec-cli-secret');
    expect(tested.stdout).to.match(/^Connected: /);
  });

  it('sync --follow waits for the run and prints its counts; runs and tasks --status show what it did', async () => {
    const synced = await runCli(['sync', connectionId, '--follow'], env);
    expect(synced.code, synced.stderr).to.equal(0);
    expect(synced.stdout).to.match(new RegExp(`^Run ${UUID.source} succeeded: 30 items in \\d+ page\\(s\\), 30 created, 0 updated, 0 unchanged, 0 skipped$`, 'm'));
    // Not a terminal: the bar is printed as lines, the last one at the run's end.
    expect(synced.stderr.trim().split('\n').at(-1)).to.match(/^sync .* succeeded \| page \d+ \| 30 items \(30 created, 0 updated\)$/);
    const runs = await runCli(['runs', connectionId], env);
    expect(runs.code, runs.stderr).to.equal(0);
    expect(runs.stdout).to.match(/\bmanual\s+incremental\s+succeeded\s+.*\s30\s+30\s+0\s+\d+\.\d s$/m);
    const [{ count }] = await api.orm.em.fork().execute<[{ count: string }]>("select count(*) from external_tasks where connection_id = ? and status = 'done'", [connectionId]);
    const done = await runCli(['tasks', connectionId, '--status', 'done', '--limit', '200'], env);
    expect(done.code, done.stderr).to.equal(0);
    const rows = done.stdout.trim().split('\n').slice(2);
    expect(rows).to.have.length(Number(count)).and.length.greaterThan(0);
    expect(rows.every((row) => /^\S+\s+done\s/.test(row))).to.equal(true);
  });

  it('sync --follow of a run that reads nothing new says 0 items, though its bar fills at the end', async () => {
    const again = await runCli(['sync', connectionId, '--follow'], env);
    expect(again.code, again.stderr).to.equal(0);
    expect(again.stdout).to.match(/ succeeded: 0 items in \d+ page\(s\), 0 created, 0 updated, 0 unchanged, \d+ skipped$/m);
    expect(again.stderr.trim().split('\n').at(-1)).to.match(/^sync .* succeeded \| page \d+ \| 0 items \(0 created, 0 updated\)$/);
  });

  it('sync without --follow answers the queued run at once; --json prints the API answer', async () => {
    const queued = await runCli(['sync', connectionId, '--full'], env);
    expect(queued.code, queued.stderr).to.equal(0);
    expect(queued.stdout).to.match(new RegExp(`^Run ${UUID.source} queued`));
    const json = await runCli(['--json', 'connections', 'list'], env);
    expect(JSON.parse(json.stdout).map((c: { id: string }) => c.id)).to.deep.equal([connectionId]);
  });

  it('says in one line what went wrong, with exit code 1 for a refusal and 2 for a missing API', async () => {
    const otherOrganization = await runCli(['connections', 'show', connectionId], { ...env, TASKPORT_API_TOKEN: tokenFor(ORG_B) });
    expect([otherOrganization.code, otherOrganization.stdout, otherOrganization.stderr.trim()]).to.deep.equal([1, '', `GET /api/integrations/${connectionId}: Connection ${connectionId} was not found (integration/not-found)`]);
    const noApi = await runCli(['runs', connectionId]);
    expect([noApi.code, noApi.stderr.trim()]).to.deep.equal([2, 'This command talks to a running taskport API: give --api <url> (or TASKPORT_API_URL) and --token <jwt> (or TASKPORT_API_TOKEN)']);
    const badLimit = await runCli(['runs', connectionId, '--limit', '500'], env);
    expect(badLimit.code).to.equal(1);
    expect(badLimit.stderr).to.contain("option '--limit <n>' argument '500' is invalid. must be a whole number from 1 to 50");
  });
});
