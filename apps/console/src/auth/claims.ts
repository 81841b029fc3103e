/** What the console shows of its token. Not verified here: the API verifies every call. */
export interface TokenClaims {
  readonly organizationId: string | undefined;
  readonly subject: string | undefined;
  readonly expiresAt: Date | undefined;
}

const base64UrlDecode = (part: string): string => {
  const base64 = part.replace(/-/g, '+').replace(/_/g, '/');
  return atob(base64.padEnd(base64.length + ((4 - (base64.length % 4)) % 4), '='));
};

const stringOr = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** Reads the payload of a JWT for display; an unreadable one shows nothing. */
export const readClaims = (token: string): TokenClaims => {
  try {
    const payload = JSON.parse(base64UrlDecode(token.split('.')[1] ?? '')) as Record<string, unknown>;
    return {
      organizationId: stringOr(payload.organizationId),
      subject: stringOr(payload.sub),
      expiresAt: typeof payload.exp === 'number' ? new Date(payload.exp * 1000) : undefined,
    };
  } catch {
    return { organizationId: undefined, subject: undefined, expiresAt: undefined };
  }
};
