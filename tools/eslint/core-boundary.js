// Keeps the domain pure: a file under core/ may import only core/ itself, fp-ts and io-ts.
import path from 'node:path';
import { providerNeutral } from './provider-neutral.js';

const ALLOWED_PACKAGES = /^(fp-ts|io-ts)(\/|$)/;

const isInside = (dir, file) => {
  const relative = path.relative(dir, file);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
};

/** @type {import('eslint').Rule.RuleModule} */
export const coreBoundary = {
  meta: {
    type: 'problem',
    docs: { description: 'core/ may import only core/, fp-ts and io-ts' },
    schema: [{ type: 'object', properties: { coreDir: { type: 'string' } }, additionalProperties: false }],
    messages: {
      forbidden: "core/ must stay pure: '{{source}}' is outside core/, fp-ts and io-ts.",
    },
  },
  create(context) {
    const coreDir = path.resolve(context.cwd, context.options[0]?.coreDir ?? 'core');
    const filename = context.filename;
    if (!isInside(coreDir, filename)) return {};
    const check = (node, source) => {
      if (typeof source !== 'string') return;
      const allowed = source.startsWith('.')
        ? isInside(coreDir, path.resolve(path.dirname(filename), source))
        : ALLOWED_PACKAGES.test(source);
      if (!allowed) context.report({ node, messageId: 'forbidden', data: { source } });
    };
    const fromSource = (node) => check(node, node.source?.value);
    return {
      ImportDeclaration: fromSource,
      ExportNamedDeclaration: fromSource,
      ExportAllDeclaration: fromSource,
      ImportExpression: (node) => check(node, node.source.type === 'Literal' ? node.source.value : undefined),
      TSImportEqualsDeclaration: (node) => check(node, node.moduleReference.expression?.value),
      CallExpression: (node) => {
        if (node.callee.type === 'Identifier' && node.callee.name === 'require') check(node, node.arguments[0]?.value);
      },
    };
  },
};

export default { rules: { 'core-boundary': coreBoundary, 'provider-neutral': providerNeutral } };
