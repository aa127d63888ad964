/**
 * `dpg-check init`, through the CLI: it asks only what applies, prefills from
 * the package manifests, the repository's publiccode.yml and the registry
 * answers of `--from`, counts what it detected and left open from the same
 * records the file is written from, and ends cleanly (exit 130, nothing
 * written) on Ctrl-C or Ctrl-D.
 */
import { describe, it, expect, afterEach } from 'vitest';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { parse } from 'yaml';
import { run } from '../src/cli.js';
import type { Declaration } from '../src/declaration/types.js';

const dirs: string[] = [];
afterEach(() => { for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true }); });

function candidate(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dpg-init-prefill-'));
  dirs.push(dir);
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  }
  return dir;
}

interface Typed { code: number; stdout: string; stderr: string; asked: string[] }

/**
 * Runs `init` with a stdin that says it is a terminal, typing each answer once its question is shown, as a
 * person would. `after` is what happens when the answers run out: Enter, end of input (Ctrl-D), or Ctrl-C.
 */
async function typeAnswers(args: string[], answers: string[], after: 'enter' | 'ctrl-d' | 'ctrl-c' = 'enter'): Promise<Typed> {
  const raw = after === 'ctrl-c';
  // A terminal's stdin in raw mode: readline then reads Ctrl-C as a key (SIGINT on the interface), not a signal.
  const stdin = Object.assign(new PassThrough(), { isTTY: true, ...(raw ? { setRawMode: () => stdin, isRaw: false } : {}) });
  let stdout = '';
  let stderr = '';
  const asked: string[] = [];
  const code = await run(['init', ...args], {
    stdout: {
      write: (t: string) => {
        stdout += t;
        if (!t.endsWith(': ')) return;
        asked.push(t);
        const answer = answers.shift();
        setImmediate(() => {
          if (answer !== undefined) stdin.write(`${answer}${raw ? '\r' : '\n'}`);
          else if (after === 'enter') stdin.write(raw ? '\r' : '\n');
          else if (after === 'ctrl-d') stdin.end();
          else stdin.write('\x03');
        });
      },
      isTTY: true,
    },
    stderr: { write: (t: string) => (stderr += t) },
    env: {},
    stdin,
  });
  return { code, stdout, stderr, asked };
}

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await run(args, { stdout: { write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => (stderr += t) }, env: {} });
  return { code, stdout, stderr };
}

const read = (dir: string): { text: string; declaration: Declaration } => {
  const text = fs.readFileSync(path.join(dir, 'dpg.yml'), 'utf8');
  return { text, declaration: parse(text) as Declaration };
};

