/**
 * How the simulated site treats what is not a plain API call, changeable while it runs (through the
 * handle or `/__admin/site`): bad credentials, and a site rename.
 */
export interface SiteSettings {
  /**
   * `unauthorized`: a wrong or revoked API token gets 401, as `/myself` answers it. `anonymous`: like
   * Jira Cloud on its other endpoints (jira.js#418), the request goes on as the anonymous user, with
   * `X-Seraph-LoginReason: AUTHENTICATED_FAILED`; anonymous sees no project.
   */
  readonly badCredentials: 'unauthorized' | 'anonymous';
  /**
   * A renamed site: requests whose host name is `from` answer 301 to the same URL on host `to` (its
   * port kept), as Atlassian redirects an old site name. Null: no rename.
   */
  readonly rename: { readonly from: string; readonly to: string } | null;
}

export interface SiteControl {
  readonly settings: () => SiteSettings;
  readonly set: (changes: Partial<SiteSettings>) => SiteSettings;
}

export const DEFAULT_SITE: SiteSettings = { badCredentials: 'unauthorized', rename: null };

export const siteControl = (initial: Partial<SiteSettings> = {}): SiteControl => {
  let settings: SiteSettings = { ...DEFAULT_SITE, ...initial };
  return {
    settings: () => settings,
    set: (changes) => (settings = { ...settings, ...changes }),
  };
};

const isHostName = (value: unknown): value is string => typeof value === 'string' && /^[a-z0-9.-]+$/i.test(value);

/** Checks a settings patch from the admin endpoint. */
export const parseSiteSettings = (input: unknown): Partial<SiteSettings> | string => {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return 'expected a JSON object';
  const { badCredentials, rename, ...rest } = input as Record<string, unknown>;
  if (Object.keys(rest).length > 0) return `unknown setting '${Object.keys(rest)[0]}'; known: badCredentials, rename`;
  if (badCredentials !== undefined && badCredentials !== 'unauthorized' && badCredentials !== 'anonymous') return "'badCredentials' must be 'unauthorized' or 'anonymous'";
  const renamed = rename as { from?: unknown; to?: unknown } | null | undefined;
  if (renamed !== undefined && renamed !== null && !(isHostName(renamed.from) && isHostName(renamed.to))) return "'rename' must be null or { from: host, to: host }";
  return {
    ...(badCredentials === undefined ? {} : { badCredentials }),
    ...(renamed === undefined ? {} : { rename: renamed === null ? null : { from: String(renamed.from).toLowerCase(), to: String(renamed.to).toLowerCase() } }),
  } as Partial<SiteSettings>;
};

/** Answers a request to a renamed site's old host name with a 301 to the new one (the admin API excepted). */
export const renameMiddleware =
  (site: SiteControl) =>
  async (ctx: { readonly path: string; readonly hostname: string; readonly href: string; redirect: (url: string) => void; status: number }, next: () => Promise<unknown>) => {
    const rename = site.settings().rename;
    if (rename === null || ctx.path.startsWith('/__admin') || ctx.hostname.toLowerCase() !== rename.from) return next();
    const target = new URL(ctx.href);
    target.hostname = rename.to;
    ctx.redirect(target.href);
    ctx.status = 301;
    return undefined;
  };
