import { describe, it, expect } from 'vitest';
import { RuleTester, runRuleCase } from '../../src/testing/rule-tester.js';
import type { Declaration } from '../../src/declaration/types.js';
import { rules } from '../../rules/3-clear-ownership/index.js';
import { ownerNamed } from '../../rules/3-clear-ownership/owner-named.js';
import { ownershipEvidence } from '../../rules/3-clear-ownership/ownership-evidence.js';
import { redistributionRights } from '../../rules/3-clear-ownership/redistribution-rights.js';
import { parseCopyrightLine } from '../../rules/3-clear-ownership/copyright.js';

const base: Declaration = { name: 'Example', types: ['software'] };
const MIT = 'MIT License\n\nCopyright (c) 2019-2024 Example Foundation\n\nPermission is hereby granted, free of charge, to any person obtaining a copy\nTHE SOFTWARE IS PROVIDED BY THE COPYRIGHT HOLDERS "AS IS"\n';
const GPL = '                    GNU GENERAL PUBLIC LICENSE\n                       Version 3, 29 June 2007\n\n Copyright (C) 2007 Free Software Foundation, Inc. <https://fsf.org/>\n\n    <one line to give the program\'s name and a brief idea of what it does.>\n    Copyright (C) <year>  <name of author>\n';
const APACHE_APPENDIX = '   Copyright [yyyy] [name of copyright owner]\n\n   Licensed under the Apache License, Version 2.0\n';

describe('indicator 3 rules', () => {
  it('exports the three rules with stable ids', () => {
    expect(rules.map((r) => `${r.meta.id} ${r.meta.alias}`)).toEqual(['dpg-3-01 owner-named', 'dpg-3-02 ownership-evidence', 'dpg-3-03 redistribution-rights']);
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
  ],
  invalid: [
    { name: 'no declaration, no copyright line', declaration: null, files: { LICENSE: GPL + APACHE_APPENDIX }, host: { owner: 'example-org' }, expect: [{ status: 'gap', messageId: 'noDeclaration' }] },
    { name: 'no declaration, copyright line in LICENSE', declaration: null, files: { LICENSE: MIT }, expect: [{ status: 'gap', messageId: 'noDeclarationCopyright', evidence: 'LICENSE' }] },
    {
      name: 'declaration without owner, copyright in NOTICE and README',
      files: { NOTICE: 'Example\nCopyright 2020 Ministry of Health\n', 'README.md': '# X\n\n© 2022 Health Lab\n' },
      declaration: { ...base, owner: { name: 'N/A' }, organizations: [{ name: 'Funder', role: 'funder' }] },
      expect: [{ status: 'gap', messageId: 'copyrightOnly', evidence: 'NOTICE' }],
    },
    { name: 'declaration without owner, nothing in the repository', declaration: base, files: { 'src/a.ts': '' }, expect: [{ status: 'gap', messageId: 'noOwner', evidence: 'owner.name' }] },
  ],
});

describe('owner-named messages', () => {
  it('names the copyright holder found', async () => {
    const [finding] = await runRuleCase(ownerNamed, { name: 'c', declaration: base, files: { LICENSE: MIT } });
    expect(finding?.message).toContain('"Example Foundation" (LICENSE line 3)');
    expect(finding?.message).toContain('the declaration names no owner');
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
