#!/usr/bin/env node
// The `weft` command. Weft ships as TypeScript and runs through tsx's loader,
// so there is no build step between a checkout and a running service.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
