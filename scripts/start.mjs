#!/usr/bin/env node
// `npm start`: builds the console once if this checkout has not built it yet, then runs `weft start`
// (arguments after `npm start --` are passed on).
import { buildWeb } from './web-build.mjs';

buildWeb({ ifMissing: true });
process.argv = [process.argv[0], 'weft', 'start', ...process.argv.slice(2)];
await import('../bin/weft.js');
