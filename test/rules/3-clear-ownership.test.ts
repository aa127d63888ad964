import { describe, it, expect } from 'vitest';
import { RuleTester, runRuleCase } from '../../src/testing/rule-tester.js';
import type { Declaration } from '../../src/declaration/types.js';
import { rules } from '../../rules/3-clear-ownership/index.js';
import { ownerNamed as ownerNamedDraft } from '../../rules/3-clear-ownership/owner-named.js';
import { ownershipEvidence as ownershipEvidenceDraft } from '../../rules/3-clear-ownership/ownership-evidence.js';
import { redistributionRights as redistributionRightsDraft } from '../../rules/3-clear-ownership/redistribution-rights.js';
import { parseCopyrightLine } from '../../rules/lib/copyright.js';
import { copyrightConsistent as copyrightConsistentDraft } from '../../rules/3-clear-ownership/copyright-consistent.js';
import { contributorAgreement as contributorAgreementDraft } from '../../rules/3-clear-ownership/contributor-agreement.js';
import { compareNames, headerSampleFiles, sampleHeaderCopyright } from '../../rules/lib/holders.js';
import { createMemorySnapshot } from '../../src/snapshot/memory.js';
import { builtIn } from '../rules-support.js';

const ownerNamed = builtIn(ownerNamedDraft);
const ownershipEvidence = builtIn(ownershipEvidenceDraft);
const redistributionRights = builtIn(redistributionRightsDraft);
const copyrightConsistent = builtIn(copyrightConsistentDraft);
const contributorAgreement = builtIn(contributorAgreementDraft);

const base: Declaration = { name: 'Example', types: ['software'] };
const MIT = 'MIT License\n\nCopyright (c) 2019-2024 Example Foundation\n\nPermission is hereby granted, free of charge, to any person obtaining a copy\nTHE SOFTWARE IS PROVIDED BY THE COPYRIGHT HOLDERS "AS IS"\n';
const GPL = '                    GNU GENERAL PUBLIC LICENSE\n                       Version 3, 29 June 2007\n\n Copyright (C) 2007 Free Software Foundation, Inc. <https://fsf.org/>\n\n    <one line to give the program\'s name and a brief idea of what it does.>\n    Copyright (C) <year>  <name of author>\n';
const APACHE_APPENDIX = '   Copyright [yyyy] [name of copyright owner]\n\n   Licensed under the Apache License, Version 2.0\n';

describe('indicator 3 rules', () => {
  it('exports the rules with stable ids', () => {
    expect(rules.map((r) => `${r.meta.id} ${r.meta.alias}`)).toEqual(['dpg-3-01 owner-named', 'dpg-3-02 ownership-evidence', 'dpg-3-03 redistribution-rights', 'dpg-3-04 copyright-consistent', 'dpg-3-05 contributor-agreement']);
  });
});

describe('copyright lines', () => {
  it.each([
    ['Copyright (c) 2024 Example Org', 'Example Org', '2024'],
    ['// Copyright 2015-2023 The Foo Authors. All rights reserved.', 'The Foo Authors', '2015-2023'],
    ['© 2021, Ministry of Health <info@health.example>', 'Ministry of Health', '2021'],
    ['Copyright © 2020 [OpenCRVS](https://opencrvs.org)', 'OpenCRVS', '2020'],
    [' * Copyright (C) Jane Doe', 'Jane Doe', undefined],
    ['Copyright: 2018 to present, UNICEF', 'UNICEF', '2018 to present'],
    ['(c) 2019 Open Data Kenya', 'Open Data Kenya', '2019'],
    ['// SPDX-FileCopyrightText: 2023 Open Health Collective <dev@ohc.example>', 'Open Health Collective', '2023'],
    ['# SPDX-FileCopyrightText: © Jane Doe', 'Jane Doe', undefined],
    ['© 2024 Digital Public Goods Alliance, CC-BY-SA-4.0.', 'Digital Public Goods Alliance', '2024'],
    ['Copyright 2020 Example Org, licensed under the MIT licence', 'Example Org', '2020'],
  ])('reads %j', (line, holder, years) => {
    expect(parseCopyrightLine(line)).toEqual(years ? { holder, years } : { holder });
  });

  it.each([
    'THE SOFTWARE IS PROVIDED BY THE COPYRIGHT HOLDERS AND CONTRIBUTORS "AS IS"',
    'Copyright notice and this permission notice shall be included',
    '    Copyright (C) <year>  <name of author>',
    '   Copyright [yyyy] [name of copyright owner]',
    ' Copyright (C) 2007 Free Software Foundation, Inc. <https://fsf.org/>',
    'Copyright (c) 2024',
    'copyright law',
    '(c) You must retain, in the Source form of any Derivative Works that You distribute, all copyright notices',
  ])('ignores %j', (line) => {
    expect(parseCopyrightLine(line)).toBeUndefined();
  });
});

