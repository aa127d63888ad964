import { describe, it, expect } from 'vitest';
import { aggregate, INDICATOR_IDS, type Finding, type IndicatorId, type Report, type Status } from '../src/model.js';
import { validateReport, reportInconsistencies, loadReportSchema, REPORT_SCHEMA_ID } from '../src/reporters/schema.js';
import { renderJson } from '../src/reporters/json.js';
import { renderText, renderIndicatorMatrix, formatEvidence, sanitize } from '../src/reporters/text.js';
import { render, FORMATS, isFormat } from '../src/reporters/index.js';
import { buildReport } from './reporters-support.js';

const ESC = '\u001b';

function finding(indicator: IndicatorId, status: Status, extra: Partial<Finding> = {}): Finding {
  return {
    ruleId: `i${indicator}-example`,
    ruleAlias: `example-${indicator}`,
    indicator,
    level: 'requirement',
    status,
    messageId: 'example',
    message: `Indicator ${indicator} is ${status}.`,
    evidence: [],
    remediation: `Fix indicator ${indicator}.`,
    docsUrl: `https://digitalpublicgoods.net/standard#${indicator}`,
    ...extra,
  };
}

function passingReport(): Report {
  return buildReport([
    ...INDICATOR_IDS.filter((id) => id !== '9b').map((id) => finding(id, 'pass', { evidence: [{ kind: 'file', path: `docs/ind-${id}.md`, line: 3 }] })),
    finding('9b', 'n/a', { message: 'Does not apply to software.' }),
  ]);
}

/** Every status and every evidence kind. */
function mixedReport(): Report {
  return buildReport(
    [
      finding('1', 'pass', { message: 'SDG 3 is declared with an explanation.', evidence: [{ kind: 'declaration', path: 'dpg.yml', key: 'sdgs[0]', line: 4 }] }),
      finding('2', 'fail', {
        ruleId: 'i2-license-approved',
        ruleAlias: 'license-approved',
        message: 'CC-BY-ND-4.0 is not an approved licence for content',
        evidence: [
          { kind: 'file', path: 'LICENSE', line: 1, excerpt: 'Attribution-NoDerivatives 4.0 International' },
          { kind: 'declaration', path: 'dpg.yml', key: 'licenses[0].spdx', line: 12 },
        ],
        remediation: 'Relicense the content under CC-BY-4.0, CC-BY-SA-4.0 or CC0-1.0.',
        docsUrl: 'https://github.com/DPGAlliance/DPG-Standard/blob/main/standard.md#2-use-of-approved-open-licenses',
      }),
      finding('2', 'pass', { message: 'A licence file exists.', evidence: [{ kind: 'file', path: 'LICENSE' }] }),
      finding('3', 'gap', {
        message: 'No owner is named anywhere.',
        evidence: [
          { kind: 'host', key: 'owner', value: 'example-org' },
          { kind: 'note', text: 'No copyright line in LICENSE, NOTICE or README.' },
        ],
        remediation: 'Name the owner under `owner.name` in dpg.yml.',
      }),
      finding('5', 'pass', { evidence: [{ kind: 'url', url: 'https://example.org/docs' }] }),
      finding('8', 'error', { message: 'The rule did not finish within 5000 ms.', messageId: undefined, remediation: undefined }),
      finding('9b', 'n/a', { message: 'Does not apply to software.' }),
    ],
    {
      licenses: [
        { spdx: 'CC-BY-ND-4.0', path: 'LICENSE', confidence: 0.99, method: 'text', line: 1 },
        { spdx: 'CC-BY-ND-4.0', path: 'dpg.yml', confidence: 1, method: 'declared' },
        { spdx: 'MIT', path: 'host', confidence: 0.9, method: 'host' },
      ],
      ignored: [{ ruleId: 'i4-closed-components', reason: 'reviewed by hand' }, { path: 'vendor/**', reason: 'third-party code' }],
      warnings: ['skipped link out of the root: docs/outside'],
    },
  );
}

const clone = (report: Report): Record<string, unknown> => JSON.parse(JSON.stringify(report)) as Record<string, unknown>;

