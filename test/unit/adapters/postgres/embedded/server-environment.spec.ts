import { expect } from 'chai';
import { MALLOC_TUNABLES, serverEnvironment } from '../../../../../adapters/postgres/embedded/embedded-cluster.js';

describe('the embedded server environment', () => {
  it('gives English messages and the malloc settings, keeping the rest of the environment', () => {
    expect(serverEnvironment({ PATH: '/bin', LC_ALL: 'de_DE.UTF-8' })).to.deep.equal({ PATH: '/bin', LC_ALL: 'C', LC_MESSAGES: 'C', GLIBC_TUNABLES: MALLOC_TUNABLES });
  });

  it("keeps a caller's own GLIBC_TUNABLES as it is", () => {
    expect(serverEnvironment({ GLIBC_TUNABLES: 'glibc.malloc.arena_max=2' }).GLIBC_TUNABLES).to.equal('glibc.malloc.arena_max=2');
  });

  it('asks for a value glibc accepts: a mapping threshold of at most 32 MB (a larger one is ignored)', () => {
    const [name, value] = MALLOC_TUNABLES.split('=');
    expect([name, Number(value) <= 32 * 1024 * 1024]).to.deep.equal(['glibc.malloc.mmap_threshold', true]);
  });
});