RuleTester.run(ownerNamed, {
  valid: [
    { name: 'owner.name declared', declaration: { ...base, owner: { name: 'Example Foundation' } }, expect: [{ status: 'pass', messageId: 'named', evidence: 'owner.name' }] },
    {
      name: 'an organisation with the owner role, copyright lines as extra evidence',
      files: { LICENSE: MIT },
      declaration: { ...base, organizations: [{ name: 'Funder', role: 'funder' }, { name: 'Example Foundation', role: 'owner' }] },
      expect: [{ status: 'pass', messageId: 'named', evidence: 'LICENSE' }],
    },
    // "documented [...] through copyright": a copyright notice is ownership documentation, even with owner.name unanswered.
    {
      name: 'declaration without owner, copyright in NOTICE and README',
      files: { NOTICE: 'Example\nCopyright 2020 Ministry of Health\n', 'README.md': '# X\n\n© 2022 Health Lab\n' },
      declaration: { ...base, owner: { name: 'N/A' }, organizations: [{ name: 'Funder', role: 'funder' }] },
      expect: [{ status: 'pass', messageId: 'copyrightOnly', evidence: 'NOTICE' }],
    },
    {
      name: 'no owner named, the maintainer organisation holds the copyright in the source headers',
      declaration: { ...base, organizations: [{ name: 'Google', role: 'maintainer' }] },
      files: { LICENSE: GPL + APACHE_APPENDIX, 'engine/src/a.kt': '/*\n * Copyright 2023 Google LLC\n */\n', 'engine/src/b.kt': '/*\n * Copyright 2022-2024 Google LLC\n */\n' },
      expect: [{ status: 'pass', messageId: 'headersOrganisation', evidence: 'engine/src/a.kt' }],
    },
  ],
  invalid: [
    { name: 'no declaration, no copyright line', declaration: null, files: { LICENSE: GPL + APACHE_APPENDIX }, host: { owner: 'example-org' }, expect: [{ status: 'gap', messageId: 'noDeclaration' }] },
    { name: 'no declaration, copyright line in LICENSE', declaration: null, files: { LICENSE: MIT }, expect: [{ status: 'gap', messageId: 'noDeclarationCopyright', evidence: 'LICENSE' }] },
    { name: 'declaration without owner, nothing in the repository', declaration: base, files: { 'src/a.ts': '' }, expect: [{ status: 'gap', messageId: 'noOwner', evidence: 'owner.name' }] },
    {
      // openbaraza's pattern: the only copyright lines are those of the jQuery plugins an admin theme ships, and a
      // test fixture's licence: none names the candidate's owner.
      name: 'declaration without owner, copyright lines only in vendored plugins and a test fixture',
      declaration: base,
      files: {
        LICENSE: GPL,
        'assets/global/plugins/bootstrap-hover-dropdown/LICENSE': 'The MIT License (MIT)\n\nCopyright (c) 2013 Cameron Spear\n',
        'test/fixtures/pkg/LICENSE': 'MIT License\n\nCopyright (c) 2020 Fixture Author\n',
      },
      expect: [{ status: 'gap', messageId: 'noOwner', evidence: 'owner.name' }],
    },
    {
      name: 'no owner, a maintainer declared, headers naming another holder',
      declaration: { ...base, organizations: [{ name: 'Example Maintainers', role: 'maintainer' }] },
      files: { 'src/a.kt': '/*\n * Copyright 2023 Other Corp\n */\n', 'src/b.kt': '/*\n * Copyright 2023 Other Corp\n */\n' },
      expect: [{ status: 'gap', messageId: 'noOwner', evidence: 'owner.name' }],
    },
  ],
});

