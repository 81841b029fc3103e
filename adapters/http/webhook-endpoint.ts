import type { IncomingMessage, ServerResponse } from 'node:http';
import * as E from 'fp-ts/lib/Either.js';
import type { Logger } from 'pino';
import { describeError } from '../../core/index.js';
import type { HttpMetrics } from '../metrics/http-metrics.js';
import { countDelivery, type WebhookMetrics } from '../metrics/webhook-metrics.js';
import { BodyAbandoned, BodyTooLarge, readRawBody } from './middleware/raw-body.js';
import { requestIdFrom } from './middleware/request-context.js';
import { domainErrorAnswer, errorBody } from './respond.js';
import { bodyTooLargeMessage, DEFAULT_WEBHOOK_BODY_LIMIT, webhookCommand, WEBHOOK_ROUTE, type ReceiveWebhook } from './routes/webhooks.js';

export interface WebhookEndpointOptions {
  readonly receive: ReceiveWebhook;
  readonly logger: Logger;
  readonly metrics: { readonly http: HttpMetrics; readonly webhooks: WebhookMetrics };
  /** Largest webhook body, in bytes (1 MB by default). */
  readonly bodyLimit?: number;
}

/**
 * The paths taken here: a provider as the metrics count it and a connection id of UUID characters.
 * Any other form (a trailing slash, escapes, capitals) goes to the Koa route, which answers alike.
 */
const WEBHOOK_PATH = /^\/api\/webhooks\/([a-z][a-z0-9-]{0,31})\/([A-Za-z0-9-]{1,64})$/;

interface Answer {
  readonly status: number;
  readonly body: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

/** The head in one `writeHead` of a flat list: nothing was set before, so Node need not keep a map of headers to merge. */
const write = (res: ServerResponse, requestId: string, answer: Answer) => {
  if (res.writableEnded || res.destroyed) return;
  const json = JSON.stringify(answer.body);
  const head = ['X-Request-Id', requestId];
  if (answer.headers !== undefined) for (const name in answer.headers) head.push(name, answer.headers[name]!);
  head.push('Content-Type', 'application/json; charset=utf-8', 'Content-Length', String(Buffer.byteLength(json)));
  res.writeHead(answer.status, head);
  res.end(json);
};

/** The delivery read, verified and recorded: the route's work, answered as its Koa twin answers. */
const answerDelivery = async (options: WebhookEndpointOptions, req: IncomingMessage, path: RegExpExecArray, requestId: string, log: () => Logger): Promise<Answer> => {
  const limit = options.bodyLimit ?? DEFAULT_WEBHOOK_BODY_LIMIT;
  const refusal = (status: number, code: string, message: string, headers?: Record<string, string>): Answer => ({
    status,
    body: errorBody(code, message, undefined, requestId),
    ...(headers === undefined ? {} : { headers }),
  });
  let rawBody: Buffer;
  try {
    rawBody = await readRawBody(req, limit);
  } catch (error) {
    if (error instanceof BodyTooLarge) return refusal(413, 'webhook/body-too-large', bodyTooLargeMessage(limit), { Connection: 'close' });
    if (!(error instanceof BodyAbandoned)) throw error;
    log().debug('client abandoned the request before sending its whole body');
    return refusal(400, 'validation/body-incomplete', 'The request body ended early');
  }
  const result = await options.receive(webhookCommand(path[1]!, path[2]!, rawBody, req.headers))();
  if (E.isRight(result)) return { status: 200, body: { data: result.right } };
  const answer = domainErrorAnswer(result.left);
  if (answer.status >= 500) log().error({ err: { tag: result.left._tag, message: describeError(result.left) } }, 'request failed');
  return {
    status: answer.status,
    body: errorBody(answer.code, answer.message, answer.details, requestId),
    ...(answer.retryAfterSeconds === undefined ? {} : { headers: { 'Retry-After': String(answer.retryAfterSeconds) } }),
  };
};

/**
 * `POST /api/webhooks/<provider>/<connection id>` answered straight from Node's server, before Koa:
 * a burst of deliveries is most of what the API does under load, and Koa's context, router and
 * middleware chain were a measurable share of each one's CPU (docs/performance.md). What the chain
 * gives every request is done here too: the request id (`X-Request-Id`), the request log line, the
 * request and delivery metrics and the error bodies. Answers false, untouched, for any other request.
 */
export const webhookEndpoint = (options: WebhookEndpointOptions) => {
  const { logger, metrics } = options;
  return (req: IncomingMessage, res: ServerResponse): boolean => {
    if (req.method !== 'POST') return false;
    const url = req.url ?? '';
    const query = url.indexOf('?');
    const pathname = query === -1 ? url : url.slice(0, query);
    const path = WEBHOOK_PATH.exec(pathname);
    if (path === null) return false;
    const started = performance.now();
    const stopTimer = metrics.http.requestDuration.startTimer();
    const given = req.headers['x-request-id'];
    const requestId = requestIdFrom(typeof given === 'string' ? given : '');
    // A child logger only for the rare lines besides the request's own.
    const log = () => logger.child({ requestId });
    void answerDelivery(options, req, path, requestId, log)
      .catch((thrown: unknown): Answer => {
        log().error({ err: thrown }, 'unexpected error');
        return { status: 500, body: errorBody('internal/unexpected', 'Something went wrong; quote the request id when reporting it', undefined, requestId) };
      })
      .then((answer) => {
        // The answer first: counting and logging it are no reason for the sender to wait.
        write(res, requestId, answer);
        stopTimer({ method: 'POST', route: WEBHOOK_ROUTE, status: String(answer.status) });
        countDelivery(metrics.webhooks, path[1]!, answer.status !== 404, answer.status);
        logger.info({ requestId, method: 'POST', path: pathname, status: answer.status, ms: Math.round(performance.now() - started) }, 'request');
      })
      .catch((thrown: unknown) => {
        // Past the answer (a metric, the log): nothing left to tell the client but a closed connection.
        log().error({ err: thrown }, 'unexpected error');
        res.destroy();
      });
    return true;
  };
};
