import { expect } from 'chai';
import { ESLint } from 'eslint';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');
const eslint = new ESLint({ cwd: root });

const boundaryErrors = async (file: string, code: string) => {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'taskport/core-boundary').map((m) => m.message);
};

describe('the core boundary lint rule', () => {
  for (const source of ['node:fs', 'fs', 'inversify', 'reflect-metadata', '../../adapters/memory/index.js', '../../apps/api/main.js']) {
    it(`fails a file under core/ importing ${source}`, async () => {
      const errors = await boundaryErrors('core/use-cases/bad.ts', `import x from '${source}';\nexport const y = x;\n`);
      expect(errors).to.deep.equal([`core/ must stay pure: '${source}' is outside core/, fp-ts and io-ts.`]);
    });
  }

  it('also catches re-exports, dynamic imports and require', async () => {
    const code = "export * from 'pino';\nexport const load = () => import('node:crypto');\nexport const r = require('pg');\n";
    expect(await boundaryErrors('core/domain/bad.ts', code)).to.have.length(3);
  });

  it('allows core/, fp-ts and io-ts', async () => {
    const code = [
      "import * as TE from 'fp-ts/lib/TaskEither.js';",
      "import * as t from 'io-ts';",
      "import { invalidInput } from '../errors.js';",
      'export const all = [TE, t, invalidInput];',
    ].join('\n');
    expect(await boundaryErrors('core/use-cases/good.ts', code)).to.deep.equal([]);
  });

  it('leaves adapters free to import what they need', async () => {
    expect(await boundaryErrors('adapters/memory/ok.ts', "import fs from 'node:fs';\nexport const f = fs;\n")).to.deep.equal([]);
  });
});
