// `npm start [-- <dir> and options]`: build if the sources changed since the
// last build, then check the given directory (default: this project itself).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const args = process.argv.slice(2);
const buildOnly = args[0] === '--build-only';

function newest(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) latest = Math.max(latest, newest(full));
    else if (/\.(ts|json)$/.test(entry.name)) latest = Math.max(latest, statSync(full).mtimeMs);
  }
  return latest;
}

const stamp = path.join(root, 'dist', '.tsbuildinfo');
const sources = Math.max(newest(path.join(root, 'src')), newest(path.join(root, 'rules')), statSync(path.join(root, 'tsconfig.json')).mtimeMs);
if (!existsSync(stamp) || statSync(stamp).mtimeMs < sources) {
  process.stderr.write('dpg-check: building…\n');
  const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  const built = spawnSync(process.execPath, [tsc, '-p', path.join(root, 'tsconfig.json')], { stdio: 'inherit' });
  if (built.status !== 0) process.exit(built.status ?? 2);
  // The same steps as `npm run build`: the licence index, the precompiled declaration validators, the bundle.
  for (const step of ['build-license-index.mjs', 'build-validators.mjs', 'build-bundle.mjs']) {
    const done = spawnSync(process.execPath, [path.join(root, 'scripts', step)], { stdio: 'inherit' });
    if (done.status !== 0) process.exit(done.status ?? 2);
  }
}
if (buildOnly) process.exit(0);

// npm runs scripts from the package root; a relative target means relative to where the user typed it.
const userCwd = process.env.INIT_CWD ?? process.cwd();
const withTarget = args.length > 0 && !args[0].startsWith('-') ? args : [path.relative(userCwd, root) || '.', ...args];
const result = spawnSync(process.execPath, [path.join(root, 'bin', 'dpg-check.js'), ...withTarget], { stdio: 'inherit', cwd: userCwd });
process.exit(result.status ?? 2);
