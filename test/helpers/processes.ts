import { spawn, type ChildProcess, type StdioOptions } from 'node:child_process';
import { createServer } from 'node:net';
import type { TestContext } from 'node:test';

/**
 * Child processes of tests (`weft start`, `weft worker`, sandboxes, probe workers), started so that no
 * outcome leaves one running: each is the leader of its own process group, is stopped when the test
 * that started it ends (pass, fail or timeout), and any still alive when this test file's process
 * exits or is told to stop is SIGKILLed with its whole group. A test file that hangs is therefore
 * never kept alive by its children, and CI never waits for its time limit.
 */

/**
 * How long a `weft` process may take to answer /health. Measured on the shared 2-core machine: at load
 * 4–6, 3.9–7.6 s on PostgreSQL and 7.5–17 s on PGlite (its first start in a new folder the slowest);
 * at load 9–18, up to 16 s and 49 s. 90 s leaves room for a slower CI machine.
 */
export const startupDeadlineMs = Number(process.env.WEFT_TEST_STARTUP_SECONDS ?? 90) * 1000;

/** After SIGTERM, how long a child may drain before its process group is SIGKILLed. */
const defaultGraceMs = 15_000;

export interface TestProcess {
  readonly child: ChildProcess;
  readonly pid: number;
  /** Resolves with the exit code (null when ended by a signal). */
  readonly exited: Promise<number | null>;
  stdout(): string;
  stderr(): string;
  /** stdout and stderr interleaved as they arrived. */
  output(): string;
  /** Waits until the output matches, failing at the deadline or when the process exits first. */
  waitForOutput(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  /** SIGTERM (or `signal`), then SIGKILL of the whole group after `graceMs`; resolves with the exit code. */
  stop(signal?: NodeJS.Signals, graceMs?: number): Promise<number | null>;
}

export interface StartOptions {
  env?: NodeJS.ProcessEnv;
  /** Defaults to piping stdout and stderr so they can be read; 'inherit' shows them in the test output. */
  stdio?: StdioOptions;
  /** Shown in deadline errors. */
  name?: string;
  /** The working folder (default: this process's). */
  cwd?: string;
}

// Kept on globalThis so the file watchdog (loaded with --import) sees the same set as the test file.
const registryKey = Symbol.for('weft.test.processes');
const processRegistry = globalThis as Record<symbol, Set<TestProcess> | undefined>;
processRegistry[registryKey] ??= new Set<TestProcess>();
const running: Set<TestProcess> = processRegistry[registryKey];

/** Kills every child still running, group and all, at once and synchronously (for exit paths). */
export function killAllChildren(): number[] {
  const killed: number[] = [];
  for (const proc of running) {
    if (proc.child.exitCode === null && proc.child.signalCode === null) {
      killGroup(proc.pid, 'SIGKILL');
      killed.push(proc.pid);
    }
  }
  running.clear();
  return killed;
}

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    try {
      process.kill(pid, signal);
    } catch {
      // already gone
    }
  }
}

let exitHooksInstalled = false;
function installExitHooks(): void {
  if (exitHooksInstalled) return;
  exitHooksInstalled = true;
  // `exit` runs on a normal end and on process.exit (the watchdog, --test-force-exit); the signal
  // handlers cover the test runner stopping this file (its own file timeout sends SIGTERM).
  process.on('exit', () => killAllChildren());
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      killAllChildren();
      process.exit(signal === 'SIGTERM' ? 143 : 130);
    });
  }
}

/**
 * Starts `command` for the test `t`: stopped by `t.after` whatever the outcome. Without a test context
 * (a suite's `before`), it is still killed when the file's process ends; stop it in `after` too.
 */
