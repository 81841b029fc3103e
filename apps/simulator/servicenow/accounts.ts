/** A login of the simulated instance; its sys_user row is seeded from it. */
export interface ServiceNowAccount {
  readonly userName: string;
  readonly password: string;
  readonly name: string;
  readonly email: string;
  /** The account must give a multi-factor code too: Basic auth answers 401 with `X-MFA_TOKEN: invalid`. */
  readonly mfa?: boolean;
}

export const DEFAULT_SERVICENOW_ACCOUNTS: ReadonlyArray<ServiceNowAccount> = [
  { userName: 'taskport.integration', password: 'simulator-password', name: 'Taskport Integration', email: 'taskport.integration@example.com' },
  { userName: 'mfa.person', password: 'simulator-password', name: 'Person With MFA', email: 'mfa.person@example.com', mfa: true },
];

export const accountRow = (account: ServiceNowAccount): Record<string, string> => ({
  user_name: account.userName,
  name: account.name,
  first_name: account.name.split(' ')[0] ?? '',
  last_name: account.name.split(' ').slice(1).join(' '),
  email: account.email,
  active: 'true',
  time_zone: 'GMT',
});
