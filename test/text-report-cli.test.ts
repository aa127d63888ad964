/**
 * The text report through the command line: it leads with what to do, wraps
 * to the terminal's width (80 columns when stdout is not a terminal), and
 * `--quiet` / `--verbose` show less / everything.
 */
import { describe, it, expect } from 'vitest';
import path from 'node:path';
import { run } from '../src/cli.js';

const FAILING = path.join('fixtures/candidates', 'content-nd');

async function textReport(args: string[], stdout: { isTTY?: boolean; columns?: number } = {}): Promise<{ code: number; text: string }> {
  let text = '';
  const code = await run([FAILING, '--no-color', ...args], { stdout: { ...stdout, write: (t: string) => (text += t) }, stderr: { write: () => true }, env: {} });
  return { code, text };
}

/** Lines wider than `width` that could have been broken (more than one word). */
function overWide(text: string, width: number): string[] {
  return text.split('\n').filter((line) => [...line].length > width && line.trim().includes(' '));
}

describe('the text report through the CLI', () => {
  it('leads with the problems, folds the passes and closes with ranked next steps, in 80 columns off a terminal', async () => {
    const { code, text } = await textReport([]);
    expect(code).toBe(1);
    const lines = text.split('\n');
    const firstIndicator = lines.findIndex((l) => /^(PASS|FAIL|GAP|N\/A|ERROR) +\S+ +\S/.test(l));
    expect(lines[firstIndicator]).toMatch(/^FAIL  2  Use of Approved Open Licenses$/);
    // Every problem indicator comes before every indicator that passes.
    const lastProblem = Math.max(...lines.map((l, i) => (/^(FAIL|GAP|ERROR) +\d/.test(l) ? i : -1)));
    const firstPass = lines.findIndex((l) => /^PASS +\d/.test(l));
    expect(lastProblem).toBeLessThan(firstPass);
    expect(text).toMatch(/^PASS  1  Relevance to Sustainable Development Goals  2 pass, 1 n\/a$/m);
    expect(text).not.toMatch(/^ {2}PASS /m);
    const steps = text.slice(text.indexOf('\nNext steps\n'));
    expect(steps).toMatch(/^ +1\. FAIL {2}2 /m);
    expect(steps.indexOf('FAIL')).toBeLessThan(steps.indexOf('GAP'));
    expect(overWide(text, 80)).toEqual([]);
  });

  it('wraps to the terminal\'s width on a terminal', async () => {
    const narrow = await textReport([], { isTTY: true, columns: 60 });
    const wide = await textReport([], { isTTY: true, columns: 160 });
    expect(overWide(narrow.text, 60)).toEqual([]);
    expect(overWide(wide.text, 160)).toEqual([]);
    expect(wide.text.split('\n').some((l) => l.length > 80)).toBe(true);
    expect(wide.text.split('\n').length).toBeLessThan(narrow.text.split('\n').length);
  });

  it('--quiet shows the problems only; --verbose every finding', async () => {
    const quiet = (await textReport(['--quiet'])).text;
    expect(quiet).toMatch(/^FAIL  2 /m);
    expect(quiet).toContain('→ Release each part under a licence');
    expect(quiet).not.toMatch(/^(PASS|N\/A) /m);
    expect(quiet).not.toContain('Next steps');
    expect(quiet).not.toContain('Advice');
    expect(quiet).not.toContain('Questionnaire');
    const normal = (await textReport([])).text;
    const verbose = (await textReport(['--verbose'])).text;
    expect(verbose).toMatch(/^ {2}PASS {2}Declared SDG relevance: SDG 3\./m);
    expect(normal).not.toContain('Declared SDG relevance');
    expect(quiet.split('\n').length).toBeLessThan(normal.split('\n').length);
    expect(normal.split('\n').length).toBeLessThan(verbose.split('\n').length);
  });
});