describe('init asks only what applies', () => {
  it('no PII types after piiLevel none, no moderation after contentLevel none, no harassment questions when users do not interact', async () => {
    const dir = candidate({ 'README.md': '# Clinic Tools\n\nBook clinic visits and remind patients of them by text message.\n' });
    // name, types, SDGs, licences, owner, type, country, owns all, laws: Enter; then PII none, content none, no interaction.
    const result = await typeAnswers([dir], ['', '', '', '', '', '', '', '', '', 'none', 'none', 'n']);
    expect(result.code, result.stderr).toBe(0);
    const questions = result.asked.join('\n');
    expect(questions).toContain('Personal data (PII)');
    expect(questions).not.toContain('Which types of personal data');
    expect(questions).not.toContain('How is inappropriate and illegal content');
    expect(questions).not.toContain('protect themselves from harassment');
    const { text, declaration } = read(dir);
    expect(declaration.doNoHarm).toMatchObject({ dataPrivacy: { piiLevel: 'none' }, content: { contentLevel: 'none' }, harassment: { userInteraction: false } });
    // …and their GAP comments are not written either.
    expect(text).not.toMatch(/# GAP[^\n]*\n\s*# (piiTypes|measures|thirdPartySharing|moderation|responseTime|protection|underageSafety):/);
    expect((await cli(['validate', path.join(dir, 'dpg.yml')])).code).toBe(0);
  });

  it('asks the follow-ups when they apply', async () => {
    const dir = candidate({ 'README.md': '# Clinic Tools\n' });
    const result = await typeAnswers([dir], ['', '', '', '', '', '', '', '', '', 'collected-stored', 'name, phone number', 'Encrypted at rest; access is logged.', 'collected-stored-distributed', 'Moderators review reports within a day.', 'y', 'A code of conduct, blocking and reporting.']);
    expect(result.code, result.stderr).toBe(0);
    expect(read(dir).declaration.doNoHarm).toMatchObject({
      dataPrivacy: { piiLevel: 'collected-stored', piiTypes: ['name', 'phone number'], measures: 'Encrypted at rest; access is logged.' },
      content: { contentLevel: 'collected-stored-distributed', moderation: 'Moderators review reports within a day.' },
      harassment: { userInteraction: true, protection: 'A code of conduct, blocking and reporting.' },
    });
  });
});

describe('init prefills from what the owner already wrote', () => {
  it.each([
    ['pyproject.toml', '[project]\nname = "soil-maps"\ndescription = "Soil maps for smallholder farmers, from open satellite data."\n[project.urls]\nHomepage = "https://soil.example.org"\n', 'soil-maps'],
    ['DESCRIPTION', 'Package: soilmaps\nTitle: Soil Maps for Smallholder Farmers\nVersion: 1.0\nURL: https://soil.example.org, https://github.com/x/soilmaps\nDescription: Maps soil from open\n    satellite data.\n', 'soilmaps'],
    ['pom.xml', '<project><parent><name>Parent POM</name><url>https://parent.example.org</url></parent><artifactId>soil-maps</artifactId><name>Soil Maps</name><description>Soil maps for smallholder farmers.</description><url>https://soil.example.org</url><dependencies><dependency><name>lib</name></dependency></dependencies></project>\n', 'Soil Maps'],
    ['package.json', '{ "name": "soil-maps", "description": "Soil maps for smallholder farmers.", "homepage": "https://soil.example.org" }\n', 'soil-maps'],
  ])('%s: name, description and homepage', async (file, text, name) => {
    const dir = candidate({ [file]: text });
    const result = await cli(['init', dir, '--yes']);
    expect(result.code, result.stderr).toBe(0);
    const { text: written, declaration } = read(dir);
    expect(declaration.name).toBe(name);
    expect(declaration.description).toMatch(/^Soil maps for smallholder farmers/i);
    expect(declaration.website).toEqual(['https://soil.example.org']);
    expect(written).toContain(`# detected: ${file} name`);
  });

  it('the repository\'s publiccode.yml: its answers outrank guesses from the repository', async () => {
    const dir = candidate({ 'publiccode.yml': fs.readFileSync('fixtures/publiccode/publiccode.yml', 'utf8'), 'package.json': '{ "name": "permits-web", "description": "The web front end." }\n' });
    const result = await cli(['init', dir, '--yes']);
    expect(result.code, result.stderr).toBe(0);
    const { text, declaration } = read(dir);
    expect(declaration.name).toBe('Open Permits');
    expect(declaration.description).toBe('Apply for and track building permits online.');
    expect(text).toMatch(/# detected: publiccode\.yml /);
    expect((await cli(['validate', path.join(dir, 'dpg.yml')])).code).toBe(0);
  });

  it('--from the registry answers (nominee and screening files), with where each came from', async () => {
    const dir = candidate({ 'README.md': '# Notes\n' });
    const from = ['fixtures/registry/nominees/notesmaster.json', 'fixtures/registry/digitalpublicgoods/notesmaster.json'];
    const result = await cli(['init', dir, '--yes', '--from', ...from]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/\d+ values detected \(from the repository and the registry answers\)/);
    const { text, declaration } = read(dir);
    expect(declaration.name).toBe('NotesMaster');
    expect(declaration.types).toEqual(['content']);
    expect(declaration.sdgs?.map((s) => s.sdg)).toEqual([4, 5, 9, 10, 11, 17]);
    expect(declaration.sdgs?.every((s) => (s.explanation ?? '').length > 20)).toBe(true);
    expect(declaration.doNoHarm?.dataPrivacy?.piiLevel).toBe('collected-stored');
    expect(text).toContain('# detected: fixtures/registry/nominees/notesmaster.json');
    // Registry-only answers with no question of their own in the file are kept.
    expect(declaration.aliases).toEqual(['Notesmaster Elearning']);
    expect((await cli(['validate', path.join(dir, 'dpg.yml')])).code).toBe(0);
    // --type still outranks the registry's types.
    const typed = candidate({ 'README.md': '# Notes\n' });
    expect((await cli(['init', typed, '--yes', '--type', 'software', '--from', ...from])).code).toBe(0);
    expect(read(typed).declaration.types).toEqual(['software']);
  });

  it('every registry fixture (with its screening file when there is one) gives a declaration validate accepts', async () => {
    const entries = ['nominees', 'archive'].flatMap((folder) => fs.readdirSync(path.join('fixtures/registry', folder)).map((f) => path.join('fixtures/registry', folder, f)));
    expect(entries.length).toBeGreaterThan(8);
    for (const entry of entries) {
      const screening = path.join('fixtures/registry/digitalpublicgoods', path.basename(entry));
      const dir = candidate({ 'README.md': '# x\n' });
      const result = await cli(['init', dir, '--yes', '--from', entry, ...(fs.existsSync(screening) ? [screening] : [])]);
      expect(result.code, `${entry}: ${result.stderr}`).toBe(0);
      expect((await cli(['validate', path.join(dir, 'dpg.yml')])).code, entry).toBe(0);
    }
  });

  it('a --from file that is not a registry entry is a plain message, exit 2, nothing written', async () => {
    const dir = candidate({ 'README.md': '# Notes\n' });
    const missing = await cli(['init', dir, '--yes', '--from', path.join(dir, 'nope.json')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^dpg-check: --from .*nope\.json: /);
    const declaration = await cli(['init', dir, '--yes', '--from', 'fixtures/declarations/complete.yml']);
    expect(declaration.code).toBe(2);
    expect(declaration.stderr).toContain('cannot import it: it is already a dpg-check declaration');
    expect(fs.existsSync(path.join(dir, 'dpg.yml'))).toBe(false);
  });
});

describe('init counts what it wrote', () => {
  it('the values it says it detected are the file\'s "detected:" notes, and the questions left are its GAP lines', async () => {
    for (const fixture of ['fixtures/candidates-evidence/init-candidate', 'fixtures/candidates/no-declaration']) {
      const dir = candidate({});
      fs.cpSync(fixture, dir, { recursive: true });
      fs.rmSync(path.join(dir, 'dpg.yml'), { force: true });
      const result = await cli(['init', dir, '--yes']);
      const [, detected, gaps] = /: (\d+) values? detected .*, (\d+) questions? left as GAP comments/.exec(result.stdout) ?? [];
      const text = fs.readFileSync(path.join(dir, 'dpg.yml'), 'utf8');
      expect(Number(detected), fixture).toBe((text.match(/# detected: (?!the directory name)/g) ?? []).length);
      expect(Number(gaps), fixture).toBe((text.match(/# GAP \(/g) ?? []).length);
    }
  });
});

describe('init ends cleanly when the user stops it', () => {
  it.each([['Ctrl-D (end of input)', 'ctrl-d', /ended \(end of input, Ctrl-D\): nothing written\n$/], ['Ctrl-C', 'ctrl-c', /interrupted \(Ctrl-C\): nothing written\n$/]] as const)('%s: exit 130, "nothing written", no file', async (_, key, message) => {
    const dir = candidate({ 'README.md': '# Clinic Tools\n' });
    const result = await typeAnswers([dir], ['', ''], key);
    expect(result.code).toBe(130);
    expect(result.stderr).toMatch(message);
    expect(result.stdout).not.toContain('wrote');
    expect(fs.readdirSync(dir)).toEqual(['README.md']);
  });

  const python = spawnSync('python3', ['-c', 'import pty'], { encoding: 'utf8' }).status === 0;
  it.skipIf(!python || process.platform === 'win32')('through a real pseudo-terminal: Ctrl-C at the first question exits 130 and writes nothing', () => {
    const dir = candidate({ 'README.md': '# Clinic Tools\n' });
    // python3's pty module gives the CLI a real terminal; the script types Ctrl-C once the first question appears.
    const driver = [
      'import os, pty, sys, select, time',
      'pid, fd = pty.fork()',
      'if pid == 0:',
      `    os.execv(${JSON.stringify(process.execPath)}, ["node", "bin/dpg-check.js", "init", sys.argv[1]])`,
      'out = b""',
      'sent = False',
      'while True:',
      '    r, _, _ = select.select([fd], [], [], 20)',
      '    if not r: break',
      '    try: chunk = os.read(fd, 4096)',
      '    except OSError: break',
      '    if not chunk: break',
      '    out += chunk',
      // The prompt ends with a cursor escape, not with ": "; a moment lets readline finish drawing it.
      '    if not sent and b"Solution name" in out:',
      '        time.sleep(0.2); os.write(fd, b"\\x03"); sent = True',
      '_, status = os.waitpid(pid, 0)',
      'sys.stdout.write(out.decode("utf8", "replace"))',
      'sys.exit(os.waitstatus_to_exitcode(status))',
    ].join('\n');
    const result = spawnSync('python3', ['-c', driver, dir], { encoding: 'utf8', timeout: 60_000 });
    expect(result.stdout).toContain('Solution name');
    expect(result.stdout).toContain('nothing written');
    expect(result.status).toBe(130);
    expect(fs.readdirSync(dir)).toEqual(['README.md']);
  }, 60_000);
});
