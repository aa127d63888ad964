/**
 * The package installs the way users install it: every installed dependency
 * runs on Node 20 (what `npm ci` would warn about as EBADENGINE), the
 * published tarball carries NOTICE and what the GitHub Action runs, a git
 * install builds itself (`prepare`), and the pre-commit hook works through
 * pre-commit itself when pre-commit is installed.
 */
import { describe, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import semver from 'semver';
import { parse } from 'yaml';

const ROOT = path.resolve(import.meta.dirname, '..');
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { engines: { node: string }; scripts: Record<string, string>; files: string[] };

interface NpmTreeNode { name?: string; version?: string; path?: string; engines?: { node?: string } | string[]; dependencies?: Record<string, NpmTreeNode> }

/** Every installed package of an `npm ls --all --json --long` tree, once per path. */
function installed(node: NpmTreeNode, found = new Map<string, NpmTreeNode>()): Map<string, NpmTreeNode> {
  for (const [name, child] of Object.entries(node.dependencies ?? {})) {
    const key = child.path ?? `${name}@${child.version ?? '?'}`;
    if (found.has(key)) continue;
    found.set(key, { ...child, name });
    installed(child, found);
  }
  return found;
}

/** The packages whose `engines.node` no Node 20 release satisfies. */
export function excludingNode20(tree: NpmTreeNode): string[] {
  return [...installed(tree).values()].flatMap((dep) => {
    const range = !Array.isArray(dep.engines) ? dep.engines?.node : undefined;
    if (range === undefined || !semver.validRange(range)) return [];
    return semver.intersects(range, '20.x') ? [] : [`${dep.name ?? '?'}@${dep.version ?? '?'} wants node ${range}`];
  });
}

function run(command: string, args: readonly string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; timeout?: number } = {}): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(command, args, { cwd: options.cwd ?? ROOT, env: options.env ?? process.env, encoding: 'utf8', timeout: options.timeout ?? 60_000, maxBuffer: 64 * 1024 * 1024 });
  return { status: result.status, stdout: result.stdout ?? '', stderr: `${result.stderr ?? ''}${result.error ? String(result.error) : ''}` };
}

const has = (command: string): boolean => spawnSync(command, ['--version'], { encoding: 'utf8' }).status === 0;

describe('dependencies run on every Node the package promises', () => {
  it('the package promises Node 20 and later', () => {
    expect(semver.intersects(pkg.engines.node, '20.x')).toBe(true);
  });

  it('no installed dependency (production or development) has an engines.node that excludes Node 20', () => {
    const listed = run('npm', ['ls', '--all', '--json', '--long']);
    const tree = JSON.parse(listed.stdout) as NpmTreeNode;
    expect(installed(tree).size).toBeGreaterThan(50);
    expect(excludingNode20(tree)).toEqual([]);
  });

  it('the check itself finds an engine that excludes Node 20 (content-type@3 as octokit brings it without the override)', () => {
    const tree: NpmTreeNode = { dependencies: { octokit: { version: '5.0.5', engines: { node: '>= 20' }, dependencies: { 'content-type': { version: '3.1.1', engines: { node: '>=22' } } } } } };
    expect(excludingNode20(tree)).toEqual(['content-type@3.1.1 wants node >=22']);
  });
});

describe('install scripts', () => {
  it('every locked dependency with an install script has a decision in allowScripts (npm 11 warns about the rest; npm 12 would skip them silently)', () => {
    const lock = JSON.parse(fs.readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, { hasInstallScript?: boolean }> };
    const withScripts = Object.entries(lock.packages).filter(([, entry]) => entry.hasInstallScript === true).map(([where]) => where.slice(where.lastIndexOf('node_modules/') + 'node_modules/'.length));
    expect(withScripts).toContain('esbuild');
    const decided = Object.keys((pkg as { allowScripts?: Record<string, boolean> }).allowScripts ?? {}).map((key) => key.replace(/(.)@.*$/, '$1'));
    expect(withScripts.filter((name) => !decided.includes(name))).toEqual([]);
  });
});