describe('owner-named messages', () => {
  it('names the copyright holder found', async () => {
    const [finding] = await runRuleCase(ownerNamed, { name: 'c', declaration: base, files: { LICENSE: MIT } });
    expect(finding?.message).toContain('"Example Foundation" (LICENSE line 3)');
    expect(finding?.message).toContain('Ownership is documented through copyright');
    expect(finding?.status).toBe('pass');
  });

  it('mentions the host account when nothing else names anyone', async () => {
    const [finding] = await runRuleCase(ownerNamed, { name: 'h', declaration: base, files: { 'a.txt': '' }, host: { owner: 'example-org' } });
    expect(finding?.message).toContain('"example-org"');
  });
});

RuleTester.run(ownershipEvidence, {
  valid: [
    { name: 'URL evidence', declaration: { ...base, owner: { name: 'X', evidence: ['https://example.org/about'] } }, expect: [{ status: 'pass', messageId: 'evidenced', evidence: 'https://example.org/about' }] },
    { name: 'file evidence present', files: { NOTICE: 'Copyright 2020 X' }, declaration: { ...base, owner: { name: 'X', evidence: ['NOTICE', 'https://x.org'] } }, expect: [{ status: 'pass', messageId: 'evidenced', evidence: 'NOTICE' }] },
    {
      // primero: no evidence linked, and its LICENSE says "Copyright (c) 2014 UNICEF. All rights reserved."
      name: 'no evidence linked, a copyright line naming the declared owner',
      files: { LICENSE: MIT },
      declaration: { ...base, owner: { name: 'The Example Foundation' } },
      expect: [{ status: 'pass', messageId: 'copyrightNamesOwner', evidence: 'LICENSE', message: /LICENSE \(line 3\), "Copyright \(c\) 2019-2024 Example Foundation", names the declared owner The Example Foundation/ }],
    },
  ],
  invalid: [
    { name: 'no declaration', declaration: null, expect: [{ status: 'gap', messageId: 'noDeclaration' }] },
    { name: 'no evidence, copyright line suggested', files: { LICENSE: MIT }, declaration: { ...base, owner: { name: 'X' } }, expect: [{ status: 'gap', messageId: 'noEvidence', evidence: 'LICENSE' }] },
    { name: 'no owner at all', declaration: base, expect: [{ status: 'gap', messageId: 'noEvidence', evidence: 'owner.evidence' }] },
    {
      name: 'missing and outside paths',
      files: { 'README.md': '' },
      declaration: { ...base, owner: { evidence: ['/etc/passwd', 'docs/ownership.md', 'https://x.org'] } },
      expect: [{ status: 'gap', messageId: 'outsidePaths' }, { status: 'gap', messageId: 'missingPaths', evidence: 'owner.evidence' }],
    },
  ],
});

RuleTester.run(redistributionRights, {
  valid: [
    { name: 'owns everything', declaration: { ...base, owner: { ownsAll: true } }, expect: [{ status: 'pass', messageId: 'ownsAll', evidence: 'owner.ownsAll' }] },
    {
      name: 'not everything owned, evidence and CLA',
      files: { 'CLA.md': 'Contributor agreement' },
      declaration: { ...base, owner: { ownsAll: false, redistributionRights: { evidence: ['https://x.org/agreement'] }, contributorAgreement: 'CLA.md' } },
      expect: [{ status: 'pass', messageId: 'rightsEvidenced', evidence: 'CLA.md' }],
    },
    { name: 'not everything owned, CLA link only', declaration: { ...base, owner: { ownsAll: false, contributorAgreement: 'https://cla.example.org' } }, expect: [{ status: 'pass', messageId: 'rightsEvidenced' }] },
  ],
  invalid: [
    { name: 'no declaration', declaration: null, expect: [{ status: 'gap', messageId: 'noDeclaration' }] },
    { name: 'unanswered, no owner block', declaration: base, expect: [{ status: 'gap', messageId: 'unanswered', evidence: 'owner' }] },
    { name: 'unanswered, owner block without ownsAll', declaration: { ...base, owner: { name: 'X' } }, expect: [{ status: 'gap', messageId: 'unanswered' }] },
    { name: 'not owned, nothing given, CLA false', declaration: { ...base, owner: { ownsAll: false, contributorAgreement: false } }, expect: [{ status: 'gap', messageId: 'noRights' }] },
    { name: 'not owned, described only', declaration: { ...base, owner: { ownsAll: false, redistributionRights: { description: 'All photos are licensed from the agency.' } } }, expect: [{ status: 'gap', messageId: 'descriptionOnly' }] },
    {
      name: 'not owned, evidence paths broken',
      files: { 'README.md': '' },
      declaration: { ...base, owner: { ownsAll: false, redistributionRights: { evidence: ['legal/agreement.pdf'] }, contributorAgreement: '../CLA.md' } },
      expect: [{ status: 'gap', messageId: 'badLinks', evidence: 'owner.redistributionRights.evidence' }, { status: 'gap', messageId: 'badLinks', evidence: 'owner.contributorAgreement' }],
    },
  ],
});

