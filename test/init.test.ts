/**
 * `dpg-check init`: the declaration it writes is valid, prefilled with what
 * the repository shows, every unanswered question is a marked GAP comment,
 * and checking the candidate afterwards reports strictly fewer gaps. It
 * never overwrites without --force, asks only on a terminal, and keeps
 * credentials out of the file.
 */
import { describe, it, expect, afterEach } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { parse } from 'yaml';
import { run } from '../src/cli.js';
import { checkCandidate } from '../src/engine/check.js';
import { parseDeclaration } from '../src/declaration/load.js';
import { runInit, normaliseRemote, repositoryUrl, InitError } from '../src/init/index.js';
import type { Declaration } from '../src/declaration/types.js';
import type { Report } from '../src/model.js';

const dirs: string[] = [];
afterEach(() => { for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true }); });

/** A temporary copy of a fixture, without its declaration. */
function copy(fixture: string, keepDeclaration = false): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dpg-init-'));
  dirs.push(dir);
  fs.cpSync(fixture, dir, { recursive: true });
  if (!keepDeclaration) for (const name of ['dpg.yml', 'dpg.yaml', 'dpg.json', '.github/dpg.yml']) fs.rmSync(path.join(dir, name), { force: true });
  return dir;
}

async function cli(args: string[], io: { stdin?: NodeJS.ReadableStream & { isTTY?: boolean }; tty?: boolean } = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await run(args, {
    stdout: { write: (t: string) => (stdout += t), isTTY: io.tty ?? false },
    stderr: { write: (t: string) => (stderr += t) },
    env: {},
    ...(io.stdin ? { stdin: io.stdin } : {}),
  });
  return { code, stdout, stderr };
}

const gaps = (report: Report): number => report.findings.filter((f) => f.status === 'gap').length;
const EVIDENCE = 'fixtures/candidates-evidence/init-candidate';

