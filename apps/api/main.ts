/** `npm start`: the taskport API service. */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { createLogger } from '../../adapters/logging/pino-logger.js';
import { bootApi } from './bootstrap.js';
import { readEnv } from './config.js';
import { CONSOLE_BUILD_DIR } from './console-directory.js';
import { DEMO_ORGANIZATION_ID, developmentToken } from './dev-token.js';
import { openApiDocumentPath } from './openapi-location.js';
import { describeStartupFailure } from './startup-failure.js';

const main = async () => {
  const config = readEnv(process.env);
  const logger = createLogger(config.LOG_LEVEL);
  const booted = await bootApi(config, logger);
  logger.info({ url: booted.api.url }, 'taskport API listening');
  console.log(
    existsSync(path.join(CONSOLE_BUILD_DIR, 'index.html'))
      ? `\nWeb console: ${booted.api.url}/console/${booted.developmentJwtSecret === undefined ? '' : ' (development sign-in: one click)'}\n`
      : '\nWeb console: not built (npm run build:console)\n',
  );
  if (existsSync(openApiDocumentPath())) console.log(`API documentation: ${booted.api.url}/docs (the contract: ${booted.api.url}/api/openapi.json)\n`);
  if (booted.developmentJwtSecret !== undefined) {
    const token = developmentToken(booted.developmentJwtSecret);
    console.log(`\nDevelopment token for the demo organization ${DEMO_ORGANIZATION_ID} (valid 12 h):\n\n  ${token}\n`);
    console.log(`Try:\n\n  curl -s -H "Authorization: Bearer ${token}" ${booted.api.url}/api/integrations\n`);
  }
  let stopping = false;
  // A second signal does not wait: the embedded PostgreSQL is still stopped on exit.
  const stop = (signal: string) => {
    if (stopping) {
      logger.warn({ signal }, 'shutting down at once: second signal');
      process.exit(1);
    }
    stopping = true;
    logger.info({ signal, timeoutSeconds: config.TASKPORT_SHUTDOWN_TIMEOUT_SECONDS }, 'shutting down: finishing in-flight requests');
    booted.shutdown().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
};

main().catch((error: unknown) => {
  console.error(describeStartupFailure(error));
  process.exit(1);
});