describe('redistribution-rights messages', () => {
  it('names the questionnaire question when unanswered', async () => {
    const [finding] = await runRuleCase(redistributionRights, { name: 'q', declaration: base });
    expect(finding?.message).toContain('"Do you own all of the code, content and/or data in this solution?"');
  });
});

// ---------------------------------------------------------------------------
// Deeper evidence (issue 7): copyright holders against the declared and host owner; CLA / DCO.

const FIXTURE = 'fixtures/candidates-evidence/ownership';
const owned = (name: string): Declaration => ({ ...base, owner: { name } });

describe('owner names compared fuzzily, with the reason', () => {
  it.each([
    ['Open Health Collective', 'openhealth', 'likely', '"openhealth" is "Open Health Collective" run together, leaving out "collective"'],
    ['Open Health Collective Ltd.', 'open-health-collective', 'same', 'ignoring case, accents, punctuation and "ltd"'],
    ['OHC', 'Open Health Collective', 'likely', 'initials'],
    ['World Health Organization', 'WHO', 'likely', 'initials'],
    ['Health Information Systems Programme (HISP), University of Oslo', 'University of Oslo', 'likely', 'every word of "University of Oslo"'],
    ['Fundación Sadosky', 'Fundacion Sadosky', 'same', 'accents'],
    ['Open Health Collective', 'Open Data Collective', 'different', 'share only'],
    ['Jane Doe', 'Open Health Collective', 'different', 'no word in common'],
    ['dhis2', 'HISP', 'different', 'no word in common'],
  ] as const)('%j vs %j → %s', (a, b, verdict, reason) => {
    const match = compareNames(a, b);
    expect(match.verdict).toBe(verdict);
    expect(match.reason).toContain(reason);
  });
});

describe('source-file header sample', () => {
  it('is bounded, spread across top-level folders and skips vendored, generated and fixture trees', () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 100; i++) files[`big/f${String(i).padStart(3, '0')}.ts`] = '// Copyright 2020 Big Folder Org\n';
    files['small/only.py'] = '# Copyright 2021 Small Folder Org\n';
    files['vendor/x.js'] = '// Copyright 2014 Vendor Inc\n';
    files['dist/bundle.js'] = '// Copyright 2014 Built Inc\n';
    files['test/fixtures/a.ts'] = '// Copyright 2014 Fixture Inc\n';
    files['src/types.d.ts'] = '// Copyright 2014 Typings Inc\n';
    // ihris' pattern: a bundle with a content hash in its name, whose first header is a library's (vue-i18n).
    files['apps/translator/assets/index-4c80bdd4.js'] = '/*!\n * Copyright (c) 2023 kazuya kawaguchi\n */\n';
    const snapshot = createMemorySnapshot(files);
    const picked = headerSampleFiles(snapshot, 10);
    expect(picked).toHaveLength(10);
    expect(picked).toContain('small/only.py');
    expect(picked.some((p) => /vendor|dist|fixtures|\.d\.ts|index-4c80bdd4/.test(p))).toBe(false);
    const sample = sampleHeaderCopyright(snapshot, 10);
    expect(sample.sampled).toBe(10);
    expect(new Set(sample.lines.map((l) => l.holder))).toEqual(new Set(['Big Folder Org', 'Small Folder Org']));
  });
  it('reads only the first lines of a file', () => {
    const late = `${'x = 1\n'.repeat(40)}# Copyright 2020 Late Org\n`;
    expect(sampleHeaderCopyright(createMemorySnapshot({ 'a.py': late })).lines).toEqual([]);
  });
});

