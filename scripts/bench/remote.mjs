// Bench sections: what a git URL costs, requests and bytes, against a shallow clone of the same repository.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { runAsync } from './measure.mjs';
import { remoteTree } from './tree.mjs';

/** The two remote sections (bytes, requests), measured once for both. */
export function remoteSections({ projectRoot }) {
  let remoteFigures;
  async function measureRemote() {
    if (remoteFigures) return remoteFigures;
    const bin = path.join(projectRoot, 'bin', 'dpg-check.js');
    if (!existsSync(path.join(projectRoot, 'dist', 'src', 'sources', 'git.js'))) return (remoteFigures = { skipped: 'dist/src/sources/git.js not built' });
    const { buildBareRepository, startGitHttpServer } = await import(pathToFileURL(path.join(projectRoot, 'fixtures', 'remote', 'git-http-server.mjs')).href);
    const files = 5000;
    const root = mkdtempSync(path.join(os.tmpdir(), 'dpg-check-bench-remote-'));
    const server = await startGitHttpServer(root);
    try {
      buildBareRepository(root, 'large', remoteTree(files));
      const url = `${server.url}/large.git`;
      const cache = path.join(root, 'cache');
      const measure = async (action) => {
        server.reset();
        await action();
        return { requests: server.stats.requests, bytes: server.stats.bytes };
      };
      // The CLI runs in a child process, asynchronously: the server answering it lives in this one.
      const check = (extra = []) => runAsync(process.execPath, [bin, url, '--format', 'json', '--output', os.devNull, ...extra], { ...process.env, XDG_CACHE_HOME: cache }, [0, 1]);
      const shallow = path.join(root, 'shallow');
      const rows = [];
      rows.push({ key: 's', label: '(s) git clone --depth 1 --no-checkout (baseline)', ...(await measure(() => runAsync('git', ['clone', '-q', '--depth', '1', '--no-checkout', url, shallow]))) });
      rows.push({ key: 'sw', label: '(s′) warm: git fetch --depth 1 in that clone (nothing changed)', ...(await measure(() => runAsync('git', ['-C', shallow, 'fetch', '-q', '--depth', '1', 'origin']))) });
      rows.push({ key: 'p', label: '(p) cold: dpg-check <git URL> (partial clone + one blob batch)', ...(await measure(() => check())) });
      rows.push({ key: 'pw', label: '(p′) warm: dpg-check <git URL> again (cache: git ls-remote only)', ...(await measure(() => check())) });
      rows.push({ key: 'pn', label: '(p″) dpg-check <git URL> --no-cache', ...(await measure(() => check(['--no-cache']))) });
      const p = rows.find((row) => row.key === 'p');
      const s = rows.find((row) => row.key === 's');
      return (remoteFigures = {
        title: `${files.toLocaleString('en')}-file repository over git http-backend`,
        notes: [
          `cold: ${p.requests} HTTP requests and ${(p.bytes / 1024).toFixed(0)} KiB for dpg-check, against ${s.requests} requests and ${(s.bytes / 1024 / 1024).toFixed(1)} MiB for a shallow clone (${(100 * p.bytes / s.bytes).toFixed(1)} % of its bytes)`,
          'bytes are response bodies as sent by the server (packs are compressed), requests are HTTP requests (git protocol v2)',
        ],
        rows,
      });
    } finally {
      await server.close();
      rmSync(root, { recursive: true, force: true });
    }
  }

  return [
    {
      // Remote candidates (issue 4): what a git URL costs, requests and bytes, against a shallow clone of the same
      // repository, cold (empty cache) and warm (unchanged repository, cache kept). Served by `git http-backend` on
      // 127.0.0.1, which counts every request and byte; no internet.
      name: 'remote: bytes',
      async run() {
        const figures = await measureRemote();
        if (figures.skipped) return { title: 'skipped', notes: [], rows: [{ key: 's', label: 'remote', skipped: figures.skipped }], baselines: ['s'] };
        return {
          title: figures.title,
          notes: figures.notes,
          unit: 'bytes',
          rows: figures.rows.map((row) => ({ key: row.key, label: row.label, value: row.bytes })),
          baselines: ['s'],
        };
      },
    },
    {
      name: 'remote: requests',
      async run() {
        const figures = await measureRemote();
        if (figures.skipped) return { title: 'skipped', notes: [], rows: [{ key: 's', label: 'remote', skipped: figures.skipped }], baselines: ['s'] };
        return { title: figures.title, notes: [], unit: 'requests', rows: figures.rows.map((row) => ({ key: row.key, label: row.label, value: row.requests })), baselines: ['s'] };
      },
  }
  ];
}
