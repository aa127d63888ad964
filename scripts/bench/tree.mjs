// The synthetic trees the bench measures on: generated, never fetched, cached in the temp folder.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gitEnv } from './measure.mjs';

const TREE_FORMAT = 1; // bump when the generated tree changes shape, to regenerate cached trees

/**
 * A committed git work tree of `count` small files in nested folders, plus the
 * files a real candidate has. Generated once and cached in the temp dir: making
 * 50,000 files and committing them takes far longer than any measurement.
 */
export function ensureLargeTree(count) {
  const tree = path.join(os.tmpdir(), `dpg-check-bench-${count}`);
  const marker = path.join(tree, '.git', 'dpg-check-bench');
  if (existsSync(marker) && readFileSync(marker, 'utf8') === String(TREE_FORMAT)) return tree;

  process.stderr.write(`bench: generating ${tree} (once)…\n`);
  rmSync(tree, { recursive: true, force: true });
  mkdirSync(tree, { recursive: true });
  const perFolder = 20;
  const foldersPerPackage = 50;
  for (let index = 0; index < count; index++) {
    const folder = Math.floor(index / perFolder);
    const dir = path.join(tree, `packages`, `pkg-${Math.floor(folder / foldersPerPackage)}`, `src`, `mod-${folder % foldersPerPackage}`);
    if (index % perFolder === 0) mkdirSync(dir, { recursive: true });
    writeFileSync(
      path.join(dir, `file-${index}.ts`),
      `// generated file ${index}\nexport const value${index} = ${index};\nexport function f${index}(x: number): number {\n  return x + ${index};\n}\n`,
    );
  }
  writeFileSync(
    path.join(tree, 'README.md'),
    '# Bench candidate\n\nA synthetic project for benchmarks.\n\n## Install\n\n```\nnpm install\n```\n\n## Usage\n\nRun `npm start`.\n',
  );
  writeFileSync(path.join(tree, 'LICENSE'), MIT_LICENSE);
  writeFileSync(
    path.join(tree, 'package.json'),
    `${JSON.stringify({ name: 'bench-candidate', version: '1.0.0', license: 'MIT', dependencies: { express: '^4.19.0' } }, null, 2)}\n`,
  );
  writeFileSync(
    path.join(tree, 'dpg.yml'),
    [
      'name: Bench candidate',
      'types: [software]',
      'description: A synthetic project used to measure dpg-check.',
      'licenses:',
      '  - spdx: MIT',
      '    evidence: [LICENSE]',
      'owner:',
      '  name: Bench Org',
      '  type: non-profit',
      '  country: NL',
      '',
    ].join('\n'),
  );
  const git = (...args) =>
    execFileSync('git', ['-c', 'user.email=bench@example.org', '-c', 'user.name=bench', '-c', 'commit.gpgsign=false', ...args], {
      cwd: tree,
      stdio: ['ignore', 'ignore', 'pipe'],
      env: gitEnv(),
    });
  git('init', '-q');
  git('add', '-A');
  git('commit', '-q', '-m', 'synthetic bench tree');
  writeFileSync(marker, String(TREE_FORMAT));
  return tree;
}

const MIT_LICENSE = `MIT License

Copyright (c) 2024 Bench Org

Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the "Software"), to deal
in the Software without restriction, including without limitation the rights
to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all
copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
SOFTWARE.
`;

/** Source-like files (words from a small vocabulary: they compress about as real code does) in 50 folders. */
export function remoteTree(count) {
  const files = {
    'README.md': '# Large\n\n## Install\n\nnpm install\n\n## Usage\n\nnpm start\n',
    LICENSE: 'MIT License\n\nCopyright (c) 2024 Large Org\n',
    'package.json': '{ "name": "large", "license": "MIT" }\n',
    'dpg.yml': 'name: Large\ntypes: [software]\nlicenses:\n  - spdx: MIT\n    evidence: [LICENSE]\n',
  };
  let seed = 42;
  const next = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff);
  const words = Array.from({ length: 400 }, (_, i) => `${['get', 'set', 'load', 'save', 'user', 'clinic', 'visit', 'date', 'list', 'map'][i % 10]}${i.toString(36)}`);
  for (let i = 0; i < count; i++) {
    const lines = [`// module ${i}`];
    const length = 2000 + (next() % 3000);
    for (let size = 0; size < length;) {
      const line = `export const ${words[next() % words.length]} = ${words[next() % words.length]}(${next() % 1000}, '${words[next() % words.length]}');`;
      lines.push(line);
      size += line.length + 1;
    }
    files[`src/module-${i % 50}/file-${i}.ts`] = `${lines.join('\n')}\n`;
  }
  return files;
}
