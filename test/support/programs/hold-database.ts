/** Opens the embedded database of the data directory given as argument and waits to be signalled. */
import { openDatabase, silentDatabaseLog } from '../../../adapters/postgres/index.js';

const database = await openDatabase({ dataDir: process.argv[2]!, log: silentDatabaseLog });
console.log(`ready ${new URL(database.url).port}`);
setInterval(() => undefined, 60_000);
