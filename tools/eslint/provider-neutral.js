// Core knows no provider: a file under core/ may not name one, nor its vocabulary, even in a comment.
import path from 'node:path';

/** Provider names and words that only mean something for one provider; `adf` only as a whole word. */
export const PROVIDER_VOCABULARY = ['jira', 'atlassian', 'jql', 'cloudid', '\\badf\\b', 'servicenow', 'service-now', 'connectwise'];

const isInside = (dir, file) => {
  const relative = path.relative(dir, file);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
};

/** @type {import('eslint').Rule.RuleModule} */
export const providerNeutral = {
  meta: {
    type: 'problem',
    docs: { description: 'core/ names no provider and none of its vocabulary (comments included)' },
    schema: [
      {
        type: 'object',
        properties: { coreDir: { type: 'string' }, words: { type: 'array', items: { type: 'string' } } },
        additionalProperties: false,
      },
    ],
    messages: {
      named: "core/ knows no provider: '{{word}}' belongs in the provider's folder under adapters/providers/.",
    },
  },
  create(context) {
    const coreDir = path.resolve(context.cwd, context.options[0]?.coreDir ?? 'core');
    if (!isInside(coreDir, context.filename)) return {};
    const words = context.options[0]?.words ?? PROVIDER_VOCABULARY;
    const pattern = new RegExp(words.join('|'), 'gi');
    return {
      Program: () => {
        const text = context.sourceCode.getText();
        for (const match of text.matchAll(pattern)) {
          context.report({ loc: context.sourceCode.getLocFromIndex(match.index ?? 0), messageId: 'named', data: { word: match[0] } });
        }
      },
    };
  },
};
