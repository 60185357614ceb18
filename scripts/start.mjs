#!/usr/bin/env node
// `npm start`: runs `weft start` (arguments after `npm start --` are passed on), which builds the
// console first when this checkout has not built it yet.
process.argv = [process.argv[0], 'weft', 'start', ...process.argv.slice(2)];
await import('../bin/weft.js');
