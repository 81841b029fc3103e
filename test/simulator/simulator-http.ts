import { DEFAULT_ACCOUNTS, type JiraSimulator, type SimulatorAccount } from '../../apps/simulator/jira/index.js';

export const ADMIN = DEFAULT_ACCOUNTS[0] as SimulatorAccount;
export const NO_ACCESS = DEFAULT_ACCOUNTS[1] as SimulatorAccount;

export const basicAuth = (email: string, token: string) => `Basic ${Buffer.from(`${email}:${token}`).toString('base64')}`;

export interface Answer {
  readonly status: number;
  readonly header: (name: string) => string | null;
  // Test code reads arbitrary JSON; assertions check the shape.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly body: any;
}

/** One HTTP call to the simulator, as a tracker client would make it (Basic auth as the admin by default). */
export const call = async (
  sim: JiraSimulator,
  method: string,
  path: string,
  options: { body?: unknown; authorization?: string | null } = {},
): Promise<Answer> => {
  const authorization = options.authorization === undefined ? basicAuth(ADMIN.email, ADMIN.apiToken) : options.authorization;
  const response = await fetch(`${sim.url}${path}`, {
    method,
    headers: {
      ...(authorization === null ? {} : { authorization }),
      ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await response.text();
  return { status: response.status, header: (name) => response.headers.get(name), body: text === '' ? undefined : (JSON.parse(text) as unknown) };
};

export const search = (sim: JiraSimulator, body: Record<string, unknown>, authorization?: string) =>
  call(sim, 'POST', '/rest/api/3/search/jql', { body, ...(authorization === undefined ? {} : { authorization }) });

/** Every page of a search, following nextPageToken. */
export const searchAllPages = async (sim: JiraSimulator, body: Record<string, unknown>, authorization?: string) => {
  const pages: Answer[] = [];
  let token: string | undefined;
  do {
    const page = await search(sim, { ...body, ...(token === undefined ? {} : { nextPageToken: token }) }, authorization);
    if (page.status !== 200) throw new Error(`search answered ${page.status}: ${JSON.stringify(page.body)}`);
    pages.push(page);
    token = page.body.nextPageToken;
  } while (token !== undefined);
  return pages;
};
