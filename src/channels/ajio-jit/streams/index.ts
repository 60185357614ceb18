import type { StreamRunner } from '../../../core/channel-descriptor.ts';
import type { AjioInterface, AjioSettings } from '../settings.ts';

/** Every AJIO JIT stream and push a sync run can execute. */
export const ajioStreams: StreamRunner<AjioSettings, AjioInterface>[] = [];
