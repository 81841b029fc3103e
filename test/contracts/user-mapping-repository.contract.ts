import { expect } from 'chai';
import { asEntityId, type ExternalUserMapping, type UserMappingRepository } from '../../core/index.js';
import { anId, anOrganization } from '../support/builders/ids.js';
import { aUserMapping } from '../support/builders/user-mapping.js';
import { expectLeft, expectRight } from '../support/either.js';

export interface UserMappingRepositorySubject {
  readonly userMappings: UserMappingRepository;
}

const byId = (a: ExternalUserMapping, b: ExternalUserMapping) => a.id.localeCompare(b.id);

export const describeUserMappingRepositoryContract = (name: string, setup: () => Promise<UserMappingRepositorySubject>) =>
  describe(`UserMappingRepository contract (${name})`, () => {
    let userMappings: UserMappingRepository;
    const organizationId = anOrganization();
    const mapping = (overrides: Partial<ExternalUserMapping> = {}) => aUserMapping({ organizationId, ...overrides });
    beforeEach(async () => ({ userMappings } = await setup()));

    it('stores mappings and lists them oldest first, per organization', async () => {
      const newer = mapping({ externalEmail: 'b@acme.test', createdAt: new Date('2026-02-02T00:00:00Z') });
      const older = mapping({ externalEmail: 'a@acme.test', externalUserId: null, createdAt: new Date('2026-02-01T00:00:00Z') });
      for (const m of [newer, older, aUserMapping()]) expect(await expectRight(userMappings.insert(m))).to.deep.equal(m);
      expect(await expectRight(userMappings.list(organizationId))).to.deep.equal([older, newer]);
    });

    it('refuses a second mapping of the same e-mail in any letter case, and stores e-mails lower-case', async () => {
      const first = await expectRight(userMappings.insert(mapping({ externalEmail: 'Ann.Lee@Acme.TEST' })));
      expect(first.externalEmail).to.equal('ann.lee@acme.test');
      const error = await expectLeft(userMappings.insert(mapping({ externalEmail: 'ann.lee@ACME.test' })));
      expect(error).to.deep.equal({ _tag: 'UserMappingAlreadyExists', externalEmail: 'ann.lee@acme.test' });
      expect(await expectRight(userMappings.list(organizationId))).to.deep.equal([first]);
    });

    it('allows the same e-mail in another system or organization', async () => {
      await expectRight(userMappings.insert(mapping()));
      await expectRight(userMappings.insert(mapping({ externalSystem: 'servicenow' })));
      await expectRight(userMappings.insert(aUserMapping()));
    });

    it('deletes a mapping of the organization only', async () => {
      const kept = await expectRight(userMappings.insert(mapping()));
      const stranger = anOrganization();
      expect(await expectLeft(userMappings.delete(stranger, kept.id))).to.deep.equal({ _tag: 'UserMappingNotFound', mappingId: kept.id });
      for (const id of [anId(), asEntityId('not-a-uuid')]) {
        expect(await expectLeft(userMappings.delete(organizationId, id))).to.deep.equal({ _tag: 'UserMappingNotFound', mappingId: id });
      }
      await expectRight(userMappings.delete(organizationId, kept.id));
      expect(await expectRight(userMappings.list(organizationId))).to.deep.equal([]);
    });

    it('finds mappings by e-mail (any case, untrimmed) or by external user id, within organization and system', async () => {
      const byEmail = await expectRight(userMappings.insert(mapping({ externalEmail: 'ann@acme.test', externalUserId: null })));
      const byUserId = await expectRight(userMappings.insert(mapping({ externalEmail: 'hidden@acme.test', externalUserId: 'acc-2' })));
      await expectRight(userMappings.insert(mapping({ externalEmail: 'other@acme.test', externalUserId: 'acc-3' })));
      await expectRight(userMappings.insert(mapping({ externalEmail: 'ann2@acme.test', externalSystem: 'servicenow', externalUserId: 'acc-2' })));
      await expectRight(userMappings.insert(aUserMapping({ externalEmail: 'ann@acme.test', externalUserId: 'acc-2' })));
      const identities = { emails: [' ANN@acme.test ', 'nobody@acme.test'], externalUserIds: ['acc-2', 'acc-9'] };
      const found = await expectRight(userMappings.findByIdentities(organizationId, 'tracker', identities));
      expect([...found].sort(byId)).to.deep.equal([byEmail, byUserId].sort(byId));
      expect(await expectRight(userMappings.findByIdentities(organizationId, 'tracker', { emails: [], externalUserIds: [] }))).to.deep.equal([]);
    });
  });