describe('report schema', () => {
  it('is a draft 2020-12 schema with the published $id', () => {
    const schema = loadReportSchema();
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.$id).toBe(REPORT_SCHEMA_ID);
    expect(REPORT_SCHEMA_ID).toBe('https://unpkg.com/dpg-check/schema/report.schema.json');
  });

  it('accepts the passing and mixed reports, and they are internally consistent', () => {
    for (const report of [passingReport(), mixedReport()]) {
      expect(validateReport(report)).toEqual([]);
      expect(reportInconsistencies(report)).toEqual([]);
    }
  });

  it('accepts the JSON output after a round trip', () => {
    expect(validateReport(JSON.parse(renderJson(mixedReport())))).toEqual([]);
  });

  it('accepts a report without a declaration and without optional fields', () => {
    const report = buildReport([finding('1', 'gap', { ruleAlias: undefined, messageId: undefined, remediation: undefined, docsUrl: undefined })], {
      candidate: { name: 'x', types: ['data', 'content'], sources: [], declaration: { path: null, valid: false, errors: ['dpg.yml:1:1 name: is required'] } },
      licenses: [],
    });
    expect(validateReport(JSON.parse(renderJson(report)))).toEqual([]);
  });

  const rejections: Array<[string, (r: Record<string, any>) => void, RegExp]> = [
    ['10 indicators', (r) => r.indicators.pop(), /^indicators: .*fewer than 11 items/],
    ['12 indicators', (r) => r.indicators.push({ ...r.indicators[0] }), /^indicators: .*more than 11 items/],
    [
      'indicators out of order',
      (r) => {
        [r.indicators[8], r.indicators[9]] = [r.indicators[9], r.indicators[8]];
      },
      /^indicators\[8\]\.id: must be "9a" \(got "9b"\)/,
    ],
    ['a bad finding status', (r) => (r.findings[1].status = 'failed'), /^findings\[1\]\.status: must be one of .*"n\/a".*\(got "failed"\)/],
    ['a bad verdict', (r) => (r.verdict = 'FAIL'), /^verdict: must be one of/],
    ['an unknown top-level key', (r) => (r.extra = true), /^\(report\): unknown key "extra"/],
    ['an unknown finding key', (r) => (r.findings[0].severity = 'high'), /^findings\[0\]: unknown key "severity"/],
    ['a confidence of 1.5', (r) => (r.licenses[0].confidence = 1.5), /^licenses\[0\]\.confidence: must be <= 1/],
    ['an unknown licence method', (r) => (r.licenses[0].method = 'guess'), /^licenses\[0\]\.method: must be one of/],
    ['reportVersion 1', (r) => (r.reportVersion = 1), /^reportVersion: must be 2/],
    ['an unknown evidence kind', (r) => (r.findings[1].evidence[0].kind = 'blob'), /^findings\[1\]\.evidence\[0\]: evidence "kind" must be one of/],
    ['file evidence without a path', (r) => delete r.findings[1].evidence[0].path, /^findings\[1\]\.evidence\[0\]: missing required key "path"/],
    ['a key of another evidence kind', (r) => (r.findings[3].evidence[1].url = 'https://x'), /^findings\[3\]\.evidence\[1\]: unknown key "url"/],
    ['a line of 0', (r) => (r.findings[1].evidence[0].line = 0), /^findings\[1\]\.evidence\[0\]\.line: must be >= 1/],
    ['missing timings', (r) => delete r.timings, /^\(report\): missing required key "timings"/],
    ['a negative file count', (r) => (r.timings.files = -1), /^timings\.files: must be >= 0/],
    ['an unknown solution type', (r) => (r.candidate.types = ['app']), /^candidate\.types\[0\]: must be one of/],
    ['a docs link that is not a URI', (r) => (r.findings[1].docsUrl = 'see the standard'), /^findings\[1\]\.docsUrl: must match format "uri"/],
    ['an ignored entry naming nothing', (r) => (r.ignored[0] = { reason: 'x' }), /^ignored\[0\]: must have one of the keys "ruleId", "path"$/],
  ];

  for (const [name, mutate, expected] of rejections) {
    it(`rejects ${name}, naming the problem`, () => {
      const report = clone(mixedReport());
      mutate(report);
      const problems = validateReport(report);
      expect(problems.length).toBeGreaterThan(0);
      expect(problems.some((p) => expected.test(p)), problems.join('\n')).toBe(true);
    });
  }

  it('says each problem once', () => {
    const report = clone(mixedReport());
    (report.ignored as object[])[0] = { reason: 'x' };
    (report.indicators as object[]).pop();
    expect(validateReport(report)).toEqual(['indicators: must NOT have fewer than 11 items (got 10)', 'ignored[0]: must have one of the keys "ruleId", "path"']);
  });

  it('rejects a non-object with a message', () => {
    expect(validateReport(null)[0]).toMatch(/^\(report\): must be object/);
  });

  it('reports inconsistent verdicts that the schema cannot see', () => {
    const report = mixedReport();
    report.indicators[1] = { ...report.indicators[1]!, verdict: 'pass' };
    report.verdict = 'gap';
    expect(validateReport(report)).toEqual([]);
    expect(reportInconsistencies(report)).toEqual([
      'indicators[1].verdict: is "pass" but its findings aggregate to "fail"',
      'verdict: is "gap" but the findings aggregate to "fail"',
    ]);
  });
});

