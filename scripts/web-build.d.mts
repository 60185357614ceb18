// Types of scripts/web-build.mjs for the TypeScript that imports it (src/cli/console-build.ts).
import type { StdioOptions } from 'node:child_process';

export function consoleBuilt(): boolean;
export function whyWebCannotBuild(): string | null;
export function buildWeb(options?: { ifMissing?: boolean; stdio?: StdioOptions }): string | null;
export function compressDist(folder?: string): void;
