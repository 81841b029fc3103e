// The HTTP adapter as a product embedding taskport uses it: the app, and what its own routes need.
export { createApiApp, apiRouters, type ApiAppOptions } from './create-api-app.js';
export type { ApiUseCases, ReadinessCheck } from './api-use-cases.js';
export type { JwtVerification } from './middleware/jwt-auth.js';
export { requireWorkspaceModule, type EnabledModuleCheck } from './middleware/require-workspace-module.js';
export { principalOf, type Principal } from './principal.js';
export { requesterOf, requestIdOf } from './requester.js';
export { respond, sendDomainError, sendError, type ErrorBody } from './respond.js';
export { createApiRouter, type ApiRouterOptions, type RouterAuth } from './create-api-router.js';
export { ERROR_STATUS } from './error-status.js';