describe('renderJson', () => {
  it('is pretty-printed with 2 spaces and ends with one newline', () => {
    const json = renderJson(passingReport());
    expect(json.endsWith('}\n')).toBe(true);
    expect(json.endsWith('\n\n')).toBe(false);
    expect(json.split('\n')[1]).toBe('  "reportVersion": 2,');
  });

  it('writes keys in the contract order whatever order the objects were built in', () => {
    const report = mixedReport();
    const shuffled = Object.fromEntries(Object.entries(report).reverse()) as unknown as Report;
    shuffled.findings = report.findings.map((f) => Object.fromEntries(Object.entries(f).reverse()) as unknown as Finding);
    shuffled.candidate = Object.fromEntries(Object.entries(report.candidate).reverse()) as unknown as Report['candidate'];
    const parsed = JSON.parse(renderJson(shuffled)) as Record<string, Record<string, unknown>[]> & { candidate: object };
    expect(Object.keys(parsed)).toEqual(['reportVersion', 'tool', 'standard', 'candidate', 'verdict', 'indicators', 'findings', 'licenses', 'timings', 'ignored', 'warnings']);
    expect(Object.keys(parsed.candidate)).toEqual(['name', 'types', 'sources', 'declaration']);
    expect(Object.keys(parsed.findings[1]!)).toEqual(['ruleId', 'ruleAlias', 'indicator', 'level', 'status', 'messageId', 'message', 'evidence', 'remediation', 'docsUrl']);
    expect(Object.keys((parsed.findings[1]!.evidence as object[])[1]!)).toEqual(['kind', 'path', 'key', 'line']);
    expect(renderJson(shuffled)).toBe(renderJson(report));
  });

  it('keeps keys it does not know, after the known ones, so schema tests see drift', () => {
    const report = { ...passingReport(), surprise: 1 } as unknown as Report;
    const parsed = JSON.parse(renderJson(report)) as object;
    expect(Object.keys(parsed).at(-1)).toBe('surprise');
    expect(validateReport(parsed)).toEqual(['(report): unknown key "surprise"']);
  });

  it('loses nothing: the output parses back to the same report', () => {
    expect(JSON.parse(renderJson(mixedReport()))).toEqual(clone(mixedReport()));
  });
});

const WIDE = { color: false, width: 400 } as const;

