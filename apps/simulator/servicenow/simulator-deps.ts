import type { FaultControl } from '../jira/faults.js';
import type { AclControl } from './acl.js';
import type { ServiceNowAccount } from './accounts.js';
import type { LostAnswers } from './lost-answers.js';
import type { ServiceNowOAuthServer } from './oauth-server.js';
import type { QueryQuirks } from './query-quirks.js';
import type { RecordStore } from './record-store.js';
import type { SnRequestLog } from './request-log.js';
import type { BusinessRuleSender } from './webhook-sender.js';

/** What the routes of one simulated instance share. */
export interface ServiceNowSimulatorDeps {
  readonly store: RecordStore;
  readonly accounts: ReadonlyArray<ServiceNowAccount>;
  readonly faults: FaultControl;
  readonly acl: AclControl;
  readonly requests: SnRequestLog;
  readonly oauth: ServiceNowOAuthServer;
  readonly webhooks: BusinessRuleSender;
  readonly lostAnswers: LostAnswers;
  readonly query: QueryQuirks;
  readonly now: () => number;
}
