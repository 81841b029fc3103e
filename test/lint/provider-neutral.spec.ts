import { expect } from 'chai';
import { ESLint } from 'eslint';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');
const eslint = new ESLint({ cwd: root });

const namings = async (file: string, code: string) => {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'taskport/provider-neutral').map((m) => `${m.line}:${m.column} ${m.message}`);
};

describe('the provider-neutral lint rule', () => {
  const words = ['jira', 'Atlassian', 'JQL', 'cloudId', 'ADF', 'ServiceNow', 'service-now', 'connectwise'];
  for (const word of words) {
    it(`fails a file under core/ naming ${word}, in code or in a comment`, async () => {
      expect(await namings('core/domain/bad.ts', `export const value = '${word}';\n`)).to.have.length(1);
      expect(await namings('core/use-cases/bad.ts', `// what ${word} does\nexport const value = 1;\n`)).to.deep.equal([
        `1:${'// what '.length + 1} core/ knows no provider: '${word}' belongs in the provider's folder under adapters/providers/.`,
      ]);
    });
  }

  it('finds every naming, in any case, and only the word adf, not words that contain it', async () => {
    const code = ['/** JiraIssue, jqlFilter and CLOUDID */', "export const roadfare = 'shadfly';", 'export const x = 1;'].join('\n');
    expect(await namings('core/ports/bad.ts', code)).to.have.length(3);
  });

  it('leaves provider folders and tests free to name their provider', async () => {
    expect(await namings('adapters/providers/jira/x.ts', "export const jql = 'jira';\n")).to.deep.equal([]);
    expect(await namings('test/providers/jira/x.spec.ts', "export const jql = 'jira';\n")).to.deep.equal([]);
  });

  it('passes every file core/ has today', async function () {
    // ESLint with the whole configuration over every file of core: seconds alone, much longer on a busy machine.
    this.timeout(120_000);
    const results = await eslint.lintFiles(['core/**/*.ts']);
    const named = results.flatMap((r) => r.messages.filter((m) => m.ruleId === 'taskport/provider-neutral').map((m) => `${path.relative(root, r.filePath)}:${m.line} ${m.message}`));
    expect(named).to.deep.equal([]);
  });
});
