import { envelope } from './codecs';
import { TaskCodec, TaskPageCodec, type TaskFilters } from './task';
import type { Transport } from './transport';

/** The query string of a page of tasks: only the filters that are set. */
export const taskQuery = (filters: TaskFilters, limit: number, cursor: string | null): string => {
  const query = new URLSearchParams();
  Object.entries(filters).forEach(([name, value]) => {
    if (typeof value === 'string' && value !== '') query.set(name, value);
  });
  query.set('limit', String(limit));
  if (cursor !== null) query.set('cursor', cursor);
  return query.toString();
};

/** `/api/external-tasks`: the unified tasks, a page at a time. */
export const tasksApi = (http: Transport) => ({
  page: (filters: TaskFilters, limit: number, cursor: string | null) => http.call('GET', `/api/external-tasks?${taskQuery(filters, limit, cursor)}`, TaskPageCodec),
  get: async (id: string) => (await http.call('GET', `/api/external-tasks/${encodeURIComponent(id)}`, envelope(TaskCodec))).data,
});