describe('renderText', () => {
  it('without colour has no escape codes and shows the verdict words, evidence lines and next steps', () => {
    const text = renderText(mixedReport(), WIDE);
    expect(text).not.toContain(ESC);
    expect(text).toMatch(/^Verdict FAIL {2}indicators: 1 fail, 1 with errors, 1 with gaps, 2 pass, 6 not applicable$/m);
    expect(text).toMatch(/^FAIL  2  Use of Approved Open Licenses$/m);
    expect(text).toMatch(/^GAP   3  Clear Ownership$/m);
    expect(text).toMatch(/^ERROR 8  Adherence to Standards & Best Practices$/m);
    expect(text).toMatch(/^N\/A   9b Inappropriate & Illegal Content {2}1 n\/a$/m);
    expect(text).toMatch(/^PASS  1  Relevance to Sustainable Development Goals {2}1 pass$/m);
    expect(text).toMatch(/^N\/A   4  Platform Independence {2}no findings$/m);
    expect(text).toMatch(/^ {2}FAIL  CC-BY-ND-4\.0 is not an approved licence for content {2}i2-license-approved$/m);
    expect(text).toMatch(/^ {8}LICENSE:1$/m);
    expect(text).toMatch(/^ {8}dpg\.yml:12 licenses\[0\]\.spdx$/m);
    expect(text).toMatch(/^ {8}host owner = example-org$/m);
    expect(text).toMatch(/^ {8}No copyright line in LICENSE, NOTICE or README\.$/m);
    expect(text).toMatch(/^ {8}→ Relicense the content under CC-BY-4\.0, CC-BY-SA-4\.0 or CC0-1\.0\.$/m);
    expect(text).toContain('https://github.com/DPGAlliance/DPG-Standard/blob/main/standard.md#2-use-of-approved-open-licenses');
    expect(text).toMatch(/^ {8}→ Name the owner/m);
  });

  it('leads with the problems: failing indicators, then errors, then gaps; then the rest in order', () => {
    const text = renderText(mixedReport(), WIDE);
    const ids = [...text.matchAll(/^(?:PASS|FAIL|GAP|N\/A|ERROR)\s+(\S+)\s/gm)].map((m) => m[1]);
    expect(ids).toEqual(['2', '8', '3', '1', '4', '5', '6', '7', '9a', '9b', '9c']);
    // Nothing but the header and the verdict comes before the first problem.
    const lines = text.split('\n');
    expect(lines.findIndex((l) => l.startsWith('FAIL  2 '))).toBe(lines.findIndex((l) => l.startsWith('Verdict ')) + 2);
  });

  it('folds passes into one line per indicator; --verbose lists them with their evidence', () => {
    const folded = renderText(passingReport(), WIDE);
    expect(folded).toMatch(/^PASS  1  Relevance to Sustainable Development Goals {2}1 pass$/m);
    expect(folded).not.toContain('Indicator 1 is pass.');
    expect(folded).not.toContain('docs/ind-1.md');
    // The pass of a failing indicator is counted under it.
    expect(renderText(mixedReport(), WIDE)).toMatch(/^FAIL  2 [^]*?^ {8}\(also 1 pass; --verbose lists them\)$/m);
    expect(renderText(mixedReport(), WIDE)).not.toContain('A licence file exists.');
    const verbose = renderText(passingReport(), { ...WIDE, verbose: true });
    expect(verbose).toMatch(/^ {2}PASS  Indicator 1 is pass\./m);
    expect(verbose).toMatch(/^ {8}docs\/ind-1\.md:3$/m);
    expect(renderText(mixedReport(), { ...WIDE, verbose: true })).toContain('A licence file exists.');
  });

  it('shows the header: name, types, source and revision, declaration, standard version', () => {
    const text = renderText(mixedReport(), { color: false });
    expect(text.split('\n')[0]).toBe('Example (software)');
    expect(text).toContain('source       local . @ 3f2a9c0d1e4b5a6978877665544332211000ffee');
    expect(text).toContain('declaration  dpg.yml (valid)');
    expect(text).toContain('standard     DPG Standard 1.1.7');
    const none = renderText(buildReport([], { candidate: { name: 'x', types: ['data'], sources: [], declaration: { path: null, valid: false } } }), { color: false });
    expect(none).toContain('declaration  no declaration');
  });

  it('shows declaration errors in the header', () => {
    const report = buildReport([], { candidate: { name: 'x', types: ['data'], sources: [], declaration: { path: 'dpg.yml', valid: false, errors: ['dpg.yml:3:1 sdgs: must be array'] } } });
    const text = renderText(report, { color: false });
    expect(text).toContain('declaration  dpg.yml (invalid)');
    expect(text).toContain('    dpg.yml:3:1 sdgs: must be array');
  });

  it('ends with a summary counting findings by status, and the timings', () => {
    const text = renderText(mixedReport(), WIDE);
    const last = text.trimEnd().split('\n').at(-1);
    expect(last).toBe('7 findings: 3 pass, 1 fail, 1 gap, 1 n/a, 1 error; 2 items ignored by configuration; 1 warning — checked 17 files in 42 ms');
    expect(text).toContain('skipped link out of the root: docs/outside');
  });

  it('shows next steps only for fails, gaps and errors', () => {
    const text = renderText(mixedReport(), WIDE);
    expect(text).not.toContain('Fix indicator 1.');
    expect(text).not.toContain('Fix indicator 9b.');
  });

  it('closes with the next steps ranked: fails before gaps, requirement before advice, cheapest fix first', () => {
    const report = buildReport([
      finding('5', 'gap', { ruleId: 'add-file', remediation: 'Add docs/API.md describing the API.' }),
      finding('3', 'gap', { ruleId: 'relicense', remediation: 'Relicense the third-party images.' }),
      finding('7', 'gap', { ruleId: 'advice-answer', level: 'advice', remediation: 'Answer `authorizedRespondent` in dpg.yml.' }),
      finding('6', 'gap', { ruleId: 'answer', remediation: 'Answer `dataExtraction.mechanism` in dpg.yml.' }),
      finding('2', 'fail', { ruleId: 'fail-late', remediation: 'Replace the licence of the content.' }),
      finding('1', 'pass', { ruleId: 'passes', remediation: 'Nothing to do.' }),
    ]);
    const text = renderText(report, WIDE);
    const steps = text.slice(text.indexOf('Next steps')).split('\n').slice(1).filter((l) => /^ +\d+\. /.test(l));
    expect(steps.map((l) => l.trim().split(/\s+/).at(-1) === '(advice)' ? l.trim().split(/\s+/).at(-2) : l.trim().split(/\s+/).at(-1)))
      .toEqual(['fail-late', 'answer', 'add-file', 'relicense', 'advice-answer']);
    expect(steps[0]).toMatch(/^ {2}1\. FAIL {2}2 {2}Replace the licence of the content\. {2}fail-late$/);
    expect(steps[4]).toMatch(/advice-answer \(advice\)$/);
    expect(text).not.toContain('Nothing to do.');
  });

  it('says a next step or a link that several findings share once', () => {
    const shared = { remediation: 'Declare the standards in `standards.standards`.', docsUrl: 'https://example.org/standards' };
    const report = buildReport([
      finding('8', 'gap', { ruleId: 'evidence', message: 'Evidence 1 is not a file.', ...shared }),
      finding('8', 'gap', { ruleId: 'evidence', message: 'Evidence 2 is not a file.', ...shared }),
      finding('8', 'gap', { ruleId: 'other', message: 'Something else.', remediation: 'Do another thing.', docsUrl: shared.docsUrl }),
      finding('8', 'gap', { ruleId: 'later', message: 'Evidence 3 is not a file.', ...shared }),
    ]);
    const text = renderText(report, WIDE);
    expect(text.split('Declare the standards in `standards.standards`.').length - 1).toBe(2); // the finding, and the ranked list
    expect(text.split('https://example.org/standards').length - 1).toBe(1);
    // The two neighbours of one rule share the line after the second; a later finding points back.
    expect(text).toMatch(/Evidence 1 is not a file\. {2}evidence\n {2}GAP {3}Evidence 2/);
    expect(text).toMatch(/Evidence 3 is not a file\. {2}later\n {8}→ the same next step as evidence above/);
    expect(text.match(/^ +\d+\. /gm)).toHaveLength(2);
  });

  it('wraps lines at the width given, keeping a word longer than a line whole', () => {
    const url = `https://example.org/${'very-long-path/'.repeat(8)}`;
    const report = buildReport([
      finding('3', 'gap', {
        message: 'A long message that goes on and on about ownership, licences, contributors and what a reviewer needs to see before the indicator can pass.',
        evidence: [{ kind: 'url', url }],
        remediation: 'Name the owner under `owner.name` in dpg.yml, link evidence of ownership in `owner.evidence`, and say who may speak for the project.',
      }),
    ]);
    for (const width of [40, 60, 80, 120]) {
      const lines = renderText(report, { color: false, width }).trimEnd().split('\n');
      const over = lines.filter((l) => [...l].length > width);
      expect(over.every((l) => l.trim().split(' ').length === 1 || l.includes(url)), `width ${width}: ${over.join('\n')}`).toBe(true);
      expect(lines.some((l) => l.includes(url))).toBe(true);
    }
    const narrow = renderText(report, { color: false, width: 60 }).split('\n').length;
    const wide = renderText(report, { color: false, width: 120 }).split('\n').length;
    expect(narrow).toBeGreaterThan(wide);
    // Continuation lines of a finding are indented under its message.
    expect(renderText(report, { color: false, width: 60 })).toMatch(/^ {2}GAP {3}A long message.*\n {8}\S/m);
    // 80 columns when no width is given.
    expect(renderText(report, { color: false })).toBe(renderText(report, { color: false, width: 80 }));
  });

  it('does not ask again an unanswered question a finding above asks', () => {
    const report = buildReport([finding('3', 'gap', { message: 'Unanswered: set `owner.name`.', evidence: [{ kind: 'declaration', path: 'dpg.yml', key: 'owner' }] })], {
      questionnaire: {
        answered: 1, total: 3,
        unanswered: [
          { indicator: '3', question: 'Who owns it?', key: 'owner.name' },
          { indicator: 'general', question: 'Website', key: 'website' },
        ],
      },
    } as Partial<Report>);
    const text = renderText(report, WIDE);
    expect(text).toContain('Questionnaire 1 of 3 application questions answered (1 of the unanswered asked above)');
    expect(text).not.toContain('Who owns it?');
    expect(text).toMatch(/^ {2}- {2}Website {2}website$/m);
    expect(renderText(report, { ...WIDE, verbose: true })).toContain('Who owns it?');
  });

  it('with colour contains escape codes, and the words are still there', () => {
    const text = renderText(mixedReport(), { color: true });
    expect(text).toContain(ESC);
    expect(text).toContain('\u001b[31mFAIL\u001b[39m');
    expect(text).toContain('\u001b[32mPASS\u001b[39m');
    expect(text).toContain('\u001b[33mGAP\u001b[39m');
    expect(text).toContain('\u001b[35mERROR\u001b[39m');
    // eslint-disable-next-line no-control-regex
    expect(text.replace(/\u001b\[[0-9;]*m/g, '')).toBe(renderText(mixedReport(), { color: false }));
  });

  it('quiet shows the problems only: failing, gap and error indicators and their non-pass findings, plus the summary', () => {
    const text = renderText(mixedReport(), { ...WIDE, quiet: true });
    expect(text).not.toContain(ESC);
    expect(text).toMatch(/^FAIL  2 /m);
    expect(text).toMatch(/^GAP   3 /m);
    expect(text).toMatch(/^ERROR 8 /m);
    expect(text).not.toMatch(/^PASS /m);
    expect(text).not.toMatch(/^N\/A /m);
    expect(text).not.toContain('A licence file exists.'); // the pass finding of a failing indicator
    expect(text).not.toContain('also 1 pass');
    expect(text).not.toContain('Does not apply');
    expect(text).not.toContain('source ');
    expect(text).not.toContain('Next steps');
    expect(text).toContain('→ Relicense the content');
    expect(text.trimEnd().split('\n').at(-1)).toMatch(/^7 findings: .* — checked 17 files in 42 ms$/);
  });

  it('quiet on a passing report prints the verdict and the summary only', () => {
    const lines = renderText(passingReport(), { color: false, quiet: true }).trimEnd().split('\n').filter(Boolean);
    expect(lines).toEqual(['Verdict PASS  Example', '11 findings: 10 pass, 0 fail, 0 gap, 1 n/a, 0 error — checked 17 files in 42 ms']);
  });

  it('verbose adds excerpts, aliases, message ids, licences and ignored items', () => {
    const text = renderText(mixedReport(), { ...WIDE, verbose: true });
    expect(text).toMatch(/^ {8}LICENSE:1 {2}"Attribution-NoDerivatives 4\.0 International"$/m);
    expect(text).toContain('i2-license-approved · license-approved · example');
    expect(text).toContain('  CC-BY-ND-4.0  LICENSE:1  (text, confidence 0.99)');
    expect(text).toContain('  rule i4-closed-components: reviewed by hand');
    expect(text).toContain('  path vendor/**: third-party code');
    expect(text).toContain('snapshot 30 ms, rules 12 ms');
    expect(renderText(mixedReport(), { color: false })).not.toContain('Attribution-NoDerivatives');
  });

  it('neutralises terminal control characters coming from the candidate', () => {
    const report = buildReport([
      finding('3', 'gap', {
        message: 'Owner \u001b[2Jcleared\nsecond line',
        evidence: [{ kind: 'file', path: 'evil\u001b]0;title\u0007.md', line: 2 }, { kind: 'note', text: 'abc\u202edcba' }],
      }),
    ]);
    const text = renderText(report, { color: false });
    expect(text).not.toContain(ESC);
    expect(text).not.toContain('\u0007');
    expect(text).not.toContain('\u202e');
    expect(text).toContain('Owner \\x1b[2Jcleared second line');
    expect(text).toContain('evil\\x1b]0;title\\x07.md:2');
    expect(text).toContain('abc\\u202edcba');
  });
});

describe('formatEvidence and sanitize', () => {
  it('formats each evidence kind on one line', () => {
    expect(formatEvidence({ kind: 'file', path: 'src/a.ts', line: 3, column: 7 })).toBe('src/a.ts:3:7');
    expect(formatEvidence({ kind: 'file', path: 'README.md' })).toBe('README.md');
    expect(formatEvidence({ kind: 'declaration', path: 'dpg.yml', key: 'owner.name' })).toBe('dpg.yml owner.name');
    expect(formatEvidence({ kind: 'host', key: 'topics' })).toBe('host topics');
    expect(formatEvidence({ kind: 'url', url: 'https://a.example/b' })).toBe('https://a.example/b');
  });

  it('leaves ordinary text, including non-ASCII, untouched', () => {
    expect(sanitize('Überprüfung — 日本語 ✓')).toBe('Überprüfung — 日本語 ✓');
  });
});

describe('renderIndicatorMatrix', () => {
  it('has one line per indicator in order, with verdict words and counts', () => {
    const lines = renderIndicatorMatrix(mixedReport()).trimEnd().split('\n');
    expect(lines).toHaveLength(11);
    expect(lines.map((l) => l.split(/\s+/)[0])).toEqual([...INDICATOR_IDS]);
    expect(lines[1]).toMatch(/^2 {2}FAIL  Use of Approved Open Licenses +1 pass, 1 fail$/);
    expect(lines[3]).toMatch(/^4 {2}N\/A   Platform Independence +no findings$/);
    expect(renderIndicatorMatrix(mixedReport())).not.toContain(ESC);
    expect(renderIndicatorMatrix(mixedReport(), { color: true })).toContain(ESC);
  });
});

describe('render', () => {
  it('dispatches every listed format', () => {
    expect([...FORMATS]).toEqual(['text', 'json', 'markdown', 'sarif', 'junit', 'html']);
    expect(render(mixedReport(), 'json', { color: true })).toBe(renderJson(mixedReport()));
    expect(render(mixedReport(), 'text', { color: false, quiet: true })).toBe(renderText(mixedReport(), { color: false, quiet: true }));
    expect(isFormat('json')).toBe(true);
    expect(isFormat('yaml')).toBe(false);
  });

  it('JSON is the same whatever the text options, and has no colour', () => {
    const json = render(mixedReport(), 'json', { color: true, quiet: true });
    expect(json).not.toContain(ESC);
    expect((JSON.parse(json) as Report).findings).toHaveLength(7);
  });

  it('rejects an unknown format', () => {
    expect(() => render(mixedReport(), 'yaml' as never, { color: false })).toThrow(/unknown report format "yaml"/);
  });
});
