import { expect } from 'chai';
import { aConnectionInput, TRACKER_BASE_URL } from '../builders/connection-input-builder.js';
import { ORG_A, ORG_B, createHarness, id, left, right, type Harness, requester } from '../builders/harness.js';
import { someIssues } from '../builders/source-issue-builder.js';
import { asEntityId } from '../../core/index.js';

describe('tenancy', () => {
  let h: Harness;
  let connectionId: string;

  beforeEach(async () => {
    h = createHarness();
    connectionId = (await right(h.createConnection(requester(ORG_A), aConnectionInput()))).id;
    h.adapters.issueSource.setIssues(TRACKER_BASE_URL, someIssues(2));
    await right(h.sync(ORG_A, connectionId));
  });

  it("answers not found for every use of another organization's connection", async () => {
    const notFound = { _tag: 'ConnectionNotFound', connectionId };
    const cid = id(connectionId);
    expect(await left(h.getConnection(ORG_B, cid))).to.deep.equal(notFound);
    expect(await left(h.updateConnection(requester(ORG_B), cid, { enabled: false }))).to.deep.equal(notFound);
    expect(await left(h.deleteConnection(requester(ORG_B), cid))).to.deep.equal(notFound);
    expect(await left(h.testConnection(ORG_B, cid))).to.deep.equal(notFound);
    expect(await left(h.sync(ORG_B, connectionId))).to.deep.equal(notFound);
    expect(await left(h.getMappings(ORG_B, cid))).to.deep.equal(notFound);
    expect(await left(h.replaceMappings(requester(ORG_B), cid, { status: { default: 'todo' }, priority: { default: 'low' } }))).to.deep.equal(notFound);
    expect(await right(h.listConnections(ORG_B))).to.deep.equal([]);

    const untouched = await right(h.getConnection(ORG_A, cid));
    expect(untouched.enabled).to.equal(true);
  });

  it("never shows another organization's tasks", async () => {
    const mine = await right(h.listTasks(ORG_A, {}));
    expect(mine.items).to.have.length(2);
    expect((await right(h.listTasks(ORG_B, {}))).items).to.deep.equal([]);
    expect((await right(h.listTasks(ORG_B, { connectionId }))).items).to.deep.equal([]);
    const taskId = asEntityId(mine.items[0]!.id);
    expect(await left(h.getTask(ORG_B, taskId))).to.deep.equal({ _tag: 'TaskNotFound', taskId });
  });

  it("never shows or deletes another organization's user mappings", async () => {
    const { mapping } = await right(
      h.createUserMapping(requester(ORG_A), { externalSystem: 'tracker', externalEmail: 'ana@acme.example', resourceId: 'a6f1c9a2-54a5-4a5c-9c0e-0d5b0b9d8a11' }),
    );
    expect(await right(h.listUserMappings(ORG_B))).to.deep.equal([]);
    expect(await left(h.deleteUserMapping(requester(ORG_B), mapping.id))).to.deep.equal({ _tag: 'UserMappingNotFound', mappingId: mapping.id });
    expect(await right(h.listUserMappings(ORG_A))).to.have.length(1);
  });

  it('lets two organizations connect to the same tracker independently', async () => {
    const other = await right(h.createConnection(requester(ORG_B), aConnectionInput()));
    await right(h.sync(ORG_B, other.id));
    expect((await right(h.listTasks(ORG_B, {}))).items).to.have.length(2);
    expect((await right(h.listTasks(ORG_A, {}))).items).to.have.length(2);
  });
});
