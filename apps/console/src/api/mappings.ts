import * as t from 'io-ts';
import { nullable } from './codecs';

export const UNIFIED_STATUSES = ['backlog', 'todo', 'in_progress', 'done', 'cancelled'] as const;
export const UNIFIED_PRIORITIES = ['low', 'medium', 'high', 'urgent'] as const;
/** The entry every table keeps: what an unknown value maps to. */
export const DEFAULT_RULE = 'default';

export const ProjectMappingCodec = t.intersection([t.type({ projectKey: t.string }), t.partial({ internalProjectId: nullable(t.string) })]);

export const MappingsCodec = t.intersection([
  t.type({ status: t.record(t.string, t.string), priority: t.record(t.string, t.string) }),
  t.partial({ projects: t.array(ProjectMappingCodec) }),
]);
export type Mappings = t.TypeOf<typeof MappingsCodec>;

/** What saving mappings did to the stored tasks: how many were read, how many changed. */
export const RemapReportCodec = t.type({ tasksExamined: t.number, tasksRemapped: t.number });
export type RemapReport = t.TypeOf<typeof RemapReportCodec>;

/** The answer of PUT (and PATCH) `.../mappings`: the whole mappings, and what applying them did. */
export const MappingsChangeCodec = t.type({ data: MappingsCodec, meta: t.type({ remap: RemapReportCodec }) });
