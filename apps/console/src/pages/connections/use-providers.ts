import { useSession } from '../../auth/session';
import { useResource } from '../../ui/use-resource';

/** The providers the API can connect, from `GET /api/providers`. */
export const useProviders = () => {
  const { api } = useSession();
  return useResource(() => api.providers.list(), [api]).resource;
};
