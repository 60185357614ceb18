import type { ChannelDescriptor } from '../core/channel-descriptor.ts';
import { ajioJit } from './ajio-jit/descriptor.ts';

/** Every channel type Weft has. */
const descriptors = new Map<string, ChannelDescriptor>([[ajioJit.type, ajioJit]]);

export const channelDescriptor = (type: string) => descriptors.get(type);
export const channelTypes = () => [...descriptors.values()];
