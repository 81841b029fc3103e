import { CATEGORY_PREFIX, DEFAULT_KEY, type FieldMappings, type UnifiedPriority, type UnifiedStatus } from '../../domain/field-mappings.js';
import type { PriorityTarget, StatusTarget } from '../../ports/issue-writer.js';

const keysMappingTo = <V>(rules: Readonly<Record<string, V>>, wanted: V): ReadonlyArray<string> =>
  Object.entries(rules).flatMap(([key, value]) => (value === wanted && key !== DEFAULT_KEY ? [key] : []));

/** The reverse of the connection's status mappings: every raw status and category that reads as `unified`. */
export const statusTarget = (mappings: FieldMappings, unified: UnifiedStatus): StatusTarget => {
  const keys = keysMappingTo(mappings.status, unified);
  return {
    unified,
    statuses: keys.filter((key) => !key.startsWith(CATEGORY_PREFIX)),
    categories: keys.filter((key) => key.startsWith(CATEGORY_PREFIX)).map((key) => key.slice(CATEGORY_PREFIX.length)),
  };
};

/** The reverse of the priority mappings, in the order the mappings list them. */
export const priorityTarget = (mappings: FieldMappings, unified: UnifiedPriority): PriorityTarget => ({
  unified,
  priorities: keysMappingTo(mappings.priority, unified),
});