export function startProcess(
  t: TestContext | null,
  command: string,
  args: string[],
  options: StartOptions = {},
): TestProcess {
  installExitHooks();
  const child = spawn(command, args, {
    env: options.env ?? process.env,
    cwd: options.cwd,
    stdio: options.stdio ?? ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  if (child.pid === undefined) throw new Error(`${options.name ?? command} could not be started`);
  const pid = child.pid;
  let stdout = '';
  let stderr = '';
  let output = '';
  const listeners = new Set<() => void>();
  const notify = () => {
    for (const listener of listeners) listener();
  };
  child.stdout?.setEncoding('utf8').on('data', (c: string) => {
    stdout += c;
    output += c;
    notify();
  });
  child.stderr?.setEncoding('utf8').on('data', (c: string) => {
    stderr += c;
    output += c;
    notify();
  });
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      running.delete(proc);
      notify();
      resolve(code);
    }),
  );
  const name = options.name ?? [command, ...args].join(' ');
  const alive = () => child.exitCode === null && child.signalCode === null;

  const proc: TestProcess = {
    child,
    pid,
    exited,
    stdout: () => stdout,
    stderr: () => stderr,
    output: () => output,
    waitForOutput(pattern, timeoutMs = startupDeadlineMs) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const match = pattern.exec(output);
          if (match) return done(() => resolve(match));
          if (!alive())
            return done(() =>
              reject(
                new Error(
                  `${name} exited (${child.exitCode ?? child.signalCode}) before printing ${pattern}:\n${output}`,
                ),
              ),
            );
        };
        const timer = setTimeout(
          () => done(() => reject(new Error(`${name} did not print ${pattern} within ${timeoutMs} ms:\n${output}`))),
          timeoutMs,
        );
        const done = (settle: () => void) => {
          clearTimeout(timer);
          listeners.delete(check);
          settle();
        };
        listeners.add(check);
        check();
      });
    },
    async stop(signal = 'SIGTERM', graceMs = defaultGraceMs) {
      if (!alive()) return exited;
      // The signal goes to the leader only, as a terminal's Ctrl+C or a supervisor's stop would;
      // anything of the group still alive after the grace period is killed.
      try {
        child.kill(signal);
      } catch {
        // gone meanwhile
      }
      const timer = setTimeout(() => killGroup(pid, 'SIGKILL'), graceMs);
      const code = await exited;
      clearTimeout(timer);
      killGroup(pid, 'SIGKILL');
      return code;
    },
  };
  running.add(proc);
  t?.after(async () => {
    await proc.stop();
  });
  return proc;
}

/** `weft <args>` as a user runs it (bin/weft.js), for the test `t`. */
export function startWeft(
  t: TestContext | null,
  args: string[],
  env: NodeJS.ProcessEnv,
  options: Omit<StartOptions, 'env'> = {},
): TestProcess {
  return startProcess(t, process.execPath, ['bin/weft.js', ...args], {
    // Channels in process tests point at the AJIO sandbox on loopback over http:.
    ...options,
    env: { ...process.env, LOG_LEVEL: 'warn', WEFT_ALLOW_PRIVATE_URLS: 'true', ...env },
    name: options.name ?? `weft ${args.join(' ')}`,
  });
}

/**
 * Waits for `GET /health` to answer 200 and returns its body; fails at the deadline, or at once if
 * the process exits first (with what it printed).
 */
export async function waitForHealth(
  proc: TestProcess | null,
  base: string,
  timeoutMs = startupDeadlineMs,
): Promise<Record<string, any>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (proc && proc.child.exitCode !== null) {
      throw new Error(
        `the process exited with ${proc.child.exitCode} before ${base}/health answered:\n${proc.output()}`,
      );
    }
    try {
      const response = await fetch(`${base}/health`, {
        signal: AbortSignal.timeout(Math.max(1, Math.min(5000, deadline - Date.now()))),
      });
      if (response.status === 200) return (await response.json()) as Record<string, any>;
      await response.body?.cancel();
    } catch {
      // not listening yet
    }
    if (Date.now() >= deadline) throw new Error(`${base}/health did not answer 200 within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, Math.min(250, Math.max(0, deadline - Date.now()))));
  }
}

/** A TCP port free on 127.0.0.1 right now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
      .once('error', reject)
      .listen(0, '127.0.0.1', () => {
        const { port } = server.address() as { port: number };
        server.close(() => resolve(port));
      });
  });
}
