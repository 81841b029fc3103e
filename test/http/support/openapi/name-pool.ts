import * as core from '../../../../core/index.js';
import type { Contract } from './contract.js';

/** What GET /api/providers says of each provider, as far as field names go. */
export interface CatalogueNames {
  readonly fields: ReadonlyArray<{ readonly name: string }>;
  readonly oauth: { readonly siteIdField: string | null; readonly startFields: ReadonlyArray<{ readonly name: string }> };
}

/** Property and parameter names anywhere in the document, requests and answers alike (headers aside). */
const documentNames = (node: unknown): string[] => {
  if (Array.isArray(node)) return node.flatMap(documentNames);
  if (typeof node !== 'object' || node === null) return [];
  const record = node as Record<string, unknown>;
  const own = [
    ...(typeof record.properties === 'object' && record.properties !== null ? Object.keys(record.properties) : []),
    ...(typeof record.name === 'string' && typeof record.in === 'string' && record.in !== 'header' ? [record.name] : []),
  ];
  return [...own, ...Object.values(record).flatMap(documentNames)];
};

/** The names core's strict codecs take (each carries `fieldNames`), so a field added to one but documented nowhere is sent too. */
const codecNames = (): string[] =>
  Object.values(core).flatMap((value) => {
    const names = (value as { fieldNames?: unknown } | undefined)?.fieldNames;
    return Array.isArray(names) ? names.filter((name): name is string => typeof name === 'string') : [];
  });

/**
 * Every field name the API knows of: the document's, the providers' fields as the catalogue lists
 * them, and core's codecs'. Each body and query is sent all of those it does not document and must
 * refuse each of them by name, so a field a route takes that its documentation forgot is found,
 * wherever else it is known. `organizationId` is refused before any route (the token names the
 * organization), so it would hide the others.
 */
export const knownFieldNames = (contract: Contract, catalogue: ReadonlyArray<CatalogueNames>): ReadonlyArray<string> => {
  const providerNames = catalogue.flatMap((entry) => [
    ...entry.fields.map((field) => field.name),
    ...entry.oauth.startFields.map((field) => field.name),
    ...(entry.oauth.siteIdField === null ? [] : [entry.oauth.siteIdField]),
  ]);
  return [...new Set([...documentNames(contract), ...providerNames, ...codecNames()])].filter((name) => name !== 'organizationId').sort();
};