RuleTester.run(copyrightConsistent, {
  valid: [
    { name: 'fixture: NOTICE names the owner (legal form ignored), headers name it and others', fixture: FIXTURE, expect: [{ status: 'pass', messageId: 'consistent', evidence: 'NOTICE' }] },
    { name: 'LICENSE names the declared owner exactly', files: { LICENSE: MIT }, declaration: owned('Example Foundation'), expect: [{ status: 'pass', messageId: 'consistent', evidence: 'LICENSE' }] },
    { name: 'collective notice "The X Authors" where X is the project', files: { LICENSE: 'Copyright 2023 The Example Authors\n' }, declaration: owned('Example Health Trust'), expect: [{ status: 'pass', messageId: 'consistent' }] },
    { name: 'no notice; the host account is the owner run together', files: { 'README.md': '# x\n' }, host: { owner: 'examplefoundation' }, declaration: owned('Example Foundation'), expect: [{ status: 'pass', messageId: 'hostOnly' }] },
    { name: 'no owner declared: nothing to compare (owner-named reports it)', files: { LICENSE: MIT }, declaration: base, expect: [{ status: 'n/a', messageId: 'noOwner' }] },
    { name: 'no notice and no host account', files: { 'src/a.ts': 'export {};\n' }, declaration: owned('X'), expect: [{ status: 'n/a', messageId: 'nothingToCompare' }] },
    {
      // openeyes' pattern: the only headers naming a holder are those of a package Bower installed.
      name: 'no notice; only a vendored package\'s headers name a holder',
      files: {
        'src/a.php': '<?php\necho 1;\n',
        'protected/assets/components/dialog-polyfill/.bower.json': '{ "name": "dialog-polyfill" }',
        'protected/assets/components/dialog-polyfill/dialog-polyfill.js': '/*\n * Copyright 2015 Google Inc\n */\n',
      },
      declaration: owned('Apperta Foundation CIC'),
      expect: [{ status: 'n/a', messageId: 'nothingToCompare' }],
    },
    { name: 'declaration only', files: { 'dpg.yml': 'name: X\ntypes: [software]\nowner: { name: X }\n' }, expect: [{ status: 'n/a', messageId: 'noRepository' }] },
    { name: 'host account differs, no notice: not decided (forks, umbrella organisations)', files: { 'README.md': '# x\n' }, host: { owner: 'dhis2' }, declaration: owned('HISP Centre'), expect: [{ status: 'n/a', messageId: 'hostOnly' }] },
  ],
  invalid: [
    {
      name: 'LICENSE names someone else',
      files: { LICENSE: 'MIT License\n\nCopyright (c) 2020 Acme Software Inc.\n' },
      host: { owner: 'acme' },
      declaration: owned('Ministry of Health'),
      expect: [{ status: 'gap', messageId: 'mismatch', evidence: 'LICENSE' }],
    },
    {
      name: 'only headers name holders, and not the owner',
      files: { 'src/a.ts': '// Copyright 2022 Jane Doe\nexport {};\n', 'src/b.ts': '// Copyright 2022 John Roe\nexport {};\n' },
      declaration: owned('Open Health Collective'),
      expect: [{ status: 'gap', messageId: 'headersOnly', evidence: 'src/a.ts' }],
    },
  ],
});

describe('copyright-consistent messages', () => {
  it('explains the match, the other holders and the host account', async () => {
    const [finding] = await runRuleCase(copyrightConsistent, { name: 'm', fixture: FIXTURE });
    expect(finding?.message).toContain('"Open Health Collective Ltd" in NOTICE line 2 (the same name, ignoring case, accents, punctuation and "ltd")');
    expect(finding?.message).toContain('"Jane Mwangi" (src/api/routes.ts line 2)');
    expect(finding?.message).not.toContain('Some Vendor');
    const [hosted] = await runRuleCase(copyrightConsistent, { name: 'h', files: { LICENSE: 'Copyright 2024 Open Health Collective\n' }, declaration: owned('Open Health Collective'), host: { owner: 'openhealth' } });
    expect(hosted?.message).toContain('The host account "openhealth" is likely the same ("openhealth" is "Open Health Collective" run together, leaving out "collective")');
    expect(hosted?.evidence).toContainEqual({ kind: 'host', key: 'owner', value: 'openhealth' });
  });
  it('names the holder found when it is not the owner', async () => {
    const [finding] = await runRuleCase(copyrightConsistent, { name: 'm2', files: { NOTICE: 'Copyright 2020 Acme Software Inc.\n' }, declaration: owned('Ministry of Health') });
    expect(finding?.message).toContain('"Acme Software Inc" (NOTICE line 1)');
    expect(finding?.message).toContain('owner.redistributionRights');
  });
  it('honours maxHeaderFiles', async () => {
    const files = { 'a/x.ts': '// Copyright 2022 Jane Doe\n', 'b/y.ts': '// Copyright 2022 Open Health Collective\n' };
    const one = await runRuleCase(copyrightConsistent, { name: 'one', files, declaration: owned('Open Health Collective'), options: { maxHeaderFiles: 1 } });
    expect(one[0]?.messageId).toBe('headersOnly');
    const two = await runRuleCase(copyrightConsistent, { name: 'two', files, declaration: owned('Open Health Collective'), options: { maxHeaderFiles: 2 } });
    expect(two[0]?.messageId).toBe('consistent');
  });
});

