import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Logger } from 'pino';
import { loadOpenApiDocument, type OpenApiDocument } from '../../adapters/http/docs/openapi-document.js';
import { repositoryRoot } from './console-directory.js';

/**
 * docs/openapi.yaml beside the package.json above `from`: the repository's when run with tsx (from
 * apps/api) or from dist/apps/api, and the installed package's (which ships docs/openapi.yaml).
 */
export const openApiDocumentPath = (from: string = import.meta.dirname): string => path.join(repositoryRoot(from), 'docs', 'openapi.yaml');

/** The contract to serve at /api/openapi.json, converted once; without it the API still runs, and says why it has no docs. */
export const loadServedOpenApi = (logger: Logger, yamlPath: string = openApiDocumentPath()): OpenApiDocument | undefined => {
  if (!existsSync(yamlPath)) {
    logger.warn({ path: yamlPath }, 'no OpenAPI document: /api/openapi.json and /docs are not served');
    return undefined;
  }
  return loadOpenApiDocument(yamlPath);
};
