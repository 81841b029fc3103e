import type { SimUser } from './model.js';

/** Someone who can call the simulator's API with Basic auth (e-mail + API token), like a Jira user. */
export interface SimulatorAccount {
  readonly email: string;
  readonly apiToken: string;
  readonly accountId: string;
  readonly displayName: string;
  /** JQL dates are read, and timestamps rendered, in this zone. */
  readonly timeZone: string;
  /**
   * `forbidden` answers 403 to every API call: valid credentials without access to the site.
   * `captcha` answers 403 with `X-Seraph-LoginReason: AUTHENTICATION_DENIED`: the account failed to
   * log in too often and must answer a CAPTCHA in a browser before the API accepts it again.
   */
  readonly access: 'full' | 'forbidden' | 'captcha';
}

export const DEFAULT_ACCOUNTS: ReadonlyArray<SimulatorAccount> = [
  {
    email: 'admin@taskport.test',
    apiToken: 'simulator-token',
    accountId: '712020:5b10a284-4c20-1657-00ed-e21a00000001',
    displayName: 'Simulator Admin',
    timeZone: 'America/Los_Angeles',
    access: 'full',
  },
  {
    email: 'no-access@taskport.test',
    apiToken: 'simulator-token',
    accountId: '712020:5b10a284-4c20-1657-00ed-e21a00000002',
    displayName: 'No Access',
    timeZone: 'Europe/Berlin',
    access: 'forbidden',
  },
  {
    email: 'captcha@taskport.test',
    apiToken: 'simulator-token',
    accountId: '712020:5b10a284-4c20-1657-00ed-e21a00000003',
    displayName: 'Locked Out',
    timeZone: 'UTC',
    access: 'captcha',
  },
];

/** API accounts are users of the site too: they can report issues and be assigned. */
export const accountAsUser = (account: SimulatorAccount): SimUser => ({
  accountId: account.accountId,
  displayName: account.displayName,
  emailAddress: account.email,
  emailVisible: true,
  timeZone: account.timeZone,
});

/** The account behind a Basic `Authorization` header, or undefined when it matches none. */
export const authenticateBasic = (accounts: ReadonlyArray<SimulatorAccount>, header: string | undefined): SimulatorAccount | undefined => {
  const match = /^Basic\s+(\S+)$/i.exec(header ?? '');
  if (match === null) return undefined;
  const decoded = Buffer.from(match[1] ?? '', 'base64').toString('utf8');
  const separator = decoded.indexOf(':');
  if (separator < 0) return undefined;
  const email = decoded.slice(0, separator).toLowerCase();
  const token = decoded.slice(separator + 1);
  return accounts.find((a) => a.email.toLowerCase() === email && a.apiToken === token);
};
