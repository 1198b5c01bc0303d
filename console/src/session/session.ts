import { useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { api, setCsrfToken, unwrap } from '../api/client';
import { ApiProblem } from '../api/problem';

export type Session = Awaited<ReturnType<typeof fetchSession>>;
export type Me = NonNullable<Session>['user'];
export type Role = Me['role'];

export const sessionKey = ['session'] as const;

/** The current cookie session, or null when signed out (401). */
async function fetchSession() {
  try {
    const session = await unwrap(api.GET('/session'));
    setCsrfToken(session.csrfToken);
    return session;
  } catch (error) {
    if (error instanceof ApiProblem && error.status === 401) {
      setCsrfToken(undefined);
      return null;
    }
    throw error;
  }
}

export function useSession() {
  return useQuery({ queryKey: sessionKey, queryFn: fetchSession, retry: false, staleTime: 60_000 });
}

export function useSignedIn() {
  const { data } = useSession();
  if (!data) throw new Error('useSignedIn outside a signed-in page');
  return data;
}

export function rememberSession(client: QueryClient, session: NonNullable<Session>): void {
  setCsrfToken(session.csrfToken);
  client.setQueryData(sessionKey, session);
}

/** Forgets everything cached for the previous user. */
export function forgetSession(client: QueryClient): void {
  setCsrfToken(undefined);
  client.clear();
  client.setQueryData(sessionKey, null);
}

export function useSignOut() {
  const client = useQueryClient();
  return async () => {
    try {
      await unwrap(api.DELETE('/session'));
    } finally {
      forgetSession(client);
    }
  };
}
