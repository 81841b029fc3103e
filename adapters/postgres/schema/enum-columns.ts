import { UnifiedPriorityCodec, UnifiedStatusCodec } from '../../../core/index.js';

/** A text column limited to these values by a check constraint. */
const textEnum = (items: ReadonlyArray<string>) => ({ enum: true as const, items: [...items] });

/** Provider names are open (the registry decides), so their columns are plain text. */
export const providerColumn = { type: 'text' } as const;
export const statusColumn = textEnum(Object.keys(UnifiedStatusCodec.keys));
export const priorityColumn = textEnum(Object.keys(UnifiedPriorityCodec.keys));
export const syncStatusColumn = textEnum(['never', 'succeeded', 'failed', 'cancelled', 'interrupted']);
export const eventKindColumn = textEnum(['poll', 'webhook']);
export const triggerColumn = textEnum(['manual', 'schedule', 'full-resync', 'retry']);
export const modeColumn = textEnum(['incremental', 'full', 'sweep']);
export const writeKindColumn = textEnum(['create', 'update']);
export const writeStatusColumn = textEnum(['queued', 'running', 'succeeded', 'failed']);
export const writeConflictPolicyColumn = { ...textEnum(['tracker-wins', 'product-wins']), default: 'tracker-wins' };
export const runStatusColumn = textEnum(['queued', 'running', 'succeeded', 'failed', 'cancelled', 'interrupted']);
