import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import { aesGcmCipher, keyIdOf } from '../../../adapters/crypto/aes-gcm-cipher.js';
import { checkDatabase, createOrm, openDatabase } from '../../../adapters/postgres/index.js';
import { countRetiredSecrets, reencryptStoredSecrets, type RotationReport } from '../../../adapters/postgres/key-rotation/reencrypt-secrets.js';
import { toFieldIssues } from '../../../core/index.js';
import { Key32FromBase64, KeyListFromBase64, optional, PostgresUrlFromEnv } from '../../api/env-codecs.js';
import { CliFailure } from './api-client.js';

const RotateEnv = t.type({
  DATABASE_URL: optional(PostgresUrlFromEnv),
  TASKPORT_DATA_DIR: t.union([t.string, t.undefined]),
  TASKPORT_ENCRYPTION_KEY: Key32FromBase64,
  TASKPORT_ENCRYPTION_PREVIOUS_KEYS: optional(KeyListFromBase64),
});

export interface RotateOptions {
  readonly batchSize: number;
  readonly organization?: string;
}

const readRotateEnv = (env: NodeJS.ProcessEnv) => {
  const decoded = RotateEnv.decode(env);
  if (E.isLeft(decoded)) throw new CliFailure(`Invalid configuration: ${toFieldIssues(decoded.left).map((i) => `${i.path} ${i.message}`).join('; ')}`, 2);
  return decoded.right;
};

const verdict = (report: RotationReport, remaining: number, currentId: string, previousIds: ReadonlyArray<string>, options: RotateOptions): string => {
  const scope = options.organization === undefined ? 'Every stored secret' : `Every secret of organization ${options.organization}`;
  const retired = previousIds.length === 0 ? 'the previous keys' : previousIds.join(', ');
  if (report.unreadable.length > 0) {
    const lines = report.unreadable.map((s) => `  ${s.table} ${s.key} ${s.place}: ${s.reason}`);
    throw new CliFailure(`${report.unreadable.length} stored secret(s) cannot be read with the configured keys, so they were left as they are:\n${lines.join('\n')}\nKeep ${retired} until they are replaced or deleted.`);
  }
  if (remaining > 0) {
    throw new CliFailure(`${remaining} secret(s) were written with a previous key while this ran (a process still encrypting with an old key?). Give every process TASKPORT_ENCRYPTION_KEY=<key ${currentId}>, then run taskport keys rotate again.`);
  }
  if (options.organization !== undefined) return `${scope} uses key ${currentId}. Other organizations may still use ${retired}: run taskport keys rotate without --organization before removing them.`;
  return `${scope} now uses key ${currentId}: ${retired} can be removed from TASKPORT_ENCRYPTION_PREVIOUS_KEYS (and from every process's configuration).`;
};

/**
 * `taskport keys rotate`: re-encrypts every stored secret still under a previous key with the
 * current one, in batches, on the database directly while the service runs. Run it once every
 * process has the new key as TASKPORT_ENCRYPTION_KEY and the old one in TASKPORT_ENCRYPTION_PREVIOUS_KEYS.
 */
export const keysRotateCommand = async (options: RotateOptions, print: (line: string) => void): Promise<void> => {
  const env = readRotateEnv(process.env);
  const previous = env.TASKPORT_ENCRYPTION_PREVIOUS_KEYS ?? [];
  const cipher = aesGcmCipher({ current: env.TASKPORT_ENCRYPTION_KEY, previous });
  const currentId = keyIdOf(env.TASKPORT_ENCRYPTION_KEY);
  const previousIds = previous.map(keyIdOf);
  const dataDir = env.TASKPORT_DATA_DIR === undefined || env.TASKPORT_DATA_DIR === '' ? '.data' : env.TASKPORT_DATA_DIR;
  const database = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir, log: { info: () => undefined, warn: (m: string) => console.error(m), error: (m: string) => console.error(m) } });
  try {
    await checkDatabase(database.url, { createIfMissing: false, log: console });
    const orm = await createOrm(database.url, { poolSize: 2 });
    try {
      const em = () => orm.em.fork();
      const scope = { batchSize: options.batchSize, ...(options.organization === undefined ? {} : { organizationId: options.organization }) };
      print(`Re-encrypting stored secrets with key ${currentId}${previousIds.length === 0 ? '' : ` (previous: ${previousIds.join(', ')})`}, ${options.batchSize} rows a batch`);
      const report = await reencryptStoredSecrets(em, cipher, { ...scope, onBatch: (table, so) => print(`  ${table}: ${so.examined} secrets examined, ${so.reencrypted} re-encrypted`) });
      print(`Re-encrypted ${report.reencrypted} of ${report.examined} secret(s); ${report.changedMeanwhile} changed meanwhile and were left as written.`);
      print(verdict(report, await countRetiredSecrets(em, cipher, scope), currentId, previousIds, options));
    } finally {
      await orm.close();
    }
  } finally {
    await database.stop();
  }
};