describe('the published package', () => {
  it('npm pack includes NOTICE, LICENSE, the built CLI entry and the Action\'s entry script', () => {
    // --ignore-scripts: only the file list is wanted here, not another build.
    const packed = run('npm', ['pack', '--dry-run', '--json', '--ignore-scripts']);
    expect(packed.status, packed.stderr).toBe(0);
    const files = (JSON.parse(packed.stdout) as { files: { path: string }[] }[])[0]?.files.map((f) => f.path) ?? [];
    for (const file of ['NOTICE', 'LICENSE', 'package.json', 'bin/dpg-check.js', 'schema/declaration.schema.json', 'schema/config.schema.json', 'scripts/github-action.mjs']) expect(files, file).toContain(file);
    if (fs.existsSync(path.join(ROOT, 'dist', 'bundle', 'cli.cjs'))) expect(files).toEqual(expect.arrayContaining(['dist/license-index.json', 'dist/license-index.bin', 'dist/bundle/cli.cjs', 'dist/bundle/cli.cjs.cache', 'dist/bundle/validate.cjs', 'dist/bundle/validate.cjs.cache', 'bin/package.json', 'dist/bundle/import-module.cjs', 'dist/bundle/worker.js', 'bin/load-bundle.js']));
    expect(files.some((f) => f.startsWith('test/') || f.startsWith('src/') || f.startsWith('fixtures/'))).toBe(false);
  });

  it.skipIf(!fs.existsSync(path.join(ROOT, 'dist', 'bundle', 'cli.cjs')))('the command line starts from the code cache the build made (this Node accepts it), and runs without it too', () => {
    // A rejected cache (another Node version) costs only speed: V8 compiles the bundle as if there were none.
    const probe = (useCache: boolean, bundle = 'cli.cjs') => run(process.execPath, ['--input-type=module', '-e', `
      const { loadBundle } = await import(${JSON.stringify(new URL('../bin/load-bundle.js', import.meta.url).href)});
      const file = ${JSON.stringify(path.join(ROOT, 'dist', 'bundle'))} + '/' + ${JSON.stringify(bundle)};
      const loaded = loadBundle(file, { useCache: ${useCache} });
      process.stdout.write(JSON.stringify({ usedCache: loaded.usedCache, run: typeof loaded.exports.run }));`]);
    const withCache = probe(true);
    expect(withCache.stderr).toBe('');
    expect(JSON.parse(withCache.stdout)).toEqual({ usedCache: true, run: 'function' });
    expect(JSON.parse(probe(true, 'validate.cjs').stdout), 'validate\'s own bundle').toEqual({ usedCache: true, run: 'function' });
    expect(JSON.parse(probe(false).stdout)).toEqual({ usedCache: false, run: 'function' });
    // The build escapes what is not ASCII, so that the loader reads the bundle as one-byte text.
    for (const bundle of ['cli.cjs', 'validate.cjs']) expect(fs.readFileSync(path.join(ROOT, 'dist', 'bundle', bundle)).every((byte) => byte < 0x80), bundle).toBe(true);
    // The build writes the module wrapper into the file; a script without it (not built by it) is refused by name.
    const unwrapped = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'dpg-bundle-')), 'cli.cjs');
    fs.writeFileSync(unwrapped, 'exports.run = () => 0;\n');
    const refused = run(process.execPath, ['-e', `require(${JSON.stringify(path.join(ROOT, 'bin', 'load-bundle.js'))}).loadBundle(${JSON.stringify(unwrapped)})`]);
    fs.rmSync(path.dirname(unwrapped), { recursive: true, force: true });
    expect(refused.stderr).toContain('lacks the wrapper it writes): run `npm run build`');
  });

  it('a git install builds the package: `prepare` compiles TypeScript and the licence index', () => {
    // npm runs `prepare` for git dependencies (after installing their devDependencies) and before `npm pack`.
    // scripts/start.mjs --build-only compiles and builds the licence index when the sources are newer than dist/:
    // pre-commit's `npm install` then `npm pack` build once, not twice.
    expect(pkg.scripts.prepare).toBe('node scripts/start.mjs --build-only');
    const start = fs.readFileSync(path.join(ROOT, 'scripts', 'start.mjs'), 'utf8');
    expect(start).toMatch(/typescript', 'bin', 'tsc'/);
    expect(start).toMatch(/build-license-index\.mjs/);
    expect(pkg.scripts.prepack).toBeUndefined();
    // pre-commit reads the tarball's name from `npm pack`'s stdout: script banners must not reach it.
    expect(fs.readFileSync(path.join(ROOT, '.npmrc'), 'utf8')).toMatch(/^foreground-scripts=false$/m);
  });
});

