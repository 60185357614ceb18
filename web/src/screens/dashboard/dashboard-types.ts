import type { Wire } from '../../../../src/http/responses/common.ts';
import type { coverageAnswer, performanceAnswer } from '../../../../src/http/responses/performance.ts';

/** The answers of /api/channels/:code/performance and /coverage, as the server declares them. */
export type Performance = Wire<typeof performanceAnswer>;
export type Coverage = Wire<typeof coverageAnswer>;
