import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

/** The API contract as it is served: JSON text, converted once from the YAML that stays the source of truth. */
export interface OpenApiDocument {
  readonly json: string;
}

/** Reads docs/openapi.yaml (or wherever `yamlPath` says) and converts it to JSON; a missing or broken file throws. */
export const loadOpenApiDocument = (yamlPath: string): OpenApiDocument => ({
  json: JSON.stringify(parse(readFileSync(yamlPath, 'utf8'))),
});
