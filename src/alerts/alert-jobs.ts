/** Jobs of the alerts module. */
export const ALERT_DELIVER_JOB = 'alert.deliver';
export const ALERTS_EVALUATE_JOB = 'alerts.evaluate';
export const ALERTS_SWEEP_JOB = 'alerts.sweep';

export const EVALUATE_INTERVAL_SECONDS = 60;
export const SWEEP_INTERVAL_SECONDS = 30;

/**
 * One job per scheduled attempt (the key carries the attempt's time), so a retry or a release
 * from quiet hours can be queued while an older job is still around; the claim makes any
 * duplicate harmless. The job's own retries only cover a crashing handler.
 */
export const deliverJobOptions = (alertId: string, at: Date) => ({
  singletonKey: `alert:${alertId}:${at.getTime()}`,
  startAfter: at,
  retryLimit: 3,
  retryDelaySeconds: 2,
  expireInSeconds: 120,
});
