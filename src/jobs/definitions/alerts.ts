import { deliverDue } from '../../core/alerts/deliveries.ts';
import { evaluateAlerts } from '../../core/alerts/evaluate.ts';
import { defineJob } from '../registry.ts';

/**
 * Every minute (one scheduler tick, one job run): evaluates the alert rules — firing, repeating and
 * resolving alerts — then sends what is due, including earlier deliveries that failed and whose
 * retry time has come. Singleton: one evaluation at a time across every worker; the alert rows'
 * unique key makes a second one harmless anyway.
 */
export const alertsEvaluateJob = defineJob<object>({
  name: 'alerts.evaluate',
  description: 'Evaluates the alert rules and sends alerts to their destinations.',
  policy: 'singleton',
  retryLimit: 0,
  retryDelaySeconds: 1,
  expireInSeconds: 5 * 60,
  cron: '* * * * *',
  async handler(_data, { database, secrets, lookup, log }) {
    const evaluation = await evaluateAlerts({ database, lookup });
    for (const failed of evaluation.failed) log.warn(failed, 'alert rule not evaluated');
    const sent = await deliverDue({ database, secrets });
    if (sent.failed) log.warn(sent, 'alert deliveries failed; they will be retried');
    return { ...evaluation, ...sent };
  },
});
