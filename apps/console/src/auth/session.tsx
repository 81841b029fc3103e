import { createContext, type ComponentChildren } from 'preact';
import { useContext, useMemo, useRef, useState } from 'preact/hooks';
import { apiClient, type ApiClient } from '../api/client';
import { readClaims, type TokenClaims } from './claims';

export interface Session {
  readonly api: ApiClient;
  readonly claims: TokenClaims;
  readonly signOut: (reason?: string) => void;
}

interface SessionState {
  readonly session: Session | undefined;
  readonly signIn: (token: string) => void;
  /** Why the last session ended (an expired token), shown on the sign-in page. */
  readonly endedBecause: string | undefined;
}

const SessionContext = createContext<SessionState | undefined>(undefined);

/**
 * Holds the bearer token in memory (a closure, not localStorage or a cookie): a reload forgets it, and
 * a script of another origin cannot read it. A 401 from the API ends the session.
 */
export const SessionProvider = ({ initialToken, children }: { initialToken: string | undefined; children: ComponentChildren }) => {
  const [token, setToken] = useState(initialToken);
  const [endedBecause, setEndedBecause] = useState<string | undefined>(undefined);
  const current = useRef(token);
  current.current = token;
  const state = useMemo<SessionState>(() => {
    const signOut = (reason?: string) => {
      current.current = undefined;
      setToken(undefined);
      setEndedBecause(reason);
    };
    const api = apiClient({ token: () => current.current, onUnauthorized: () => signOut('Your session has ended or the token was refused: sign in again.') });
    return {
      session: token === undefined ? undefined : { api, claims: readClaims(token), signOut },
      signIn: (next: string) => {
        setEndedBecause(undefined);
        setToken(next);
      },
      endedBecause,
    };
  }, [token, endedBecause]);
  return <SessionContext.Provider value={state}>{children}</SessionContext.Provider>;
};

export const useSessionState = (): SessionState => {
  const state = useContext(SessionContext);
  if (state === undefined) throw new Error('useSessionState outside SessionProvider');
  return state;
};

/** The signed-in session; pages under the shell only render with one. */
export const useSession = (): Session => {
  const { session } = useSessionState();
  if (session === undefined) throw new Error('useSession without a session');
  return session;
};