RuleTester.run(contributorAgreement, {
  valid: [
    { name: 'fixture: CLA.md, a CLA workflow and CONTRIBUTING mention, declared', fixture: FIXTURE, expect: [{ status: 'pass', messageId: 'found', evidence: 'CLA.md' }] },
    { name: 'DCO required in CONTRIBUTING', files: { 'CONTRIBUTING.md': '# Contributing\n\nEvery commit needs a Signed-off-by line (Developer Certificate of Origin).\n' }, declaration: base, expect: [{ status: 'pass', messageId: 'found', evidence: 'CONTRIBUTING.md' }] },
    { name: '.clabot file', files: { '.clabot': '{ "contributors": [] }' }, declaration: null, expect: [{ status: 'pass', messageId: 'found', evidence: '.clabot' }] },
    { name: 'declared URL, nothing in the repository', files: { 'README.md': '# x\n' }, declaration: { ...base, owner: { contributorAgreement: 'https://cla.example.org' } }, expect: [{ status: 'pass', messageId: 'declaredOnly' }] },
    { name: 'nothing found, owner owns everything: not required', files: { 'README.md': '# x\n' }, declaration: { ...base, owner: { ownsAll: true } }, expect: [{ status: 'n/a', messageId: 'none' }] },
    {
      name: 'false-positive guard: "CLA" inside other words and "clarify" do not count',
      files: { 'CONTRIBUTING.md': '# Contributing\n\nPlease clarify your change; see the CLAUDE notes and our declarations.\n' },
      declaration: base,
      expect: [{ status: 'n/a', messageId: 'none' }],
    },
    {
      // e-heza's and openmrs' pattern: Claude code-review workflows, "cla" only inside a word.
      name: 'false-positive guard: workflows named claude, declaration or clang-format are no CLA',
      files: { '.github/workflows/claude-code-review.yml': 'on: pull_request\n', '.github/workflows/claude.yml': 'on: issue_comment\n', '.github/workflows/declaration.yml': 'on: push\n', '.github/workflows/clang-format.yml': 'on: push\n' },
      declaration: base,
      expect: [{ status: 'n/a', messageId: 'none' }],
    },
    { name: 'CLA workflows under their usual names', files: { '.github/workflows/check-cla.yml': 'on: pull_request_target\n', '.github/workflows/cla_assistant.yaml': 'on: pull_request_target\n' }, declaration: base, expect: [{ status: 'pass', messageId: 'found', evidence: '.github/workflows/check-cla.yml' }] },
  ],
  invalid: [
    { name: 'not everything owned and no CLA', files: { 'README.md': '# x\n' }, declaration: { ...base, owner: { ownsAll: false } }, expect: [{ status: 'gap', messageId: 'notOwnedNone', evidence: 'owner.ownsAll' }] },
    { name: 'declared "no CLA" but CLA.md exists', files: { 'CLA.md': '# CLA\n' }, declaration: { ...base, owner: { contributorAgreement: false } }, expect: [{ status: 'gap', messageId: 'declaredNoneButFound', evidence: 'CLA.md' }] },
    { name: 'declared CLA path missing', files: { 'README.md': '# x\n' }, declaration: { ...base, owner: { contributorAgreement: 'legal/CLA.md' } }, expect: [{ status: 'gap', messageId: 'declaredMissing', evidence: 'owner.contributorAgreement' }] },
  ],
});
