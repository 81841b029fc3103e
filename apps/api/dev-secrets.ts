import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import type { Logger } from 'pino';

const DevSecretsCodec = t.type({ jwtSecret: t.string, encryptionKey: t.string });
export type DevSecrets = t.TypeOf<typeof DevSecretsCodec>;

const load = async (file: string): Promise<DevSecrets | undefined> => {
  const text = await readFile(file, 'utf8').catch(() => undefined);
  if (text === undefined) return undefined;
  const decoded = DevSecretsCodec.decode(JSON.parse(text));
  return E.isRight(decoded) ? decoded.right : undefined;
};

/**
 * Development only: a JWT secret and an encryption key made once and kept in the data dir, so a
 * first `npm start` needs no set-up and a restart can still read what it encrypted.
 */
export const developmentSecrets = async (dataDir: string, logger: Logger): Promise<DevSecrets> => {
  const file = path.join(dataDir, 'dev-secrets.json');
  const existing = await load(file);
  if (existing !== undefined) return existing;
  const created = { jwtSecret: randomBytes(32).toString('base64url'), encryptionKey: randomBytes(32).toString('base64') };
  await mkdir(dataDir, { recursive: true });
  await writeFile(file, JSON.stringify(created, null, 2), { mode: 0o600 });
  logger.warn({ file }, 'Generated a development JWT secret and encryption key; set JWT_SECRET and TASKPORT_ENCRYPTION_KEY in production');
  return created;
};
