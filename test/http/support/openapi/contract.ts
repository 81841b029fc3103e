import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

/** The parts of an OpenAPI 3.1 schema the drift probes read. */
export interface Schema {
  readonly $ref?: string;
  readonly type?: string | ReadonlyArray<string>;
  readonly properties?: Readonly<Record<string, Schema>>;
  readonly required?: ReadonlyArray<string>;
  readonly additionalProperties?: boolean | Schema;
  readonly items?: Schema;
  readonly enum?: ReadonlyArray<unknown>;
  readonly format?: string;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly maxLength?: number;
  readonly maxItems?: number;
  readonly examples?: ReadonlyArray<unknown>;
  readonly oneOf?: ReadonlyArray<Schema>;
  readonly discriminator?: { readonly propertyName: string; readonly mapping?: Readonly<Record<string, string>> };
  /** On a variant of a body chosen by provider: the connection's the path names (PATCH of a connection), or the path's own (OAuth start). */
  readonly 'x-provider'?: string;
  /** With `x-provider`, when the body differs by the connection's auth mode too (the provider's first mode otherwise). */
  readonly 'x-auth-mode'?: string;
}

export interface Parameter {
  readonly name: string;
  readonly in: 'query' | 'path' | 'header' | 'cookie';
  readonly required?: boolean;
  readonly schema?: Schema;
}

interface RawOperation {
  readonly security?: ReadonlyArray<unknown>;
  readonly parameters?: ReadonlyArray<Parameter | { $ref: string }>;
  readonly requestBody?: { readonly content?: Readonly<Record<string, { readonly schema?: Schema }>> };
}

export interface Contract {
  readonly security?: ReadonlyArray<unknown>;
  readonly paths: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
}

/** One documented operation, its references resolved. */
export interface DocumentedOperation {
  readonly method: string;
  readonly path: string;
  /** Callers authenticate their own way (no bearer JWT): health, webhooks, the OAuth callback, this document. */
  readonly isPublic: boolean;
  readonly query: ReadonlyArray<Parameter>;
  readonly pathParameters: ReadonlyArray<Parameter>;
  readonly body: Schema | undefined;
}

export const CONTRACT_FILE = path.resolve(import.meta.dirname, '../../../../docs/openapi.yaml');

export const loadContract = (): Contract => parse(readFileSync(CONTRACT_FILE, 'utf8')) as Contract;

/** Follows `#/components/...` references until a node that is not one. */
export const resolve = <T extends object>(contract: Contract, node: T | { readonly $ref: string }): T => {
  if (!('$ref' in node) || typeof node.$ref !== 'string') return node as T;
  const target = node.$ref
    .replace(/^#\//, '')
    .split('/')
    .reduce<unknown>((at, key) => (at as Record<string, unknown> | undefined)?.[key], contract);
  if (target === undefined || typeof target !== 'object' || target === null) throw new Error(`docs/openapi.yaml: ${node.$ref} leads nowhere`);
  return resolve(contract, target as T);
};

const METHODS = ['get', 'put', 'post', 'patch', 'delete'];

/** Every operation of the document, in its order. */
export const documentedOperations = (contract: Contract): ReadonlyArray<DocumentedOperation> =>
  Object.entries(contract.paths).flatMap(([route, item]) => {
    const shared = ((item.parameters ?? []) as ReadonlyArray<Parameter | { $ref: string }>).map((p) => resolve<Parameter>(contract, p));
    return METHODS.filter((method) => item[method] !== undefined).map((method): DocumentedOperation => {
      const operation = item[method] as RawOperation;
      const parameters = [...shared, ...(operation.parameters ?? []).map((p) => resolve<Parameter>(contract, p))];
      const schema = operation.requestBody?.content?.['application/json']?.schema;
      return {
        method: method.toUpperCase(),
        path: route,
        isPublic: (operation.security ?? contract.security ?? []).length === 0,
        query: parameters.filter((p) => p.in === 'query'),
        pathParameters: parameters.filter((p) => p.in === 'path'),
        body: schema === undefined ? undefined : resolve(contract, schema),
      };
    });
  });

/** A body as one request sends it: which schema applies, the discriminator value it carries, and for which provider. */
export interface BodyVariant {
  readonly label: string;
  readonly schema: Schema;
  readonly fixed: Readonly<Record<string, unknown>>;
  readonly provider?: string;
  readonly authMode?: string;
}

/** A `oneOf` body per variant (by discriminator, or by `x-provider`); any other body as it is. */
export const bodyVariants = (contract: Contract, schema: Schema): ReadonlyArray<BodyVariant> => {
  if (schema.oneOf === undefined) return [{ label: 'body', schema, fixed: {} }];
  return schema.oneOf.map((member) => {
    const variant = resolve(contract, member);
    const mapping = Object.entries(schema.discriminator?.mapping ?? {}).find(([, ref]) => ref === member.$ref);
    const label = member.$ref?.split('/').at(-1) ?? 'variant';
    if (schema.discriminator !== undefined && mapping !== undefined) {
      return { label, schema: variant, fixed: { [schema.discriminator.propertyName]: mapping[0] }, provider: mapping[0] };
    }
    const authMode = variant['x-auth-mode'] === undefined ? {} : { authMode: variant['x-auth-mode'] };
    if (variant['x-provider'] !== undefined) return { label, schema: variant, fixed: {}, provider: variant['x-provider'], ...authMode };
    throw new Error(`docs/openapi.yaml: cannot tell when ${label} applies; give the oneOf a discriminator mapping, or the variant an x-provider`);
  });
};

/** The types a schema allows, `null` included. */
export const typesOf = (schema: Schema): ReadonlyArray<string> =>
  schema.type === undefined ? [] : typeof schema.type === 'string' ? [schema.type] : schema.type;
