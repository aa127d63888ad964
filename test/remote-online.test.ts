/**
 * `--online`: the declaration's evidence URLs, checked against a server on
 * 127.0.0.1 — HEAD then GET, redirects followed, 401/403/429 and server
 * errors "not verified", never "broken" — and reported per indicator by the
 * evidence-links rules. Without `--online`, not one request.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { run } from '../src/cli.js';
import type { Report } from '../src/model.js';
import { checkLinks, declaredEvidenceUrls } from '../src/sources/links.js';
import { RequestLog } from '../src/sources/http.js';

let server: http.Server;
let base = '';
const hits: { method: string; url: string }[] = [];
let root: string;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    hits.push({ method: req.method ?? '', url: req.url ?? '' });
    const route = req.url ?? '/';
    switch (route) {
      case '/ok': res.writeHead(200, { 'content-type': 'text/html' }).end(req.method === 'HEAD' ? undefined : '<p>impact</p>'); return;
      case '/head-refused': res.writeHead(req.method === 'HEAD' ? 405 : 200).end(); return;
      case '/gone': res.writeHead(404).end('not found'); return;
      case '/moved': res.writeHead(301, { location: '/ok' }).end(); return;
      case '/loop': res.writeHead(302, { location: '/loop' }).end(); return;
      case '/private': res.writeHead(403).end(); return;
      case '/busy': res.writeHead(429, { 'retry-after': '60' }).end(); return;
      case '/error': res.writeHead(500).end(); return;
      case '/slow': return; // never answers
      default: res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'remote-online-test-'));
  fs.writeFileSync(path.join(root, 'LICENSE'), 'MIT License\n\nCopyright (c) 2024 Online Org\n');
  fs.writeFileSync(path.join(root, 'dpg.yml'), `name: Online
types: [software]
sdgs:
  - sdg: 3
    explanation: Clinics book maternal health visits and send reminders, which reduces missed antenatal appointments (target 3.1).
    evidence: [${base}/ok, ${base}/moved]
licenses:
  - spdx: MIT
    evidence: [LICENSE, ${base}/gone]
owner:
  name: Online Org
  evidence: [${base}/head-refused]
  contributorAgreement: ${base}/cla-gone
privacy:
  laws: [GDPR]
  evidence: [${base}/private, ${base}/busy]
documentation:
  links: [${base}/error]
`);
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  fs.rmSync(root, { recursive: true, force: true });
});

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await run(args, { stdout: { write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => (stderr += t) }, env: { XDG_CACHE_HOME: path.join(root, '.cache-unused') } });
  return { code, stdout, stderr };
}

describe('checking URLs', () => {
  it('classifies what servers answer: ok, broken, or not verified', async () => {
    // /slow never answers: the time limit only decides how long that takes, so it is generous enough that a loaded
    // machine never turns a real answer into "no answer in time".
    const urls = ['ok', 'head-refused', 'gone', 'moved', 'loop', 'private', 'busy', 'error', 'slow'].map((p) => `${base}/${p}`);
    const results = await checkLinks(urls, { log: new RequestLog(), timeoutMs: 2_000 });
    const state = (p: string) => results.get(`${base}/${p}`);
    expect(state('ok')).toMatchObject({ state: 'ok', status: 200 });
    expect(state('head-refused')).toMatchObject({ state: 'ok', status: 200 });
    expect(state('moved')).toMatchObject({ state: 'ok', finalUrl: `${base}/ok` });
    expect(state('gone')).toMatchObject({ state: 'broken', status: 404, reason: '404 Not Found' });
    expect(state('loop')).toMatchObject({ state: 'broken', reason: 'redirect loop' });
    expect(state('private')).toMatchObject({ state: 'unverified', status: 403 });
    expect(state('busy')).toMatchObject({ state: 'unverified', status: 429 });
    expect(state('error')).toMatchObject({ state: 'unverified', status: 500 });
    expect(state('slow')).toMatchObject({ state: 'unverified', reason: 'no answer in time' });
    expect((await checkLinks(['http://[not-a-url'], { log: new RequestLog() })).get('http://[not-a-url')).toMatchObject({ state: 'broken' });
  });

  it('collects every evidence and documentation URL of a declaration, once', () => {
    expect(declaredEvidenceUrls({ name: 'x', types: ['software'], licenses: [{ spdx: 'MIT', evidence: ['LICENSE', 'https://a.example/x'] }], documentation: { links: ['https://a.example/x', 'docs/'] }, website: ['https://not-evidence.example'] }))
      .toEqual(['https://a.example/x']);
  });

  it('collects the URLs of every evidence key, the CLA link, SDG and closed-component evidence included', () => {
    expect(declaredEvidenceUrls({
      name: 'x', types: ['software'],
      sdgs: [{ sdg: 3, evidence: ['https://a.example/sdg'] }],
      owner: { contributorAgreement: 'https://a.example/cla' },
      platformIndependence: { components: [{ name: 'Maps', openAlternatives: ['OSM'], evidence: ['https://a.example/maps'] }] },
      doNoHarm: { harassment: { evidence: ['https://a.example/coc'] } },
    })).toEqual(['https://a.example/sdg', 'https://a.example/cla', 'https://a.example/maps', 'https://a.example/coc']);
  });
});

describe('--online', () => {
  it('reports broken and unverified URLs as gaps, under the indicator they are evidence for', async () => {
    hits.length = 0;
    const { stdout, stderr } = await cli([root, '--online', '--format', 'json', '--verbose']);
    const report = JSON.parse(stdout) as Report;
    const finding = (id: string) => report.findings.filter((f) => f.ruleId === id);
    expect(finding('dpg-1-04')).toMatchObject([{ status: 'pass', indicator: '1' }]);
    expect(finding('dpg-2-08')).toMatchObject([{ status: 'gap', indicator: '2', messageId: 'broken' }]);
    expect(finding('dpg-2-08')[0]?.message).toBe(`Evidence URL(s) that do not resolve: ${base}/gone (404 Not Found, \`licenses[0].evidence[1]\`). Which page shows this evidence now? Correct or replace the link.`);
    expect(finding('dpg-2-08')[0]?.evidence).toContainEqual({ kind: 'url', url: `${base}/gone` });
    expect(finding('dpg-2-08')[0]?.evidence).toContainEqual(expect.objectContaining({ kind: 'declaration', key: 'licenses[0].evidence[1]' }));
    // The CLA link is an evidence key like the others: checked, and its 404 reported (it used to be "not checked").
    expect(finding('dpg-3-07')).toMatchObject([{ status: 'gap', messageId: 'broken' }]);
    expect(finding('dpg-3-07')[0]?.message).toBe(`Evidence URL(s) that do not resolve: ${base}/cla-gone (404 Not Found, \`owner.contributorAgreement\`). Which page shows this evidence now? Correct or replace the link.`);
    expect(finding('dpg-7-04')).toMatchObject([{ status: 'gap' }]);
    expect(finding('dpg-7-04')[0]?.message).toContain('403 Forbidden');
    expect(finding('dpg-7-04')[0]?.message).toContain('429 Too Many Requests');
    expect(finding('dpg-5-08')).toMatchObject([{ status: 'gap' }]);
    expect(finding('dpg-8-04')).toMatchObject([{ status: 'n/a', messageId: 'noUrls' }]);
    expect(report.indicators.find((i) => i.id === '2')?.verdict).toBe('gap');
    expect(hits.filter((h) => h.method === 'HEAD').length).toBeGreaterThan(0);
    expect(stderr).toMatch(/HEAD http:\/\/127\.0\.0\.1:\d+\/gone → 404/);
  });

  it('without --online, not one request, and the link rules say the URLs were not checked', async () => {
    hits.length = 0;
    const report = JSON.parse((await cli([root, '--format', 'json'])).stdout) as Report;
    expect(hits).toEqual([]);
    expect(report.findings.find((f) => f.ruleId === 'dpg-2-08')).toMatchObject({ status: 'n/a', messageId: 'notChecked', message: '1 evidence URL(s) were not checked (run with --online to check them).' });
    expect(fs.existsSync(path.join(root, '.cache-unused'))).toBe(false);
  });
});
