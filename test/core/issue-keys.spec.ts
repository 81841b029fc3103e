import { expect } from 'chai';
import { issueKeysIn, referencedIssueKeys } from '../../core/index.js';

/** Pull request titles, commit subjects and branch names as development tools send them. */
const CASES: ReadonlyArray<readonly [string, ReadonlyArray<string>]> = [
  // Titles and commit subjects
  ['PROJ-123: Fix login redirect loop', ['PROJ-123']],
  ['Fix login redirect loop (PROJ-123)', ['PROJ-123']],
  ['[PROJ-123] Add SSO via SAML', ['PROJ-123']],
  ['PROJ-12 PROJ-13 Bump lodash to 4.17.21', ['PROJ-12', 'PROJ-13']],
  ['Merge pull request #4521 from acme/feature/WEB-88-cart-totals', ['WEB-88']],
  ['Revert "OPS-7: disable the nightly cron"', ['OPS-7']],
  ['fix(auth): rotate refresh tokens, closes AUTH-404', ['AUTH-404']],
  ['Closes PROJ-99.', ['PROJ-99']],
  ['PROJ-1/PROJ-2: share the validation', ['PROJ-1', 'PROJ-2']],
  ['ABC-1, ABC-2 and ABC-1 again', ['ABC-1', 'ABC-2']],
  ['K8S-12 Upgrade the cluster to 1.30', ['K8S-12']],
  ['Support UTF-8 in the CSV export (DATA-9)', ['UTF-8', 'DATA-9']],
  ['Bump the ISO-8601 parser, refs CORE-1024', ['ISO-8601', 'CORE-1024']],
  ['proj-123 fix typo in README', []],
  ['Proj-123 Fix typo', []],
  ['Release v2.3.0 (no ticket)', []],
  ['A-1 is too short to be a key', []],
  ['Rename the XPROJ-1a build target', []],
  ['Strip the aPROJ-1 prefix from ids', []],
  ['Build 1PROJ-2 artefacts', []],
  ['Update the MY_PROJ-12 mapping', []],
  ['Fix PROJ-1２ layout', []],
  // Unicode around keys
  ['Corrige la redirección del login — PROJ-77', ['PROJ-77']],
  ['«PROJ-5» переименовать поле', ['PROJ-5']],
  ['Исправить вPROJ-5 опечатку', []],
  ['Export résuméPROJ-3 as PDF', []],
  ['PROJ-88を修正', ['PROJ-88']],
  ['修复PROJ-88的登录问题', ['PROJ-88']],
  ['PROJ-1을 수정', ['PROJ-1']],
  ['🚀PROJ-42 ship dark mode 🌙', ['PROJ-42']],
  // Branch names
  ['feature/PROJ-123-fix-login', ['PROJ-123']],
  ['bugfix/PROJ-9_null-pointer', ['PROJ-9']],
  ['PROJ-5', ['PROJ-5']],
  ['hotfix/OPS-7-OPS-8-cron', ['OPS-7', 'OPS-8']],
  ['feature/proj-123-fix-login', []],
  ['users/ann/WEB-88', ['WEB-88']],
  ['feat/ABC-12-and-ABC-12-again', ['ABC-12']],
  ['topic/XPROJ-1a', []],
  ['renovate/lodash-4.x', []],
  ['dependabot/npm_and_yarn/qs-6.5.3', []],
  ['release/2026.01', []],
];

describe('issue keys in pull requests and commits', () => {
  for (const [text, keys] of CASES) {
    it(`finds ${keys.length === 0 ? 'no key' : keys.join(', ')} in ${JSON.stringify(text)}`, () => {
      expect(referencedIssueKeys({ title: text })).to.deep.equal(keys);
      expect(referencedIssueKeys({ branch: text })).to.deep.equal(keys);
    });
  }

  it('reads the title first, then the branch, then the other texts, each key once', () => {
    const keys = referencedIssueKeys({
      title: 'WEB-2: totals (see WEB-1)',
      branch: 'feature/WEB-1-WEB-3-totals',
      texts: ['WEB-4 round half up', 'Also fixes WEB-2 and WEB-5'],
    });
    expect(keys).to.deep.equal(['WEB-2', 'WEB-1', 'WEB-3', 'WEB-4', 'WEB-5']);
  });

  it('keeps repeats within one text, in order, for callers that count them', () => {
    expect(issueKeysIn('OPS-2 then OPS-1 then OPS-2')).to.deep.equal(['OPS-2', 'OPS-1', 'OPS-2']);
  });

  it('finds nothing in nothing', () => {
    expect(referencedIssueKeys({})).to.deep.equal([]);
    expect(referencedIssueKeys({ title: '', branch: '', texts: [] })).to.deep.equal([]);
  });
});