describe('dpg-check init', () => {
  it.each([[EVIDENCE, true], ['fixtures/candidates/no-declaration', true], ['fixtures/candidates-evidence/ownership', true], ['fixtures/candidates-evidence/ai-model-card', false]] as const)(
    '%s: writes a declaration validate accepts, and check then reports strictly fewer gaps', async (fixture, softwareAsBefore) => {
      const dir = copy(fixture);
      const before = await checkCandidate({ target: dir });
      const result = await cli(['init', dir, '--yes']);
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).toMatch(/wrote .*dpg\.yml: \d+ values? detected \(from the repository\), 0 answered here, \d+ questions? left as GAP comments/);
      const validate = await cli(['validate', path.join(dir, 'dpg.yml')]);
      expect(validate.code, validate.stderr).toBe(0);
      const after = await checkCandidate({ target: dir });
      expect(after.candidate.declaration).toEqual({ path: 'dpg.yml', valid: true });
      // Rules that only apply to the guessed type (an AI system's components: gaps when unanswered, never fails) are not counted.
      const applied = new Set(before.findings.filter((f) => f.status !== 'n/a').map((f) => f.ruleId));
      expect(after.findings.filter((f) => f.status === 'gap' && (softwareAsBefore || applied.has(f.ruleId))).length).toBeLessThan(gaps(before));
      // Prefilling never creates a fail, unless the guessed type brings rules that did not apply before (an AI system's).
      if (softwareAsBefore) expect(after.findings.filter((f) => f.status === 'fail').length).toBeLessThanOrEqual(before.findings.filter((f) => f.status === 'fail').length);
      else expect(after.candidate.types).not.toEqual(before.candidate.types);
    },
  );

  it('prefills what the repository shows, each with where it was found', async () => {
    const dir = copy(EVIDENCE);
    const result = await runInit({ dir });
    const declaration = parse(result.text) as Declaration;
    expect(declaration).toMatchObject({
      name: 'Maternal Visit Tracker',
      types: ['software'],
      description: 'Offline antenatal visit records and reminders for community health workers.',
      website: ['https://visits.example.org'],
      sdgs: [{ sdg: 3 }],
      licenses: [{ spdx: 'MIT', evidence: expect.arrayContaining(['LICENSE']) }],
      owner: { name: 'Mama Health Network', evidence: ['LICENSE'], contributorAgreement: 'CONTRIBUTING.md' },
      documentation: { links: ['README.md', 'docs/'] },
      privacy: { evidence: ['PRIVACY.md'] },
      standards: { standards: [{ name: 'OpenAPI', evidence: ['openapi.yaml'] }] },
      doNoHarm: { dataPrivacy: { evidence: ['SECURITY.md'] }, harassment: { evidence: ['CODE_OF_CONDUCT.md'] } },
    });
    expect(declaration.platformIndependence?.coreTechnologies).toEqual(['JavaScript', 'Node.js', 'Express', 'PostgreSQL']);
    expect(declaration.standards?.bestPractices?.map((p) => p.name)).toEqual(['Continuous integration', 'Automated tests', 'Contributing guide']);
    expect(result.text).toContain('name: Mama Health Network  # detected: copyright notice in LICENSE line 3');
    expect(result.sources.get('owner.contributorAgreement')).toBe('Developer Certificate of Origin in CONTRIBUTING.md line 3');
  });

  it('writes one licence entry per part from a README naming a licence per part, never an AND of them', async () => {
    const dir = copy('fixtures/licenses/readme-per-part');
    const declaration = parse((await runInit({ dir })).text) as Declaration;
    expect(declaration.licenses).toEqual([
      { spdx: 'AGPL-3.0-only', evidence: ['LICENSE', 'README.md'] },
      { spdx: 'CC-BY-SA-4.0', appliesTo: 'data', evidence: ['README.md'] },
    ]);
  });

  it('does not declare the licences of sub-packages or vendored code as the candidate\'s', async () => {
    const dir = copy('fixtures/licenses/sub-package-isc');
    const declaration = parse((await runInit({ dir })).text) as Declaration;
    expect(declaration.licenses).toEqual([{ spdx: 'MIT', evidence: ['LICENSE'] }]);
  });

  it('leaves every unanswered questionnaire item as a marked GAP comment with a commented example', async () => {
    const dir = copy(EVIDENCE);
    const { text, gaps: open } = await runInit({ dir });
    expect(open).toEqual(expect.arrayContaining([
      'contactEmail', 'sdgs[0].explanation', 'owner.type', 'owner.country', 'owner.ownsAll', 'platformIndependence.closedComponents',
      'dataExtraction', 'privacy.laws', 'doNoHarm.dataPrivacy.piiLevel', 'doNoHarm.content', 'doNoHarm.harassment.userInteraction', 'authorizedRespondent',
    ]));
    expect(open).not.toContain('aiSystem'); // software: the AI-system questions are not asked
    // Each gap: a GAP line with the questionnaire's wording, then the example, all commented out.
    expect(text).toContain('  # GAP (indicator 3): Type of organisation that owns the solution');
    expect(text).toContain('  # type: non-profit ');
    expect(text).toMatch(/# GAP \(indicators 7–9\): Who is authorised to answer indicators 7–9/);
    expect(text).toMatch(/sdgs:\n {2}- sdg: 3\n {4}# GAP \(indicator 1\): How is your solution relevant to this SDG\?/);
    // Uncommenting every example gives a declaration the schema still accepts.
    const body = text.slice(text.indexOf('$schema'));
    const uncommented = body.split('\n').map((line) => (/^\s*# (?!GAP|detected)/.test(line) ? line.replace('# ', '') : line)).join('\n');
    const filled = parseDeclaration(uncommented, 'dpg.yml');
    expect(filled.errors.map((e) => `${e.key}: ${e.message}`)).toEqual([]);
  });

  it('an AI system gets the AI-system questions; --type overrides the guess', async () => {
    const ai = await runInit({ dir: copy('fixtures/candidates-evidence/ai-model-card') });
    expect((parse(ai.text) as Declaration).types).toEqual(['aimodel']);
    expect(ai.gaps).toContain('aiSystem');
    expect(ai.text).toContain('Solution types: a model card.');
    const data = await runInit({ dir: copy('fixtures/candidates-evidence/ai-model-card'), types: ['data'] });
    expect((parse(data.text) as Declaration).types).toEqual(['data']);
    expect(data.text).toContain('Solution types: chosen with --type.');
  });

  it('every fixture candidate gets a declaration the schema accepts', async () => {
    const roots = ['fixtures/candidates', 'fixtures/candidates-evidence'];
    const fixtures = roots.flatMap((root) => fs.readdirSync(root, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => path.join(root, d.name)));
    expect(fixtures.length).toBeGreaterThan(10);
    for (const fixture of fixtures) {
      const result = await runInit({ dir: copy(fixture) });
      expect(parseDeclaration(result.text, 'dpg.yml').errors, fixture).toEqual([]);
    }
  });

  it('never overwrites a declaration without --force; --force replaces it; --output writes elsewhere', async () => {
    const dir = copy('fixtures/candidates/complete-software', true);
    const original = fs.readFileSync(path.join(dir, 'dpg.yml'), 'utf8');
    const refused = await cli(['init', dir, '--yes']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/dpg\.yml already exists: not overwritten \(use --force to replace it, or --output to write elsewhere\)\n$/);
    expect(fs.readFileSync(path.join(dir, 'dpg.yml'), 'utf8')).toBe(original);

    const elsewhere = path.join(dir, 'draft', 'dpg.yml');
    expect((await cli(['init', dir, '--yes', '--output', elsewhere])).code).toBe(1 - 1);
    expect(fs.readFileSync(path.join(dir, 'dpg.yml'), 'utf8')).toBe(original);
    expect(parseDeclaration(fs.readFileSync(elsewhere, 'utf8'), 'dpg.yml').valid).toBe(true);

    const forced = await cli(['init', dir, '--yes', '--force']);
    expect(forced.code, forced.stderr).toBe(0);
    expect(fs.readFileSync(path.join(dir, 'dpg.yml'), 'utf8')).not.toBe(original);

    const json = copy('fixtures/candidates/no-declaration');
    fs.writeFileSync(path.join(json, 'dpg.json'), '{"name":"x","types":["software"]}');
    const other = await cli(['init', json, '--yes']);
    expect(other.code).toBe(2);
    expect(other.stderr).toContain('dpg.json already exists');
    expect(fs.existsSync(path.join(json, 'dpg.yml'))).toBe(false);
  });

  it('refuses to write through a symbolic link, even with --force', async () => {
    const dir = copy('fixtures/candidates/no-declaration');
    const outside = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'dpg-init-out-')), 'victim.txt');
    dirs.push(path.dirname(outside));
    fs.writeFileSync(outside, 'keep me');
    fs.symlinkSync(outside, path.join(dir, 'dpg.yml'));
    const result = await cli(['init', dir, '--yes', '--force']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('is a symbolic link: not followed');
    expect(fs.readFileSync(outside, 'utf8')).toBe('keep me');
  });

  it('bad input: a missing directory or an unknown --type is a plain message and exit 2', async () => {
    const missing = await cli(['init', path.join(os.tmpdir(), 'dpg-init-no-such-dir-x7')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^dpg-check: cannot read .*: no such directory\n$/);
    const badType = await cli(['init', copy('fixtures/candidates/no-declaration'), '--type', 'robot']);
    expect(badType.code).toBe(2);
    expect(badType.stderr).toContain('--type: unknown solution type robot');
  });

  it('without a terminal and without --yes: writes the detected values only and says so', async () => {
    const dir = copy(EVIDENCE);
    const piped = await cli(['init', dir]);
    expect(piped.code).toBe(0);
    expect(piped.stderr).toContain('not a terminal, so nothing was asked');
    const yes = await cli(['init', copy(EVIDENCE), '--yes']);
    expect(yes.stderr).toBe('');
    expect(fs.readFileSync(path.join(dir, 'dpg.yml'), 'utf8').replace(/dpg-init-\w+/g, '')).toContain('owner:');
  });

  it('on a terminal, asks the open questions, keeps detected values on Enter and re-asks a wrong answer', async () => {
    const dir = copy(EVIDENCE);
    const answers = [
      '', // name: keep "Maternal Visit Tracker"
      '', // types: keep software
      '3, 5', // SDGs
      'Health workers book antenatal visits and remind mothers, so more complete the four recommended visits (target 3.1).',
      'Women health workers in rural districts get a paid digital tool and training, supporting their employment and leadership (target 5.5).',
      '', // licences: keep MIT
      '', // owner: keep the copyright holder
      'charity', // not one of the eight types: asked again
      'non-profit',
      'KE',
      'y',
      'Kenya Data Protection Act 2019, GDPR',
      'collected-stored',
      'name, phone number', // PII types: asked because PII is collected
      '', // measures: left as a gap
      'none', // content: none, so no moderation question
      'n', // no interaction, so no harassment-protection question
      'Amina Otieno',
      'not-an-email', // asked again
      'amina@mamahealth.example.org',
      '', // contact email: left as a gap
    ];
    const asked: string[] = [];
    const said: string[] = [];
    const result = await runInit({ dir, ask: async (question) => { asked.push(question); return answers.shift() ?? ''; }, say: (text) => said.push(text) });
    expect(answers).toEqual([]);
    expect(asked[0]).toBe('Solution name [Maternal Visit Tracker]: ');
    expect(asked).toContain('Which SDGs (1–17) is the solution relevant to? Comma-separated [3]: ');
    expect(said).toContain('  one of: government, multilateral, non-profit, academic, private-sector, individual, community, other');
    expect(said).toContain('  that is not an email address');
    const declaration = parse(result.text) as Declaration;
    expect(declaration.sdgs?.map((s) => s.sdg)).toEqual([3, 5]);
    expect(declaration.owner).toMatchObject({ name: 'Mama Health Network', type: 'non-profit', country: 'KE', ownsAll: true });
    expect(declaration.privacy?.laws).toEqual(['Kenya Data Protection Act 2019', 'GDPR']);
    expect(declaration.doNoHarm).toMatchObject({ dataPrivacy: { piiLevel: 'collected-stored', piiTypes: ['name', 'phone number'] }, content: { contentLevel: 'none' }, harassment: { userInteraction: false } });
    expect(asked.some((q) => q.startsWith('How is inappropriate'))).toBe(false);
    expect(asked.some((q) => q.startsWith('How do users and contributors protect'))).toBe(false);
    expect(result.gaps).toContain('doNoHarm.dataPrivacy.measures');
    expect(result.gaps.filter((g) => /content\.(moderation|responseTime)|harassment\.(protection|underageSafety)/.test(g))).toEqual([]);
    expect(declaration.authorizedRespondent).toEqual({ name: 'Amina Otieno', email: 'amina@mamahealth.example.org' });
    expect(declaration.contactEmail).toBeUndefined();
    expect(result.gaps).toContain('contactEmail');
    expect(result.gaps).not.toContain('owner.type');
    const checked = await checkCandidate({ target: dir });
    expect(checked.findings.find((f) => f.ruleId === 'dpg-1-02')?.status).toBe('pass');
  });

  it('through the command line on a terminal, reads the answers from stdin', async () => {
    const dir = copy('fixtures/candidates/no-declaration');
    const stdin = Object.assign(new PassThrough(), { isTTY: true });
    const lines = ['', '', '', '', 'Clinic Tools Ltd', 'private-sector'];
    let stdout = '';
    // Each answer is typed once its question is shown, as a person would.
    const code = await run(['init', dir], {
      stdout: { write: (t: string) => { stdout += t; if (t.endsWith(': ')) setImmediate(() => stdin.write(`${lines.shift() ?? ''}\n`)); }, isTTY: true },
      stderr: { write: () => undefined },
      env: {},
      stdin,
    });
    expect(code).toBe(0);
    expect(stdout).toContain('Solution name [Clinic Tools]: ');
    expect(stdout).toContain('wrote ');
    const declaration = parse(fs.readFileSync(path.join(dir, 'dpg.yml'), 'utf8')) as Declaration;
    expect(declaration.owner).toMatchObject({ name: 'Clinic Tools Ltd', type: 'private-sector' });
  });

  it('writes the repository URL without credentials', () => {
    expect(normaliseRemote('git@github.com:open-health/visits.git')).toBe('https://github.com/open-health/visits');
    expect(normaliseRemote('https://x-access-token:ghp_SECRETSECRET@github.com/open-health/visits.git')).toBe('https://github.com/open-health/visits');
    expect(normaliseRemote('ssh://git@gitlab.example.org/team/app.git')).toBe('https://gitlab.example.org/team/app');
    expect(normaliseRemote('/srv/git/app.git')).toBeUndefined();
    const dir = copy('fixtures/candidates/no-declaration');
    fs.mkdirSync(path.join(dir, '.git'));
    fs.writeFileSync(path.join(dir, '.git', 'config'), '[core]\n\tbare = false\n[remote "origin"]\n\turl = https://user:ghp_SECRETSECRET@github.com/clinic/tools.git\n\tfetch = +refs/heads/*:refs/remotes/origin/*\n');
    expect(repositoryUrl(dir)).toEqual({ repositoryUrl: 'https://github.com/clinic/tools' });
  });

  it('runInit errors are InitError (a user error), never a crash', async () => {
    await expect(runInit({ dir: path.join(os.tmpdir(), 'dpg-init-no-such-dir-y8') })).rejects.toThrow(InitError);
  });
});
