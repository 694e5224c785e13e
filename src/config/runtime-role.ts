import { AppConfig } from './config.schema';

/**
 * What this process runs, from ROLE. Modules ask it before starting background work:
 *   all    — HTTP API and workers (the default single-process setup)
 *   api    — HTTP API only; may enqueue jobs but runs no workers, schedules or connectors
 *   worker — jobs, schedules and connectors; its HTTP port answers only /health and /metrics
 */
export class RuntimeRole {
  constructor(readonly role: AppConfig['ROLE']) {}

  /** Runs job handlers, schedule ticks and connectors. */
  get runsWorkers(): boolean {
    return this.role !== 'api';
  }

  /** Serves the HTTP API, web UI and API docs (health and metrics are served by every role). */
  get servesHttp(): boolean {
    return this.role !== 'worker';
  }
}
