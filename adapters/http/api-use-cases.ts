import type { UseCases } from '../../core/index.js';

/** The use cases the HTTP API calls, already bound to their adapters by the composition root. */
export type ApiUseCases = UseCases;

/** Readiness of what the API depends on (the database). */
export type ReadinessCheck = () => Promise<boolean>;
