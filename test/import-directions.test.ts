/**
 * The import directions of docs/architecture.md, enforced: a wrong import fails here with the file and the
 * specifier, before it becomes a tangle.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cycles, importsOf, readGraph, violations, type DirectionRule, type ImportEdge } from './support/import-graph.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const under = (folder: string) => (file: string | undefined): boolean => file !== undefined && (file === folder || file.startsWith(`${folder}/`));

/**
 * What reporters may read: the report model (with src/fingerprint.ts, a finding's identity computed from the model
 * alone, which SARIF gives as `partialFingerprints`), each other, and packages (they render a report, nothing more).
 */
const REPORTER_MAY_IMPORT = (edge: ImportEdge): boolean => edge.to === undefined || under('src/reporters')(edge.to) || edge.to === 'src/model.ts' || edge.to === 'src/fingerprint.ts';

/**
 * What a built-in rule may import: the rule API and the toolbox (the modules behind the published `dpg-check` and
 * `dpg-check/helpers`), rules/ itself (its modules and data tables), and packages. Anything else of src/ is the
 * engine's, which no pack can reach.
 */
const RULE_MAY_IMPORT = (edge: ImportEdge): boolean => edge.to === undefined || edge.to === 'src/rule-api.ts' || edge.to === 'src/helpers.ts' || under('rules')(edge.to);

/** What a shipped pack may import: the published entry points, its own data, and node's modules. */
const PACK_MAY_IMPORT = (edge: ImportEdge): boolean =>
  edge.specifier === 'dpg-check' || edge.specifier === 'dpg-check/helpers' || edge.specifier.startsWith('node:') || /^\.\/[^/]+\.json$/.test(edge.specifier);

export const DIRECTION_RULES: readonly DirectionRule[] = [
  {
    name: 'rules import only the rule API, the toolbox and rules/',
    from: under('rules'),
    forbidden: (edge) => !RULE_MAY_IMPORT(edge),
  },
  {
    name: 'packs import only the published API',
    from: under('packs'),
    forbidden: (edge) => !PACK_MAY_IMPORT(edge),
  },
  {
    name: 'reporters read the report model only',
    from: under('src/reporters'),
    forbidden: (edge) => !REPORTER_MAY_IMPORT(edge),
  },
  {
    name: 'nothing imports the CLI',
    from: (file) => file !== 'src/cli.ts',
    forbidden: (edge) => edge.to === 'src/cli.ts',
  },
  {
    name: 'sources know no rules',
    from: under('src/sources'),
    forbidden: (edge) => under('rules')(edge.to) || under('packs')(edge.to),
  },
  {
    name: 'the engine core does not import sources by kind or reporters',
    from: (file) => under('src/engine')(file) || file === 'src/model.ts' || file === 'src/rule-api.ts',
    forbidden: (edge) => under('src/reporters')(edge.to),
  },
];

describe('import directions', () => {
  const edges = readGraph(root, ['src', 'rules', 'packs']);

  it('reads a graph of the whole source tree', () => {
    expect(edges.length).toBeGreaterThan(300);
    expect(edges.some((edge) => edge.from === 'src/cli.ts')).toBe(true);
  });

  it('every direction rule holds', () => {
    expect(violations(edges, DIRECTION_RULES)).toEqual([]);
  });

  it('there is no import cycle in src/, rules/ or packs/', () => {
    expect(cycles(edges).map((cycle) => cycle.join(' → '))).toEqual([]);
  });

  it('a deliberately wrong import is caught, with the file and the specifier', () => {
    const wrong = [
      ...importsOf('src/reporters/text.ts', "import { checkCandidate } from '../engine/check.js';\nimport type { Report } from '../model.js';"),
      ...importsOf('src/sources/git.ts', "import { builtInRules } from '../../rules/index.js';"),
      ...importsOf('rules/5-documentation/readme.ts', "import { run } from '../../src/cli.js';"),
      ...importsOf('rules/2-open-licensing/license-approved.ts', "import { judge } from '../../src/licenses/policy.js';\nimport { STANDARD } from '../../src/helpers.js';"),
      ...importsOf('packs/dpi/index.mjs', "import { listOf } from '../../rules/lib/text.js';\nimport criteria from './criteria.json' with { type: 'json' };"),
    ];
    expect(violations(wrong, DIRECTION_RULES)).toEqual([
      "rules import only the rule API, the toolbox and rules/: rules/5-documentation/readme.ts imports '../../src/cli.js'",
      "rules import only the rule API, the toolbox and rules/: rules/2-open-licensing/license-approved.ts imports '../../src/licenses/policy.js'",
      "packs import only the published API: packs/dpi/index.mjs imports '../../rules/lib/text.js'",
      "reporters read the report model only: src/reporters/text.ts imports '../engine/check.js'",
      "nothing imports the CLI: rules/5-documentation/readme.ts imports '../../src/cli.js'",
      "sources know no rules: src/sources/git.ts imports '../../rules/index.js'",
    ]);
  });

  it('a deliberately made cycle is caught, through a re-export and a type-only import alike', () => {
    const graph = [
      ...importsOf('src/a.ts', "import { b } from './b.js';"),
      ...importsOf('src/b.ts', "export { a } from './a.js';"),
      ...importsOf('src/c.ts', "import { a } from './a.js';"),
      ...importsOf('src/d.ts', "import type { C } from './c.js';\nconst later = await import('./e.js');"),
      ...importsOf('src/e.ts', "import type { D } from './d.js';"),
    ];
    expect(cycles(graph)).toEqual([['src/a.ts', 'src/b.ts', 'src/a.ts'], ['src/d.ts', 'src/e.ts', 'src/d.ts']]);
  });
});
