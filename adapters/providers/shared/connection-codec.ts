import * as E from 'fp-ts/lib/Either.js';
import { pipe } from 'fp-ts/lib/function.js';
import type * as t from 'io-ts';
import {
  appliesTo,
  directAuthMode,
  isSecretField,
  strictObject,
  toFieldIssues,
  type ConnectionChange,
  type ConnectionCodec,
  type ConnectionDraft,
  type ConnectionField,
  type FieldIssue,
  type ProviderDescription,
  type ProviderSettings,
} from '../../../core/index.js';
import { codecOfField, nullable } from './field-codecs.js';

/** Rules beyond each field's own type (fields that go together, formats a type cannot say). */
export type SettingsCheck = (settings: ProviderSettings, authMode: string) => ReadonlyArray<FieldIssue>;

type Codec = t.Type<unknown, unknown, unknown>;

const withoutNulls = (values: Readonly<Record<string, unknown>>): Record<string, unknown> =>
  Object.fromEntries(Object.entries(values).filter(([, value]) => value !== null && value !== undefined));

/** Splits decoded fields into the base URL, the settings (defaults applied) and the secrets. */
const partsOf = (fields: ReadonlyArray<ConnectionField>, values: Readonly<Record<string, unknown>>) => {
  const settings: Record<string, unknown> = {};
  const secrets: Record<string, string> = {};
  for (const field of fields) {
    if (field.name === 'baseUrl') continue;
    const value = values[field.name] ?? field.default;
    if (value === undefined || value === null) continue;
    if (isSecretField(field)) secrets[field.name] = value as string;
    else settings[field.name] = value;
  }
  return { settings, secrets };
};

const decodeWith = (codec: Codec, values: Readonly<Record<string, unknown>>): E.Either<ReadonlyArray<FieldIssue>, Record<string, unknown>> =>
  pipe(
    codec.decode(values),
    E.bimap(toFieldIssues, (decoded) => decoded as Record<string, unknown>),
  );

const checked = <A extends { readonly settings: ProviderSettings }>(check: SettingsCheck | undefined, authMode: string) => (value: A) => {
  const issues = check?.(value.settings, authMode) ?? [];
  return issues.length === 0 ? E.right(value) : E.left(issues);
};

/**
 * Fields of another auth mode than the connection's, refused like any field the change does not
 * take (`is not an allowed field`, with the reason), beside whatever else is wrong with the body.
 */
const otherModeFields = (description: ProviderDescription, values: Readonly<Record<string, unknown>>, authMode: string) => {
  const label = description.authModes.find((m) => m.name === authMode);
  const reason = label?.flow === 'oauth' ? `it cannot be changed on an ${label.label} connection; authorize again instead` : `it does not apply to a ${label?.label ?? authMode} connection`;
  const other = new Set(description.fields.filter((field) => values[field.name] !== undefined && !appliesTo(field, authMode)).map((field) => field.name));
  return {
    refusals: [...other].map((name): FieldIssue => ({ path: name, message: `is not an allowed field: ${reason}` })),
    rest: Object.fromEntries(Object.entries(values).filter(([name]) => !other.has(name))),
  };
};

/**
 * A provider's connection codec, made from its description: each field checked by its type, fields
 * of another auth mode refused, secrets kept apart from the settings. `check` adds the provider's
 * own cross-field rules.
 */
export const describedConnectionCodec = (description: ProviderDescription, check?: SettingsCheck): ConnectionCodec => {
  const mode = directAuthMode(description);
  const newFields = mode === undefined ? [] : description.fields.filter((field) => appliesTo(field, mode.name));
  const required = Object.fromEntries(newFields.filter((f) => f.required).map((f) => [f.name, codecOfField(f)]));
  const optional = Object.fromEntries(newFields.filter((f) => !f.required).map((f) => [f.name, isSecretField(f) ? codecOfField(f) : nullable(codecOfField(f))]));
  const newCodec = strictObject(`${description.displayName} connection`, required, optional) as unknown as Codec;

  const decodeNew = (values: Readonly<Record<string, unknown>>): E.Either<ReadonlyArray<FieldIssue>, ConnectionDraft> => {
    if (mode === undefined) return E.left([{ path: 'type', message: `${description.displayName} connects only through OAuth: start an authorization instead` }]);
    return pipe(
      decodeWith(newCodec, values),
      E.map((decoded) => ({ baseUrl: decoded.baseUrl as string, authMode: mode.name, ...partsOf(newFields, decoded) })),
      E.chain(checked(check, mode.name)),
    );
  };

  const decodeChange = (values: Readonly<Record<string, unknown>>, current: { readonly authMode: string; readonly settings: ProviderSettings }): E.Either<ReadonlyArray<FieldIssue>, ConnectionChange> => {
    const { refusals, rest } = otherModeFields(description, values, current.authMode);
    const fields = description.fields.filter((field) => appliesTo(field, current.authMode));
    const codec = strictObject(`${description.displayName} connection change`, {}, Object.fromEntries(fields.map((f) => [f.name, f.required || isSecretField(f) ? codecOfField(f) : nullable(codecOfField(f))]))) as unknown as Codec;
    return pipe(
      decodeWith(codec, rest),
      E.mapLeft((issues) => [...refusals, ...issues]),
      E.chain((decoded) => (refusals.length === 0 ? E.right(decoded) : E.left(refusals))),
      E.map((decoded) => {
        const given = fields.filter((field) => field.name !== 'baseUrl' && decoded[field.name] !== undefined);
        const cleared = given.filter((field) => decoded[field.name] === null).map((field) => field.name);
        const settings = { ...withoutNulls(current.settings), ...withoutNulls(Object.fromEntries(given.filter((f) => !isSecretField(f)).map((f) => [f.name, decoded[f.name]]))) };
        cleared.forEach((name) => delete settings[name]);
        const secrets = Object.fromEntries(given.filter(isSecretField).map((f) => [f.name, decoded[f.name] as string]));
        return { ...(decoded.baseUrl === undefined ? {} : { baseUrl: decoded.baseUrl as string }), settings, secrets };
      }),
      E.chain(checked(check, current.authMode)),
    );
  };

  return { decodeNew, decodeChange };
};
