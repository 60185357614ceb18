import type { JobDefinition } from '../registry.ts';
import { heartbeatJob } from './heartbeat.ts';

/** Every job Weft knows. Channel modules add theirs here. */
export const jobDefinitions: JobDefinition<any>[] = [heartbeatJob];
