// The console on a fresh clone: `weft demo` and `weft start` build web/dist when it is missing, before
// the API starts (the server serves the console only if it is built by then). A checkout that cannot
// build it (a production install has no vite) says so in one line, and the API runs without it.
import { buildWeb, consoleBuilt, whyWebCannotBuild } from '../../scripts/web-build.mjs';

export type ConsoleState = 'built' | 'missing';

/**
 * Builds the console if it is not built yet. `say` gets one line a person reads: that it is building,
 * or why it cannot and how to build it. The tools' own output goes to stderr, so stdout stays the
 * command's (the demo's welcome, the service's log lines).
 */
export function ensureConsoleBuilt(say: (level: 'info' | 'warn', line: string) => void): ConsoleState {
  if (consoleBuilt()) return 'built';
  const cannot = whyWebCannotBuild();
  if (cannot) {
    say(
      'warn',
      `The console is not built and cannot be built here: ${cannot}. Build it with \`npm run build:web\`; the API runs without it.`,
    );
    return 'missing';
  }
  say('info', 'Building the console (first run only)…');
  const failed = buildWeb({ ifMissing: true, stdio: ['ignore', 2, 2] });
  if (failed) {
    say('warn', `${failed} Fix the error above and run \`npm run build:web\`; the API runs without the console.`);
    return 'missing';
  }
  return 'built';
}
