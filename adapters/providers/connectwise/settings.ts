import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import { sourceUnavailable, type FieldIssue, type ProviderSettings, type SourceUnavailable } from '../../../core/index.js';
import { CONNECTWISE_API } from './facts.js';

/** A ConnectWise connection's settings as the connection codec stored them (numbers as text: fields have no number type). */
export const ConnectWiseSettingsCodec = t.intersection(
  [
    t.type({ companyId: t.string, publicKey: t.string, clientId: t.string }),
    t.partial({
      codebase: t.string,
      memberIdentifier: t.string,
      boards: t.array(t.string),
      includeProjectTickets: t.boolean,
      filter: t.string,
      closedTicketsDays: t.string,
      requestsPerHour: t.string,
      registerCallbacks: t.boolean,
    }),
  ],
  'ConnectWiseSettings',
);
type StoredSettings = t.TypeOf<typeof ConnectWiseSettingsCodec>;

/** The settings with defaults applied and numbers read. */
export interface ConnectWiseSettings {
  readonly companyId: string;
  readonly publicKey: string;
  readonly clientId: string;
  readonly codebase: string;
  readonly memberIdentifier: string | null;
  readonly boards: ReadonlyArray<string>;
  readonly includeProjectTickets: boolean;
  readonly filter: string | null;
  readonly closedTicketsDays: number;
  readonly requestsPerHour: number;
  readonly registerCallbacks: boolean;
}

const LIMITS = { closedTicketsDays: [1, 36_500], requestsPerHour: [1, 360_000] } as const;
const CODEBASE = /^[A-Za-z0-9_.-]{1,50}$/;

const integerIn = (text: string | undefined, [min, max]: readonly [number, number]): number | null => {
  if (text === undefined) return null;
  const value = Number(text);
  return /^\d+$/.test(text) && value >= min && value <= max ? value : null;
};

const withDefaults = (stored: StoredSettings): ConnectWiseSettings => ({
  companyId: stored.companyId,
  publicKey: stored.publicKey,
  clientId: stored.clientId,
  codebase: stored.codebase ?? CONNECTWISE_API.defaultCodebase,
  memberIdentifier: stored.memberIdentifier ?? null,
  boards: stored.boards ?? [],
  includeProjectTickets: stored.includeProjectTickets ?? true,
  filter: stored.filter ?? null,
  closedTicketsDays: integerIn(stored.closedTicketsDays, LIMITS.closedTicketsDays) ?? CONNECTWISE_API.defaultClosedTicketsDays,
  requestsPerHour: integerIn(stored.requestsPerHour, LIMITS.requestsPerHour) ?? CONNECTWISE_API.defaultRequestsPerHour,
  registerCallbacks: stored.registerCallbacks ?? false,
});

export const connectWiseSettingsOf = (settings: ProviderSettings): E.Either<SourceUnavailable, ConnectWiseSettings> =>
  E.bimap(
    () => sourceUnavailable('The stored ConnectWise settings of this connection are unreadable; save the connection again'),
    withDefaults,
  )(ConnectWiseSettingsCodec.decode(settings));

/** What the field types cannot say: numbers in range, a codebase that is one path segment. */
export const checkConnectWiseSettings = (settings: ProviderSettings): ReadonlyArray<FieldIssue> => {
  const issues: FieldIssue[] = [];
  for (const [name, range] of Object.entries(LIMITS)) {
    const value = settings[name];
    if (value !== undefined && integerIn(String(value), range) === null) issues.push({ path: name, message: `must be a whole number from ${range[0]} to ${range[1]}` });
  }
  const codebase = settings.codebase;
  if (typeof codebase === 'string' && !CODEBASE.test(codebase)) issues.push({ path: 'codebase', message: 'must be one path segment such as v4_6_release' });
  return issues;
};
