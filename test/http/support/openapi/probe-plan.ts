import { bodyVariants, resolve, type Contract, type DocumentedOperation, type Schema } from './contract.js';
import { objectProbes, type FieldProbe } from './field-probes.js';

/** The probes of one request shape of an operation: its query, or one variant of its body. */
export interface ProbeSet {
  readonly location: 'body' | 'query';
  readonly label: string;
  readonly fixed: Readonly<Record<string, unknown>>;
  /** The provider (and auth mode) whose connection `{id}` names, for a body chosen by provider. */
  readonly provider?: string;
  readonly authMode?: string;
  readonly probes: ReadonlyArray<FieldProbe>;
}

/** The query parameters as one object: strict on every route behind the JWT, as the document's error description says. */
const querySchema = (contract: Contract, operation: DocumentedOperation): Schema => ({
  type: 'object',
  properties: Object.fromEntries(operation.query.map((p) => [p.name, resolve(contract, p.schema ?? {})])),
  required: operation.query.filter((p) => p.required === true).map((p) => p.name),
  ...(operation.isPublic ? {} : { additionalProperties: false }),
});

/**
 * Everything to send to an operation. Queries of every operation (public ones take parameters of
 * their callers' own, so only theirs that are listed are probed); bodies of the operations behind
 * the JWT. A public operation's body (a webhook delivery) is read only after its sender proves who
 * it is, by a signature these probes cannot make.
 */
export const probeSets = (contract: Contract, operation: DocumentedOperation): ReadonlyArray<ProbeSet> => {
  const query: ProbeSet[] =
    operation.query.length > 0 || !operation.isPublic
      ? [{ location: 'query', label: 'query', fixed: {}, probes: objectProbes(contract, querySchema(contract, operation), [], { location: 'query', strictTop: !operation.isPublic }) }]
      : [];
  if (operation.body === undefined || operation.isPublic) return query;
  const discriminator = operation.body.discriminator?.propertyName;
  const bodies = bodyVariants(contract, operation.body).map(
    (variant): ProbeSet => ({
      location: 'body',
      label: variant.label,
      fixed: variant.fixed,
      ...(variant.provider === undefined ? {} : { provider: variant.provider }),
      ...(variant.authMode === undefined ? {} : { authMode: variant.authMode }),
      probes: objectProbes(contract, variant.schema, [], {
        location: 'body',
        strictTop: variant.schema.additionalProperties === false,
        ...(discriminator === undefined ? {} : { discriminator }),
      }),
    }),
  );
  return [...query, ...bodies];
};