// A git install clones, installs the devDependencies, runs `prepare` and packs: about a minute and a half here, so on request.
const SLOW = process.env.DPG_CHECK_INSTALL_TESTS === '1';
describe.skipIf(!SLOW || !has('git'))('a git install of a clean clone', () => {
  it('npm install git+file://<clone> gives a working dpg-check', () => {
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'dpg-git-install-'));
    try {
      const clone = path.join(work, 'clone');
      const project = path.join(work, 'project');
      expect(run('git', ['clone', '-q', ROOT, clone]).status).toBe(0);
      fs.mkdirSync(project);
      fs.writeFileSync(path.join(project, 'package.json'), '{ "name": "uses-dpg-check", "private": true }\n');
      const env = { ...process.env, npm_config_prefer_offline: 'true', npm_config_audit: 'false', npm_config_fund: 'false' };
      const install = run('npm', ['install', `git+file://${clone}`], { cwd: project, env, timeout: 600_000 });
      expect(install.status, install.stderr).toBe(0);
      const version = run(path.join(project, 'node_modules', '.bin', 'dpg-check'), ['--version'], { cwd: project });
      expect(version.stderr).toBe('');
      expect(version.stdout.trim()).toBe(JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version);
      for (const file of ['license-index.json', 'license-index.bin']) expect(fs.existsSync(path.join(project, 'node_modules', 'dpg-check', 'dist', file)), file).toBe(true);
    } finally {
      fs.rmSync(work, { recursive: true, force: true });
    }
  }, 900_000);
});
if (!SLOW) console.warn('test/install.test.ts: skipped the git install test (about 90 s) — set DPG_CHECK_INSTALL_TESTS=1 to run it');

describe('the GitHub Action', () => {
  const action = parse(fs.readFileSync(path.join(ROOT, 'action.yml'), 'utf8')) as { runs: { steps: { id?: string; uses?: string; run?: string }[] } };
  const steps = action.runs.steps;
  const scripts = steps.map((step) => step.run ?? '').join('\n');

  it('does not set up Node (which would change the Node of the job\'s later steps) and does not compile TypeScript', () => {
    expect(steps.filter((step) => step.uses?.startsWith('actions/setup-node'))).toEqual([]);
    expect(scripts).not.toMatch(/npm run build|\btsc\b|npm ci|start\.mjs/);
    // It runs a built package: its own dist/ when the ref carries one, else the published package of its version.
    expect(scripts).toMatch(/npm install .*--omit=dev.*"dpg-check@\$version"/);
    expect(scripts).toContain('dist/bundle/cli.cjs');
    expect(steps.find((step) => step.id === 'check')?.run).toContain('node "$DPG_CHECK_ENTRY"');
  });
});

// pre-commit clones the hook's repository, installs it with npm (which runs `prepare`), and runs `dpg-check validate`.
const preCommit = has('pre-commit') && has('git');
describe.skipIf(!preCommit)('the pre-commit hook, through pre-commit itself', () => {
  it('pre-commit try-repo installs the hook and runs dpg-check validate: a valid dpg.yml passes, an invalid one fails with its location', () => {
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'dpg-pre-commit-'));
    try {
      const home = path.join(work, 'home');
      const repo = path.join(work, 'repo');
      fs.mkdirSync(home);
      fs.mkdirSync(repo);
      // pre-commit's environments go to a throwaway cache; npm reads packages from its own cache first (tests stay off the network when it is warm).
      const env = { ...process.env, PRE_COMMIT_HOME: path.join(home, 'pre-commit'), npm_config_prefer_offline: 'true', npm_config_audit: 'false', npm_config_fund: 'false', GIT_CONFIG_NOSYSTEM: '1', HOME: home, XDG_CACHE_HOME: path.join(home, '.cache'), npm_config_cache: path.join(os.homedir(), '.npm') };
      // try-repo takes the hook repository's tracked files as they are now (uncommitted changes included).
      expect(run('git', ['init', '-q'], { cwd: repo, env }).status).toBe(0);
      // One run (pre-commit installs the hook once per run): a valid dpg.yml and an invalid .github/dpg.yml.
      fs.copyFileSync(path.join(ROOT, 'fixtures', 'declarations', 'complete.yml'), path.join(repo, 'dpg.yml'));
      fs.mkdirSync(path.join(repo, '.github'));
      fs.writeFileSync(path.join(repo, '.github', 'dpg.yml'), 'name: x\ntypes: [robot]\n');
      fs.writeFileSync(path.join(repo, 'README.md'), '# not a declaration\n');
      run('git', ['add', '.'], { cwd: repo, env });
      const result = run('pre-commit', ['try-repo', ROOT, 'dpg-declaration', '--verbose', '--files', 'dpg.yml', '.github/dpg.yml', 'README.md'], { cwd: repo, env, timeout: 600_000 });
      const shown = `${result.stdout}\n${result.stderr}`;
      expect(result.status, shown).toBe(1);
      expect(result.stdout, shown).toMatch(/DPG declaration is valid\.+Failed/);
      expect(result.stdout, shown).toContain('dpg.yml: valid declaration');
      expect(result.stdout, shown).toMatch(/\.github\/dpg\.yml:2:\d+ types/);
      expect(result.stdout, shown).not.toContain('README.md');
    } finally {
      fs.rmSync(work, { recursive: true, force: true });
    }
  }, 900_000);
});
if (!preCommit) console.warn('test/install.test.ts: skipped the pre-commit hook test — `pre-commit` (or git) is not installed (Debian: apt-get install pre-commit)');
