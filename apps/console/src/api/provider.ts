import * as t from 'io-ts';

/** One input of a provider's connection form, as `GET /api/providers` describes it. */
export const ProviderFieldCodec = t.intersection([
  t.type({
    name: t.string,
    label: t.string,
    // url | text | email | secret | string-list | boolean | choice-list; an unknown type is shown as text.
    type: t.string,
    required: t.boolean,
    secret: t.boolean,
    authModes: t.array(t.string),
  }),
  t.partial({
    placeholder: t.string,
    help: t.string,
    // choice-list: the allowed values; another type with options is a choice of one.
    options: t.array(t.string),
    maxLength: t.number,
    // What an absent optional field means.
    default: t.union([t.string, t.boolean, t.array(t.string)]),
  }),
]);
export type ProviderField = t.TypeOf<typeof ProviderFieldCodec>;

export const ProviderCodec = t.type({
  name: t.string,
  displayName: t.string,
  authModes: t.array(t.string),
  fields: t.array(ProviderFieldCodec),
  webhooks: t.type({ available: t.boolean }),
  // siteIdField: how the provider names a site in a site selection and in `select-site` (Jira: cloudId).
  oauth: t.intersection([t.type({ available: t.boolean, startFields: t.array(ProviderFieldCodec) }), t.partial({ siteIdField: t.union([t.string, t.null]) })]),
});
export type Provider = t.TypeOf<typeof ProviderCodec>;

/** The fields a connection of `authMode` uses. */
export const fieldsFor = (fields: ReadonlyArray<ProviderField>, authMode: string): ReadonlyArray<ProviderField> =>
  fields.filter((f) => f.authModes.length === 0 || f.authModes.includes(authMode));
