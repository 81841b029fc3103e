import { AuditPageCodec, type AuditFilters } from './audit';
import { pageQuery } from './page-query';
import type { Transport } from './transport';

/** `/api/audit-events`: the organization's audit log, newest first, a page at a time. */
export const auditApi = (http: Transport) => ({
  page: (filters: AuditFilters, limit: number, cursor: string | null) => http.call('GET', `/api/audit-events?${pageQuery(filters, limit, cursor)}`, AuditPageCodec),
});
