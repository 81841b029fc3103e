import { envelope } from './codecs';
import { pageQuery } from './page-query';
import { TaskCodec, TaskPageCodec, type TaskFilters } from './task';
import type { Transport } from './transport';

/** `/api/external-tasks`: the unified tasks, a page at a time. */
export const tasksApi = (http: Transport) => ({
  page: (filters: TaskFilters, limit: number, cursor: string | null) => http.call('GET', `/api/external-tasks?${pageQuery(filters, limit, cursor)}`, TaskPageCodec),
  get: async (id: string) => (await http.call('GET', `/api/external-tasks/${encodeURIComponent(id)}`, envelope(TaskCodec))).data,
});
