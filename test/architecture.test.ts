import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Weft's layering, read from the source tree (docs/architecture.md §1):
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
 * - No import cycles in src/, type-only imports included: a cycle makes the load order decide which
 *   binding is still undefined, and even a type-only one says the two files are one module split in
 *   two. The shared part goes to a module of its own (src/core/users/public-user.ts,
 *   src/einvoice/irp-port.ts, src/db/schema-base.ts).
 * - Source, tests, the console, benchmarks and scripts cite only documents the repository holds
 *   (docs/, CONTRIBUTING.md), and read no file outside it (no ../shared checkout).
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
/**
 * The import cycles of a graph (file → files it imports): its strongly connected components of more than
 * one file, and files importing themselves (Tarjan's algorithm), each sorted, in a stable order.
 */
export function importCycles(graph: Map<string, string[]>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (file: string) => {
    index.set(file, next);
    low.set(file, next);
    next++;
    stack.push(file);
    onStack.add(file);
    for (const target of graph.get(file) ?? []) {
      if (!index.has(target)) {
        visit(target);
        low.set(file, Math.min(low.get(file)!, low.get(target)!));
      } else if (onStack.has(target)) {
        low.set(file, Math.min(low.get(file)!, index.get(target)!));
      }
    }
    if (low.get(file) !== index.get(file)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.push(member);
    } while (member !== file);
    if (component.length > 1 || graph.get(file)?.includes(file)) cycles.push(component.sort());
  };
  for (const file of [...graph.keys()].sort()) if (!index.has(file)) visit(file);
  return cycles.sort((a, b) => a[0].localeCompare(b[0]));
}

/** src/ as a graph: each file and the files under src/ its relative imports name (type-only ones too). */
const importGraph = new Map(
  sources.map((s) => [
    s.file,
    s.imports
      .filter((i) => i.specifier.startsWith('.'))
      .map((i) => relative(root, resolve(root, dirname(s.file), i.specifier)))
      .filter((target) => target.startsWith(`src${sep}`) && existsSync(join(root, target))),
  ]),
);

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

  test('the cycle finder finds a cycle through several files and one of a file with itself, and no others', () => {
    const graph = new Map([
      ['a', ['b']],
      ['b', ['c', 'd']],
      ['c', ['a']],
      ['d', []],
      ['e', ['e', 'd']],
    ]);
    assert.deepEqual(importCycles(graph), [['a', 'b', 'c'], ['e']]);
    assert.deepEqual(importCycles(new Map([...graph, ['c', []]])), [['e']]);
  });

  test('the import graph of src/ is read: it holds the edges it should', () => {
    assert.ok(importGraph.get(join('src', 'service.ts'))?.includes(join('src', 'channels', 'registry.ts')));
    assert.ok(importGraph.get(join('src', 'db', 'schema.ts'))?.includes(join('src', 'db', 'schema-base.ts')));
  });

  test('src/ has no import cycles, type-only imports included (move the shared part to a module of its own)', () => {
    assert.deepEqual(
      importCycles(importGraph).map((cycle) => cycle.join(' ⇄ ')),
      [],
      'files that import each other: move what both need into a module of its own',
    );
  });
});

describe('architecture: documents the code cites are in the repository', () => {
  /**
   * Documents that lived beside the repository while Weft was first written. Their content is now in
   * docs/gst.md (gst-einvoice.md), docs/ajio-contract.md (ajio-jit-api.md), docs/architecture.md and
   * CONTRIBUTING.md (design.md); the seed data is made by src/demo.
   */
  const outside = [
    /\.\.\/shared\b/,
    /\bshared\/(gst|seed|hooks)\b/,
    /\bgst-einvoice\.md/,
    /\bajio-jit-api\.md/,
    /(^|[^\w/.-])design\.md/,
  ];
  const here = join('test', 'architecture.test.ts');
  const trees = ['src', 'test', join('web', 'src'), 'bench', 'scripts'].filter((dir) => existsSync(join(root, dir)));
  const files = trees.flatMap((dir) =>
    filesUnder(join(root, dir), ['.ts', '.tsx', '.mjs', '.js', '.css', '.html']).filter((file) => file !== here),
  );

  test('the check sees the files it reads and would catch each outside name', () => {
    assert.ok(files.includes(join('test', 'einvoice', 'payload.test.ts')), 'test/ is read');
    assert.ok(
      files.some((file) => file.startsWith(join('web', 'src'))),
      'web/src is read',
    );
    for (const text of [
      "new URL('../../../shared/gst/schema.json', import.meta.url)",
      '(gst-einvoice.md a2)',
      'see ajio-jit-api.md §5',
      '(design.md §3)',
      "readFileSync('shared/seed/skus.csv')",
    ]) {
      assert.ok(
        outside.some((pattern) => pattern.test(text)),
        text,
      );
    }
    for (const text of [
      '(docs/gst.md a2)',
      'docs/ajio-contract.md §5',
      'docs/architecture.md',
      'docs/design.md',
      'a shared/owned flag',
    ]) {
      assert.ok(!outside.some((pattern) => pattern.test(text)), text);
    }
  });

  test('no source, test, console, benchmark or script file names a document or file outside the repository', () => {
    const offences: string[] = [];
    for (const file of files) {
      readFileSync(join(root, file), 'utf8')
        .split('\n')
        .forEach((text, i) => {
          if (outside.some((pattern) => pattern.test(text))) offences.push(`${file}:${i + 1}: ${text.trim()}`);
        });
    }
    assert.deepEqual(offences, [], 'cite docs/gst.md, docs/ajio-contract.md or docs/architecture.md instead');
  });
});
