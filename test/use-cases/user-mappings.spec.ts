import { expect } from 'chai';
import { ORG_A, createHarness, left, right, type Harness, requester } from '../builders/harness.js';

const RESOURCE = 'a6f1c9a2-54a5-4a5c-9c0e-0d5b0b9d8a11';

describe('external user mappings', () => {
  let h: Harness;
  beforeEach(() => {
    h = createHarness();
  });

  it('stores the e-mail in lower case and lists the mappings', async () => {
    const { mapping: created, remap } = await right(h.createUserMapping(requester(ORG_A), { externalSystem: 'tracker', externalEmail: ' Ana@ACME.example ', resourceId: RESOURCE }));
    expect(remap).to.deep.equal({ tasksExamined: 0, tasksRemapped: 0 });
    expect(created).to.include({ externalEmail: 'ana@acme.example', externalUserId: null, resourceId: RESOURCE, organizationId: ORG_A });
    expect(await right(h.listUserMappings(ORG_A))).to.deep.equal([created]);
  });

  it('allows one mapping per organization, system and e-mail, whatever its case', async () => {
    await right(h.createUserMapping(requester(ORG_A), { externalSystem: 'tracker', externalEmail: 'ana@acme.example', resourceId: RESOURCE }));
    const error = await left(h.createUserMapping(requester(ORG_A), { externalSystem: 'tracker', externalEmail: 'ANA@acme.example', resourceId: RESOURCE }));
    expect(error).to.deep.equal({ _tag: 'UserMappingAlreadyExists', externalEmail: 'ana@acme.example' });
  });

  it('names the offending fields of an invalid mapping', async () => {
    const error = await left(h.createUserMapping(requester(ORG_A), { externalSystem: 'asana', externalEmail: 'x', resourceId: 'not-a-uuid' }));
    expect(error._tag === 'InvalidInput' && error.details.map((d) => d.path)).to.have.members(['externalSystem', 'externalEmail', 'resourceId']);
  });

  it('refuses a mapping for a provider this server does not speak to, naming the ones it does', async () => {
    const error = await left(h.createUserMapping(requester(ORG_A), { externalSystem: 'asana', externalEmail: 'ana@acme.example', resourceId: RESOURCE }));
    expect(error).to.deep.equal({ _tag: 'InvalidInput', message: 'The input is invalid', details: [{ path: 'externalSystem', message: 'must be one of tracker' }] });
    expect(await right(h.listUserMappings(ORG_A))).to.deep.equal([]);
  });

  it('deletes a mapping', async () => {
    const { mapping: created } = await right(h.createUserMapping(requester(ORG_A), { externalSystem: 'tracker', externalEmail: 'ana@acme.example', resourceId: RESOURCE }));
    await right(h.deleteUserMapping(requester(ORG_A), created.id));
    expect(await right(h.listUserMappings(ORG_A))).to.deep.equal([]);
  });
});
