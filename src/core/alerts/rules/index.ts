import type { AlertRule } from '../rule.ts';
import { contractDriftRule } from './contract-drift.ts';
import { deadJobsRule } from './dead-jobs.ts';
import { loginRefusedRule } from './login-refused.ts';
import { noLiveWorkerRule } from './no-live-worker.ts';
import { outboxAgeRule } from './outbox-age.ts';
import { poSlaRule } from './po-sla.ts';
import { reconciliationDriftRule } from './reconciliation-drift.ts';
import { streamStaleRule } from './stream-stale.ts';

/**
 * Every rule the scheduler evaluates. To add one, write a module exporting an AlertRule beside these
 * and list it here; nothing else changes.
 */
export const alertRules: AlertRule[] = [
  loginRefusedRule,
  streamStaleRule,
  outboxAgeRule,
  reconciliationDriftRule,
  deadJobsRule,
  noLiveWorkerRule,
  contractDriftRule,
  poSlaRule,
];

export const ruleNamed = (name: string) => alertRules.find((r) => r.name === name);
