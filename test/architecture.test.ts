import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Weft's layering, read from the source tree (design.md, docs/architecture.md):
 *
 * - src/core, src/db and src/jobs import nothing from src/channels, not even types. A marketplace is
 *   known to them only through the ChannelDescriptor (src/core/channel-descriptor.ts), handed in as a
 *   `lookup(type)` function. The one place that wires the registry in is the composition layer:
 *   src/service.ts, src/http (routes take `channelDescriptor`), src/cli and src/demo. Jobs get the
 *   lookup in their JobContext from JobRuntime.start, so no job imports the registry either.
 * - src/http reaches the database only through src/core. A type-only import (`import type` or
 *   `export type`) of src/db is allowed: it is erased at compile time and carries no query, only the
 *   shape of a value core hands over (Database, Db, Role).
 * - src/core, src/db and src/jobs do not name the marketplace (AJIO): no setting field, document kind,
 *   rule or message of one marketplace lives there; they ask the descriptor's policy and speak of "the
 *   marketplace". Migrations already applied (src/db/migrations/*.sql) are history and stay as written.
 */
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const src = join(root, 'src');

export interface ImportRef {
  specifier: string;
  line: number;
  typeOnly: boolean;
}

/** Every file under `dir` whose name ends with one of `endings`, as paths relative to the repository. */
function filesUnder(dir: string, endings: string[]): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...filesUnder(path, endings));
    else if (endings.some((e) => entry.name.endsWith(e))) out.push(relative(root, path));
  }
  return out.sort();
}

/**
 * The module specifiers a TypeScript source imports or re-exports: `import … from '…'` (over several
 * lines too), `export … from '…'`, side-effect `import '…'` and dynamic `import('…')`. Comment lines
 * are skipped, so prose that quotes an import is not one.
 */
export function importsOf(source: string): ImportRef[] {
  const code = source
    .split('\n')
    .map((l) => (/^\s*(\/\/|\/\*|\*)/.test(l) ? '' : l))
    .join('\n');
  const lineAt = (index: number) => code.slice(0, index).split('\n').length;
  const refs: ImportRef[] = [];
  const statement = /^[ \t]*(import|export)\s+(type\s+)?(?:[\w*{}\s,$]+?\s+from\s+)?['"]([^'"]+)['"]/gm;
  for (const m of code.matchAll(statement)) {
    if (m[1] === 'export' && !/\bfrom\b/.test(m[0])) continue;
    refs.push({ specifier: m[3], line: lineAt(m.index!), typeOnly: Boolean(m[2]) });
  }
  for (const m of code.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)) {
    refs.push({ specifier: m[1], line: lineAt(m.index!), typeOnly: false });
  }
  return refs;
}

/** The top folder under src/ a relative import lands in (core, db, channels, …), or null for a package. */
function layerOf(file: string, specifier: string): string | null {
  if (!specifier.startsWith('.')) return null;
  const target = relative(src, resolve(root, dirname(file), specifier));
  return target.startsWith('..') ? null : target.split(/[\\/]/)[0];
}

const sources = filesUnder(src, ['.ts']).map((file) => ({
  file,
  imports: importsOf(readFileSync(join(root, file), 'utf8')),
}));
const layer = (file: string) => relative(src, join(root, file)).split(/[\\/]/)[0];

describe('architecture: layers, read from the imports of src/', () => {
  test('the import reader finds multi-line, type-only, re-exported and dynamic imports, and skips comments', () => {
    const refs = importsOf(
      [
        'import {',
        '  a,',
        '  b,',
        "} from '../db/schema.ts';",
        "import type { Db } from '../db/connect.ts';",
        "export { x } from './x.ts';",
        "export type { Y } from './y.ts';",
        "import './side-effect.ts';",
        "// import { no } from '../channels/registry.ts';",
        " * import { neither } from '../channels/registry.ts';",
        "const m = await import('../channels/ajio-jit/descriptor.ts');",
        'export const z = 1;',
      ].join('\n'),
    );
    assert.deepEqual(refs, [
      { specifier: '../db/schema.ts', line: 1, typeOnly: false },
      { specifier: '../db/connect.ts', line: 5, typeOnly: true },
      { specifier: './x.ts', line: 6, typeOnly: false },
      { specifier: './y.ts', line: 7, typeOnly: true },
      { specifier: './side-effect.ts', line: 8, typeOnly: false },
      { specifier: '../channels/ajio-jit/descriptor.ts', line: 11, typeOnly: false },
    ]);
  });

  test('the source tree is read: the composition layer is seen importing the channel registry', () => {
    const seen = sources.find((s) => s.file === join('src', 'service.ts'));
    assert.ok(
      seen?.imports.some((i) => layerOf(seen.file, i.specifier) === 'channels'),
      'src/service.ts imports src/channels/registry.ts',
    );
    assert.ok(sources.length > 100, `only ${sources.length} source files found under src/`);
  });

  test('src/core, src/db and src/jobs import nothing from src/channels (they get a lookup function)', () => {
    const offences = sources
      .filter((s) => ['core', 'db', 'jobs'].includes(layer(s.file)))
      .flatMap((s) =>
        s.imports
          .filter((i) => layerOf(s.file, i.specifier) === 'channels')
          .map((i) => `${s.file}:${i.line} imports ${i.specifier}`),
      );
    assert.deepEqual(
      offences,
      [],
      'core, db and jobs must not import a channel: take a ChannelDescriptor lookup instead',
    );
  });

  test('src/http imports src/db only for types (queries go through src/core)', () => {
    const offences = sources
      .filter((s) => layer(s.file) === 'http')
      .flatMap((s) =>
        s.imports
          .filter((i) => layerOf(s.file, i.specifier) === 'db' && !i.typeOnly)
          .map((i) => `${s.file}:${i.line} imports ${i.specifier}`),
      );
    assert.deepEqual(
      offences,
      [],
      'http must reach the database through a core function (an `import type` of db is fine)',
    );
  });

  test('src/core, src/db and src/jobs do not name the marketplace (applied migrations excepted)', () => {
    const offences: string[] = [];
    for (const dir of ['core', 'db', 'jobs']) {
      for (const file of filesUnder(join(src, dir), ['.ts', '.sql', '.json'])) {
        if (file.startsWith(join('src', 'db', 'migrations')) && file.endsWith('.sql')) continue;
        readFileSync(join(root, file), 'utf8')
          .split('\n')
          .forEach((text, i) => {
            if (/ajio/i.test(text)) offences.push(`${file}:${i + 1}: ${text.trim()}`);
          });
      }
    }
    assert.deepEqual(
      offences,
      [],
      'ask the channel descriptor (its policy, displayName) and say "the marketplace" instead',
    );
  });
});
