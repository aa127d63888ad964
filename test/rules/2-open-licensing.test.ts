import { describe, it, expect } from 'vitest';
import { createRequire } from 'node:module';
import { RuleTester, runRuleCase } from '../../src/testing/rule-tester.js';
import type { Declaration } from '../../src/declaration/types.js';
import { rules } from '../../rules/2-open-licensing/index.js';
import { licenseDeclared as licenseDeclaredDraft } from '../../rules/2-open-licensing/license-declared.js';
import { licenseApproved as licenseApprovedDraft } from '../../rules/2-open-licensing/license-approved.js';
import { licenseFile as licenseFileDraft } from '../../rules/2-open-licensing/license-file.js';
import { licenseConsistent as licenseConsistentDraft } from '../../rules/2-open-licensing/license-consistent.js';
import { aiComponentsLicensed as aiComponentsLicensedDraft } from '../../rules/2-open-licensing/ai-components-licensed.js';
import { licenseText as licenseTextDraft } from '../../rules/2-open-licensing/license-text.js';
import { builtIn } from '../rules-support.js';
import { pathOfUrl, repositoryOfUrl } from '../../rules/lib/repository-url.js';

const licenseDeclared = builtIn(licenseDeclaredDraft);
const licenseApproved = builtIn(licenseApprovedDraft);
const licenseFile = builtIn(licenseFileDraft);
const licenseConsistent = builtIn(licenseConsistentDraft);
const aiComponentsLicensed = builtIn(aiComponentsLicensedDraft);
const licenseText = builtIn(licenseTextDraft);

const software: Declaration = { name: 'Example', types: ['software'] };
const content: Declaration = { name: 'Lessons', types: ['content'] };
const data: Declaration = { name: 'Atlas', types: ['data'] };
const aimodel: Declaration = { name: 'Model', types: ['aimodel'] };
const CC_SNIPPET_README = '# XR resources\n\n' + '1. [A list entry](https://example.org/a)\n\n'.repeat(20) + '<a rel="license" href="http://creativecommons.org/licenses/by-sa/4.0/"><img alt="Creative Commons License" src="https://i.creativecommons.org/l/by-sa/4.0/88x31.png" /></a>\nThis work is licensed under a <a rel="license" href="http://creativecommons.org/licenses/by-sa/4.0/">Creative Commons Attribution-ShareAlike 4.0 International License</a>.\n';
const MIT_TEXT = 'MIT License\n\nCopyright (c) 2024 Example Org\n\nPermission is hereby granted...\n';
/** A how-to about a product's licence key, named like a licence file (vxnaid's docs/config/iris-license.md). */
const SDK_LICENSE_HOWTO = '## Configuring the Iris Scan License\nThe iris scan functionality requires a vendor \'IrisExtractor\' license.\nPlace the license file with the `.lic` extension in the app\'s Licenses folder.\n';
const SPDX = createRequire(import.meta.url)('spdx-license-list/full') as Record<string, { licenseText: string }>;
const spdxText = (id: string): string => (SPDX[id] as { licenseText: string }).licenseText;
const MIT_FULL = spdxText('MIT').replace('<year> <copyright holders>', '2024 Example Org');
const BSD3_TEXT = spdxText('BSD-3-Clause');
const APACHE_TEXT = spdxText('Apache-2.0');
const GPL3_TEXT = spdxText('GPL-3.0-only');
const LGPL3_TEXT = spdxText('LGPL-3.0-only').split(/\n\s*GNU GENERAL PUBLIC LICENSE\s*\n/)[0] as string;

describe('indicator 2 rules', () => {
  it('exports the six rules with stable ids', () => {
    expect(rules.map((r) => `${r.meta.id} ${r.meta.alias}`)).toEqual([
      'dpg-2-01 license-declared', 'dpg-2-02 license-approved', 'dpg-2-03 license-file', 'dpg-2-04 license-consistent', 'dpg-2-05 ai-components-licensed',
      'dpg-2-06 license-text',
    ]);
  });
});

RuleTester.run(licenseDeclared, {
  valid: [
    {
      name: 'licence with a file and a URL as evidence',
      files: { LICENSE: MIT_TEXT },
      declaration: { ...software, licenses: [{ spdx: 'MIT', evidence: ['LICENSE', 'https://example.org/license'] }] },
      expect: [{ status: 'pass', messageId: 'evidenced', evidence: 'LICENSE' }],
    },
    {
      name: 'two licences, evidence with ./ and a folder',
      files: { 'LICENSES/MIT.txt': 'x', 'LICENSES/CC-BY-4.0.txt': 'y' },
      declaration: { ...software, licenses: [{ spdx: 'MIT', evidence: ['./LICENSES/MIT.txt'] }, { spdx: 'CC-BY-4.0', appliesTo: 'documentation', evidence: ['LICENSES/'] }] },
      expect: [{ status: 'pass', messageId: 'evidenced' }, { status: 'pass', messageId: 'evidenced', evidence: 'licenses[1].spdx' }],
    },
  ],
  invalid: [
    { name: 'no declaration', declaration: null, files: { 'package.json': '{"license": "MIT"}' }, expect: [{ status: 'gap', messageId: 'noDeclaration', evidence: 'package.json' }] },
    { name: 'no licences declared', declaration: software, expect: [{ status: 'gap', messageId: 'noLicenses', evidence: 'licenses' }] },
    { name: 'no evidence', declaration: { ...software, licenses: [{ spdx: 'MIT' }] }, expect: [{ status: 'gap', messageId: 'noEvidence', evidence: 'licenses[0]' }] },
    {
      name: 'missing and outside paths',
      files: { 'README.md': '# x' },
      declaration: { ...software, licenses: [{ spdx: 'MIT', evidence: ['LICENSE.txt', '../LICENSE'] }] },
      expect: [{ status: 'fail', messageId: 'outsideEvidence', evidence: 'licenses[0].evidence' }, { status: 'gap', messageId: 'missingEvidence' }],
    },
  ],
});

RuleTester.run(licenseApproved, {
  valid: [
    { name: 'MIT for software', declaration: { ...software, licenses: [{ spdx: 'MIT' }] }, expect: [{ status: 'pass', messageId: 'approved', evidence: 'licenses[0].spdx' }] },
    {
      name: 'software and content, one unscoped licence each fitting one type',
      declaration: { name: 'Both', types: ['software', 'content'], licenses: [{ spdx: 'AGPL-3.0-only' }, { spdx: 'CC-BY-SA-4.0' }] },
      expect: [{ status: 'pass', messageId: 'approved' }, { status: 'pass', messageId: 'approved', evidence: 'licenses[1].spdx' }],
    },
    {
      name: 'scoped parts judged by their own list',
      declaration: { ...software, licenses: [{ spdx: 'Apache-2.0', appliesTo: 'software' }, { spdx: 'CC-BY-4.0', appliesTo: 'documentation' }, { spdx: 'ODbL-1.0', appliesTo: 'data' }] },
      expect: [{ status: 'pass', messageId: 'approved' }, { status: 'pass', messageId: 'approved' }, { status: 'pass', messageId: 'approved' }],
    },
    {
      name: 'no declaration, approved licence found in package.json',
      declaration: null,
      files: { 'package.json': '{\n  "name": "x",\n  "license": "Apache-2.0"\n}' },
      expect: [{ status: 'pass', messageId: 'approvedFound', evidence: 'package.json' }],
    },
    { name: 'a data set under one open licence', declaration: { ...data, licenses: [{ spdx: 'ODbL-1.0' }] }, expect: [{ status: 'pass', messageId: 'approved' }] },
  ],
  invalid: [
    { name: 'no declaration and nothing found', declaration: null, expect: [{ status: 'gap', messageId: 'noDeclaration' }] },
    { name: 'declaration without licences, nothing found', declaration: software, expect: [{ status: 'gap', messageId: 'noLicenses' }] },
    { name: 'BSD-4-Clause for software', declaration: { ...software, licenses: [{ spdx: 'BSD-4-Clause' }] }, expect: [{ status: 'fail', messageId: 'notApproved', evidence: 'licenses[0].spdx' }] },
    // An approved DPG's data set under the UK Open Government Licence: conformant to the Open Definition, not in the DPGA's table.
    { name: 'OGL-UK-3.0 for data: a question for the DPGA, not a fail', declaration: { ...data, licenses: [{ spdx: 'OGL-UK-3.0' }] }, expect: [{ status: 'gap', messageId: 'conformantNotListed', message: 'conforms to the Open Definition' }] },
    { name: 'OGL-UK-3.0 for software still fails', declaration: { ...software, licenses: [{ spdx: 'OGL-UK-3.0' }] }, expect: [{ status: 'fail', messageId: 'notApproved' }] },
    {
      // Real problems still fail without a declaration: EUPL-1.1 (superseded by EUPL-1.2 on the DPGA's list) as the project's licence.
      name: 'EUPL-1.1 found as the project licence, nothing declared',
      declaration: null,
      files: { LICENSE: 'SPDX-License-Identifier: EUPL-1.1\n' },
      expect: [{ status: 'fail', messageId: 'notApprovedFound', evidence: 'LICENSE' }],
    },
    {
      // A content part of the candidate (declared type) under an ND licence, in its own folder: a component, and still a fail.
      name: 'content/ under CC-BY-ND-4.0 in a software and content candidate',
      declaration: { ...software, types: ['software', 'content'], licenses: [{ spdx: 'MIT', appliesTo: 'software' }, { spdx: 'CC-BY-4.0', appliesTo: 'content' }] },
      files: { LICENSE: 'SPDX-License-Identifier: MIT\n', 'content/LICENSE': 'SPDX-License-Identifier: CC-BY-ND-4.0\n' },
      expect: [{ status: 'pass', messageId: 'approved' }, { status: 'pass', messageId: 'approved' }, { status: 'fail', messageId: 'componentNotApprovedPart', evidence: 'content/LICENSE' }],
    },
    { name: 'ND licence for content', declaration: { ...content, licenses: [{ spdx: 'CC-BY-ND-4.0' }] }, expect: [{ status: 'fail', messageId: 'notApproved' }] },
    { name: 'free text licence', declaration: { ...software, licenses: [{ spdx: 'Apache 2' }] }, expect: [{ status: 'gap', messageId: 'unparseable' }] },
    {
      name: 'found licences judged when none is declared',
      declaration: null,
      files: { 'package.json': '{"license": "SSPL-1.0"}', 'Cargo.toml': '[package]\nname = "x"\nlicense = "see LICENSE"\n' },
      // "see LICENSE" is no SPDX expression: NOASSERTION, which dpg-2-06 reports; it is not judged as a licence here.
      expect: [{ status: 'fail', messageId: 'notApprovedFound', evidence: 'package.json' }],
    },
    {
      name: 'an unscoped licence that fits none of the types',
      declaration: { ...software, licenses: [{ spdx: 'MIT' }, { spdx: 'BUSL-1.1' }] },
      expect: [{ status: 'pass', messageId: 'approved' }, { status: 'fail', messageId: 'notApproved', evidence: 'licenses[1].spdx' }],
    },
    {
      name: 'a type no scoped licence covers',
      declaration: { name: 'Both', types: ['software', 'data'], licenses: [{ spdx: 'MIT', appliesTo: 'software' }] },
      expect: [{ status: 'pass', messageId: 'approved' }, { status: 'gap', messageId: 'partUncovered' }],
    },
    {
      name: 'mixed-licence content collection (1.1.7)',
      declaration: { ...content, licenses: [{ spdx: 'CC-BY-4.0' }, { spdx: 'CC-BY-NC-4.0' }] },
      // 1.1.7 (#186): every part under an approved licence, so a reviewer confirms the collection: a gap.
      expect: [{ status: 'pass', messageId: 'approved' }, { status: 'pass', messageId: 'approved' }, { status: 'gap', messageId: 'mixedCollectionApproved', evidence: 'licenses[1].spdx' }],
    },
    {
      name: 'mixed-licence content collection with a part under an ND licence',
      declaration: { ...content, licenses: [{ spdx: 'CC-BY-4.0' }, { spdx: 'CC-BY-ND-4.0' }] },
      expect: [{ status: 'pass', messageId: 'approved' }, { status: 'fail', messageId: 'notApproved', evidence: 'licenses[1].spdx' }, { status: 'fail', messageId: 'mixedCollection', evidence: 'licenses[1].spdx' }],
    },
    {
      name: 'mixed-licence data set with scoped entries',
      declaration: { ...software, licenses: [{ spdx: 'MIT', appliesTo: 'software' }, { spdx: 'ODbL-1.0', appliesTo: 'data' }, { spdx: 'CC-BY-4.0', appliesTo: 'data' }] },
      expect: [{ status: 'pass', messageId: 'approved' }, { status: 'pass', messageId: 'approved' }, { status: 'pass', messageId: 'approved' }, { status: 'gap', messageId: 'mixedCollectionApproved' }],
    },
  ],
});

describe('license-consistent messages', () => {
  it('says which side the declaration takes when a manifest disagrees with its licence file', async () => {
    const findings = await runRuleCase(licenseConsistent, { name: 'm', files: { LICENSE: MIT_FULL, 'package.json': '{\n  "license": "ISC"\n}' }, declaration: { ...software, licenses: [{ spdx: 'MIT' }] } });
    const gap = findings.find((f) => f.messageId === 'manifestDisagreesApproved');
    expect(gap?.message).toContain('The declaration agrees with LICENSE (MIT), so package.json line 2 is the one to correct.');
    expect(gap?.evidence.some((e) => e.kind === 'declaration')).toBe(true);
  });
});

describe('license-approved messages', () => {
  it('names the reason and the approved alternatives for content', async () => {
    const [finding] = await runRuleCase(licenseApproved, { name: 'nd', declaration: { ...content, licenses: [{ spdx: 'CC-BY-ND-4.0' }] } });
    expect(finding?.message).toContain('ND');
    expect(finding?.message).toContain('CC-BY-4.0, CC-BY-SA-4.0 or CC0-1.0');
  });

  it('says a software licence is not a content licence', async () => {
    const [finding] = await runRuleCase(licenseApproved, { name: 'mit content', declaration: { ...content, licenses: [{ spdx: 'MIT' }] } });
    expect(finding?.status).toBe('fail');
    expect(finding?.message).toContain('approved for software, not for content');
  });

  it('treats GPL-3.0-or-later as the DPGA\'s GPL-3.0 and the same licence twice as one', async () => {
    const findings = await runRuleCase(licenseApproved, { name: 'gpl', declaration: { ...data, licenses: [{ spdx: 'ODbL-1.0' }, { spdx: 'odbl-1.0' }] } });
    expect(findings.map((f) => f.status)).toEqual(['pass', 'pass']);
    const gpl = await runRuleCase(licenseApproved, { name: 'gpl2', declaration: { ...software, licenses: [{ spdx: 'GPL-3.0-or-later' }] } });
    expect(gpl.map((f) => f.status)).toEqual(['pass']);
  });
});

RuleTester.run(licenseFile, {
  valid: [
    { name: 'LICENSE at the root', files: { LICENSE: MIT_TEXT, 'src/a.ts': '' }, declaration: software, expect: [{ status: 'pass', messageId: 'present', evidence: 'LICENSE' }] },
    { name: 'REUSE LICENSES folder', files: { 'LICENSES/Apache-2.0.txt': 'text', 'src/a.ts': '' }, declaration: null, expect: [{ status: 'pass', messageId: 'present', evidence: 'LICENSES/' }] },
    {
      // openelis-global: Font Awesome's release folder, copied whole into the web app's static files.
      name: 'LICENSE at the root beside a library copied whole into static/: only the candidate\'s own is listed',
      files: { LICENSE: MIT_TEXT, 'src/main/webapp/static/fontawesome-free-5.13.1-web/LICENSE.txt': MIT_TEXT, 'src/a.ts': '' },
      declaration: software,
      expect: [{ status: 'pass', messageId: 'present', evidence: 'LICENSE', message: /^Licence file\(s\) in the candidate: LICENSE( \([^)]*\))?\.$/ }],
    },
    { name: 'COPYING.md for content', files: { 'COPYING.md': 'CC BY 4.0', 'lessons/1.md': '' }, declaration: content, expect: [{ status: 'pass', messageId: 'present' }] },
    {
      // No word of a grant, but it names its licence: a notice, and a licence file.
      name: 'a <name>-license file that only names its licence',
      files: { 'MIT-LICENSE': 'This project is under the MIT License.\n', 'src/a.ts': '' },
      declaration: software,
      expect: [{ status: 'pass', messageId: 'present', evidence: 'MIT-LICENSE', message: 'Licence file(s) in the candidate: MIT-LICENSE (MIT).' }],
    },
    {
      // vxnaid: docs/config/iris-license.md tells how to install a proprietary SDK's licence key.
      name: 'a how-to named like a licence file is not one of the candidate\'s licence files',
      files: { LICENSE: MIT_TEXT, 'docs/config/sdk-license.md': SDK_LICENSE_HOWTO, 'src/a.ts': '' },
      declaration: software,
      expect: [{ status: 'pass', messageId: 'present', evidence: 'LICENSE', message: /^Licence file\(s\) in the candidate: LICENSE( \([^)]*\))?\.$/ }],
    },
    { name: 'a declaration-only candidate (registry entry)', files: {}, source: { kind: 'declaration-only', location: 'nominees/x.json' }, declaration: software, expect: [{ status: 'n/a', messageId: 'declarationOnly' }] },
    {
      // xr-accessibility-project: the Creative Commons snippet as the README's last lines, below the last heading.
      name: 'content marked by the Creative Commons snippet at the end of its README',
      files: { 'README.md': CC_SNIPPET_README },
      declaration: { ...content, licenses: [{ spdx: 'CC-BY-SA-4.0', evidence: ['https://github.com/xr/resources/blob/main/README.md'] }] },
      expect: [{ status: 'pass', messageId: 'contentNotice', evidence: 'README.md' }],
    },
  ],
  invalid: [
    { name: 'software without a licence file', files: { 'src/a.ts': '', 'README.md': '# x' }, declaration: { ...software, licenses: [{ spdx: 'MIT' }] }, expect: [{ status: 'fail', messageId: 'missingSoftware' }] },
    { name: 'no declaration, no licence file (software by default)', files: { 'main.py': '' }, declaration: null, expect: [{ status: 'fail', messageId: 'missingSoftware' }] },
    { name: 'only a vendored licence', files: { 'node_modules/x/LICENSE': MIT_TEXT, 'index.js': '' }, declaration: null, expect: [{ status: 'fail', messageId: 'missingSoftware' }] },
    { name: 'only a how-to named like a licence file', files: { 'docs/sdk-license.md': SDK_LICENSE_HOWTO, 'index.js': '' }, declaration: null, expect: [{ status: 'fail', messageId: 'missingSoftware' }] },
    { name: 'only the licence of a library\'s versioned copy', files: { 'app/webroot/css/jquery-ui-themes-1.12.1/LICENSE.txt': MIT_TEXT, 'app/index.php': '' }, declaration: null, expect: [{ status: 'fail', messageId: 'missingSoftware' }] },
    {
      name: 'data set with a declared licence URL',
      files: { 'data/atlas.csv': 'a,b' },
      declaration: { ...data, licenses: [{ spdx: 'CC-BY-4.0', evidence: ['https://data.example.org/license'] }] },
      expect: [{ status: 'gap', messageId: 'missingWithUrl', evidence: 'https://data.example.org/license' }],
    },
    { name: 'content without a file or URL', files: { 'lessons/1.md': '' }, declaration: { ...content, licenses: [{ spdx: 'CC-BY-4.0' }] }, expect: [{ status: 'fail', messageId: 'missing' }] },
    // Code needs the licence text with it: a README notice is not enough.
    { name: 'software marked only by its README', files: { 'README.md': CC_SNIPPET_README.replaceAll('creativecommons.org/licenses/by-sa/4.0/', 'opensource.org/licenses/MIT'), 'main.py': '' }, declaration: { ...software, licenses: [{ spdx: 'MIT' }] }, expect: [{ status: 'fail', messageId: 'missingSoftware' }] },
    {
      // The pattern of several recognised DPGs (an umbrella repository whose code is in another listed one, a
      // licence page on the project's website): the evidence the questionnaire accepts is elsewhere; a question.
      name: 'software whose declared licence evidence is another repository of the candidate',
      files: { 'README.md': '# Toolkit', 'docs/charter.md': 'x' },
      declaration: { ...software, repositories: [{ url: 'https://github.com/geo/toolkit' }, { url: 'https://github.com/geo/satproc' }], licenses: [{ spdx: 'Apache-2.0', evidence: ['https://github.com/geo/satproc/blob/main/LICENSE.txt'] }] },
      expect: [{ status: 'gap', messageId: 'missingSoftwareElsewhere', evidence: 'https://github.com/geo/satproc/blob/main/LICENSE.txt' }],
    },
    {
      name: 'software whose declared licence evidence is a page of the project\'s website',
      files: { 'server/index.js': '' },
      declaration: { ...software, repositories: [{ url: 'https://github.com/health/connector' }], licenses: [{ spdx: 'GPL-3.0', evidence: ['https://www.example.org/2007/07/connector-under-gplv3/'] }] },
      expect: [{ status: 'gap', messageId: 'missingSoftwareElsewhere' }],
    },
    {
      // sunbird-uci: the declared LICENSE of this very repository was removed by a restructure of its branch.
      name: 'software whose declared licence file is in this repository, but not in the checked tree',
      files: { 'src/main.ts': '' },
      declaration: { ...software, repositories: [{ url: 'https://github.com/comms/uci-apis.git' }], licenses: [{ spdx: 'MIT', evidence: ['https://github.com/Comms/uci-apis/blob/master/LICENSE'] }] },
      expect: [{ status: 'fail', messageId: 'declaredFileMissing', evidence: 'https://github.com/Comms/uci-apis/blob/master/LICENSE' }],
    },
    {
      name: 'a remote source: its own URL is the repository the evidence is compared with',
      files: { 'src/main.ts': '' },
      source: { kind: 'github', location: 'https://github.com/comms/uci-apis' },
      declaration: { ...software, licenses: [{ spdx: 'MIT', evidence: ['https://raw.githubusercontent.com/comms/uci-apis/master/LICENSE'] }] },
      expect: [{ status: 'fail', messageId: 'declaredFileMissing' }],
    },
    { name: 'a repository source with no files', files: {}, declaration: software, expect: [{ status: 'gap', messageId: 'noFiles' }] },
  ],
});

RuleTester.run(licenseConsistent, {
  valid: [
    {
      name: 'manifest and header agree with the declaration, related by an expression',
      files: { 'package.json': '{"license": "GPL-3.0-or-later"}', LICENSE: 'SPDX-License-Identifier: MIT\n' },
      declaration: { ...software, licenses: [{ spdx: 'GPL-3.0 OR MIT' }] },
      expect: [{ status: 'pass', messageId: 'consistent', evidence: 'package.json' }],
    },
    {
      name: 'the licence text agrees with the declaration',
      files: { LICENSE: MIT_FULL },
      declaration: { ...software, licenses: [{ spdx: 'MIT' }] },
      expect: [{ status: 'pass', messageId: 'consistent', evidence: 'LICENSE' }],
    },
    {
      name: 'an LGPL-3.0 project carries the GPL-3.0 text too',
      files: { COPYING: GPL3_TEXT, 'COPYING.LESSER': LGPL3_TEXT },
      declaration: { ...software, licenses: [{ spdx: 'LGPL-3.0-or-later' }] },
      expect: [{ status: 'pass', messageId: 'consistent', evidence: 'COPYING' }],
    },
    {
      name: 'a dual licence found, one option declared',
      files: { 'Cargo.toml': '[package]\nname = "x"\nlicense = "MIT OR Apache-2.0"\n' },
      declaration: { ...software, licenses: [{ spdx: 'Apache-2.0' }] },
      expect: [{ status: 'pass', messageId: 'consistent', evidence: 'Cargo.toml' }],
    },
    {
      name: 'an AI system licence declared under aiSystem',
      files: { 'package.json': '{"license": "Apache-2.0"}' },
      declaration: { ...aimodel, aiSystem: { trainingCode: { location: 'https://x.org', license: 'Apache-2.0' } } },
      expect: [{ status: 'pass', messageId: 'consistent' }],
    },
    {
      // A component (a part under its own licence), judged by dpg-2-02 for its part: no contradiction of the project's licence.
      name: 'a package subfolder under another licence',
      files: { LICENSE: MIT_FULL, 'pkg/LICENSE': BSD3_TEXT },
      declaration: { ...software, licenses: [{ spdx: 'MIT' }] },
      expect: [{ status: 'pass', messageId: 'consistent' }],
    },
    {
      // The pattern of gofr-backend/: a sub-package's manifest and licence file disagree, both approved: a component note.
      name: 'a sub-package whose package.json and LICENSE disagree, both approved',
      files: { LICENSE: MIT_FULL, 'backend/package.json': '{\n  "license": "ISC"\n}', 'backend/LICENSE': BSD3_TEXT },
      declaration: { ...software, licenses: [{ spdx: 'MIT' }] },
      expect: [{ status: 'pass', messageId: 'consistent', evidence: 'LICENSE' }],
    },
    {
      // oky, StoryWeaver: the software's licence in LICENSE, the content's CC-BY-4.0 on the project's own site.
      name: 'a content licence declared with a page of the project\'s website',
      files: { LICENSE: MIT_FULL, 'app/main.js': '' },
      declaration: { ...software, types: ['software', 'content'], repositories: [{ url: 'https://github.com/ex/books' }], licenses: [{ spdx: 'MIT' }, { spdx: 'CC-BY-4.0', evidence: ['https://books.example.org/terms_and_conditions'] }] },
      expect: [{ status: 'pass', messageId: 'consistent', evidence: 'LICENSE' }, { status: 'pass', messageId: 'declaredElsewhere', evidence: 'licenses[1]' }],
    },
    {
      // meron: GPL-3.0 in this repository (MERON_api), and MIT with the LICENSE of another (MERON_model) as its evidence.
      name: 'a code licence whose evidence is a licence file of another repository',
      files: { LICENSE: spdxText('GPL-3.0-only'), 'api/main.py': '' },
      declaration: { ...software, repositories: [{ url: 'https://github.com/ex/records-api' }], licenses: [{ spdx: 'GPL-3.0' }, { spdx: 'MIT', evidence: ['https://github.com/ex/records-model/blob/master/LICENSE'] }] },
      expect: [{ status: 'pass', messageId: 'consistent', evidence: 'LICENSE' }, { status: 'pass', messageId: 'declaredForOtherRepository', evidence: 'licenses[1]', message: /covers github\.com\/ex\/records-model, so no file here needs to carry it/ }],
    },
    {
      name: 'content marked by a rel="license" link at the end of its README',
      files: { 'README.md': CC_SNIPPET_README },
      declaration: { ...content, licenses: [{ spdx: 'CC-BY-SA-4.0' }] },
      expect: [{ status: 'pass', messageId: 'consistent', evidence: 'README.md' }],
    },
    {
      // openfn: COPYING (GPL-3.0) with COPYING.LESSER, the LGPL's additional permissions, and the GPL declared.
      name: 'a GPL-3.0 project carrying COPYING.LESSER',
      files: { 'COPYING': 'SPDX-License-Identifier: GPL-3.0-only\n', 'COPYING.LESSER': 'SPDX-License-Identifier: LGPL-3.0-only\n' },
      declaration: { ...software, licenses: [{ spdx: 'GPL-3.0' }] },
      expect: [{ status: 'pass', messageId: 'consistent' }],
    },
  ],
  invalid: [
    {
      // The content licence's evidence is this repository, which does not carry it.
      name: 'a content licence whose evidence is this repository, carried by no file',
      files: { LICENSE: MIT_FULL, 'stories/1.md': 'x' },
      declaration: { ...software, types: ['software', 'content'], repositories: [{ url: 'https://github.com/ex/books' }], licenses: [{ spdx: 'MIT' }, { spdx: 'CC-BY-4.0', evidence: ['https://github.com/ex/books/blob/main/LICENSE-content.md'] }] },
      expect: [{ status: 'pass', messageId: 'consistent', evidence: 'LICENSE' }, { status: 'gap', messageId: 'declaredNoFile', evidence: 'licenses[1].spdx' }],
    },
    {
      // The traps: this repository's own LICENSE as the evidence, another repository's page that is not a file, and
      // a local tree whose repository is unknown.
      name: 'a code licence whose evidence is this repository\'s own licence file, carried by no file',
      files: { LICENSE: MIT_FULL, 'src/a.ts': '' },
      declaration: { ...software, repositories: [{ url: 'https://github.com/ex/records-api' }], licenses: [{ spdx: 'MIT' }, { spdx: 'Apache-2.0', evidence: ['https://github.com/ex/records-api/blob/main/LICENSE'] }] },
      expect: [{ status: 'pass', messageId: 'consistent', evidence: 'LICENSE' }, { status: 'gap', messageId: 'declaredNoFile', evidence: 'licenses[1].spdx' }],
    },
    {
      name: 'a code licence whose evidence is another repository\'s home page',
      files: { LICENSE: MIT_FULL, 'src/a.ts': '' },
      declaration: { ...software, repositories: [{ url: 'https://github.com/ex/records-api' }], licenses: [{ spdx: 'MIT' }, { spdx: 'BSD-3-Clause', evidence: ['https://github.com/ex/records-model'] }] },
      expect: [{ status: 'pass', messageId: 'consistent', evidence: 'LICENSE' }, { status: 'gap', messageId: 'declaredNoFile', evidence: 'licenses[1].spdx' }],
    },
    {
      name: 'a code licence whose evidence is another repository\'s file, when the checked repository is unknown',
      files: { LICENSE: MIT_FULL, 'src/a.ts': '' },
      declaration: { ...software, licenses: [{ spdx: 'MIT' }, { spdx: 'Apache-2.0', evidence: ['https://github.com/ex/records-model/blob/main/LICENSE'] }] },
      expect: [{ status: 'pass', messageId: 'consistent', evidence: 'LICENSE' }, { status: 'gap', messageId: 'declaredNoFile', evidence: 'licenses[1].spdx' }],
    },
    {
      // A licence for code on a web page still needs its text in the repository.
      name: 'a code licence declared with a web page, carried by no file',
      files: { 'src/a.ts': 'export {};\n', 'COPYING': 'See the web site.\n' },
      declaration: { ...software, licenses: [{ spdx: 'MIT', evidence: ['https://example.org/license'] }] },
      expect: [{ status: 'pass', messageId: 'nothingFound', evidence: 'licenses' }, { status: 'gap', messageId: 'declaredNoFile', evidence: 'licenses[0].spdx' }],
    },
    {
      // A licence file for another licence: nothing carries the declared one, and dpg-2-03 is content.
      name: 'nothing identifiable in the repository but an unidentified licence file',
      files: { 'src/a.ts': 'export {};\n', LICENSE: 'All yours, do what you like.\n' },
      declaration: { ...software, licenses: [{ spdx: 'MIT' }] },
      expect: [{ status: 'pass', messageId: 'nothingFound', evidence: 'licenses' }, { status: 'gap', messageId: 'declaredNoFile', evidence: 'licenses[0].spdx' }],
    },
    { name: 'nothing declared, nothing found', declaration: software, expect: [{ status: 'gap', messageId: 'nothingToCompare' }] },
    { name: 'no declaration, licence found', declaration: null, files: { 'package.json': '{"license": "MIT"}' }, expect: [{ status: 'gap', messageId: 'noDeclaration', evidence: 'package.json' }] },
    { name: 'declaration without licences, licence found', declaration: software, files: { 'package.json': '{"license": "MIT"}' }, expect: [{ status: 'gap', messageId: 'noneDeclared' }] },
    {
      name: 'the LICENSE is MIT, the declaration says BSD-3-Clause',
      files: { LICENSE: MIT_FULL },
      declaration: { ...software, licenses: [{ spdx: 'BSD-3-Clause', evidence: ['LICENSE'] }] },
      // An approved licence other than the declared one: the requirement may be met, a reviewer must see which applies.
      expect: [{ status: 'gap', messageId: 'approvedMismatch', evidence: 'LICENSE' }, { status: 'gap', messageId: 'declaredNoFile', evidence: 'licenses[0].spdx' }],
    },
    {
      name: 'the repository shows a licence that is not approved, the declaration says MIT',
      files: { LICENSE: 'SPDX-License-Identifier: SSPL-1.0\n' },
      declaration: { ...software, licenses: [{ spdx: 'MIT' }] },
      expect: [{ status: 'fail', messageId: 'mismatch', evidence: 'LICENSE' }, { status: 'gap', messageId: 'declaredNoFile', evidence: 'licenses[0].spdx' }],
    },
    {
      name: 'package.json disagrees with the licence text beside it',
      files: { LICENSE: MIT_FULL, 'package.json': '{\n  "license": "Apache-2.0"\n}' },
      declaration: { ...software, licenses: [{ spdx: 'MIT' }] },
      // One finding for one fix (iaso, purple-hats): the declaration agrees with LICENSE, so package.json is wrong.
      expect: [{ status: 'pass', messageId: 'consistent', evidence: 'LICENSE' }, { status: 'gap', messageId: 'manifestDisagreesApproved', evidence: 'package.json' }],
    },
    {
      name: 'package.json names a licence that is not approved, beside an MIT LICENSE',
      files: { LICENSE: MIT_FULL, 'package.json': '{\n  "license": "SSPL-1.0"\n}' },
      declaration: { ...software, licenses: [{ spdx: 'MIT' }] },
      expect: [{ status: 'pass', messageId: 'consistent', evidence: 'LICENSE' }, { status: 'fail', messageId: 'manifestDisagrees', evidence: 'package.json' }],
    },
    {
      // The declaration agrees with the manifest, not the licence file: the file is not covered either.
      name: 'package.json and the declaration say Apache-2.0, the LICENSE beside it is MIT',
      files: { LICENSE: MIT_FULL, 'package.json': '{\n  "license": "Apache-2.0"\n}' },
      declaration: { ...software, licenses: [{ spdx: 'Apache-2.0' }] },
      expect: [{ status: 'pass', messageId: 'consistent', evidence: 'package.json' }, { status: 'gap', messageId: 'manifestDisagreesApproved', evidence: 'package.json' }, { status: 'gap', messageId: 'approvedMismatch', evidence: 'LICENSE' }],
    },
    {
      name: 'the README names another licence for quoted material',
      files: { LICENSE: MIT_FULL, 'README.md': '# X\n\n## Licence\n\nMIT, see LICENSE. The quoted standard texts are CC-BY-SA-4.0.\n' },
      declaration: { ...software, licenses: [{ spdx: 'MIT' }] },
      expect: [{ status: 'pass', messageId: 'consistent' }, { status: 'gap', messageId: 'readmeMismatch', evidence: 'README.md' }],
    },
    {
      name: 'two licence files, nothing relating them',
      files: { LICENSE: MIT_FULL, 'LICENSE-APACHE': APACHE_TEXT },
      declaration: { ...software, licenses: [{ spdx: 'MIT' }, { spdx: 'Apache-2.0' }] },
      expect: [{ status: 'pass', messageId: 'consistent' }, { status: 'gap', messageId: 'unrelated', evidence: 'LICENSE-APACHE' }],
    },
    {
      name: 'manifest names another licence',
      files: { 'package.json': '{\n  "license": "Apache-2.0"\n}', LICENSE: 'SPDX-License-Identifier: MIT\n' },
      declaration: { ...software, licenses: [{ spdx: 'MIT' }] },
      expect: [{ status: 'pass', messageId: 'consistent', evidence: 'LICENSE' }, { status: 'gap', messageId: 'approvedMismatch', evidence: 'package.json' }],
    },
    {
      name: 'declared licence is free text',
      files: { 'package.json': '{"license": "Apache-2.0"}' },
      declaration: { ...software, licenses: [{ spdx: 'Apache 2' }] },
      expect: [{ status: 'gap', messageId: 'declaredUnparseable', evidence: 'package.json' }],
    },
  ],
});

describe('license-consistent messages', () => {
  it('names both the file and the declared licence', async () => {
    const findings = await runRuleCase(licenseConsistent, { name: 'm', files: { 'package.json': '{"license": "ISC"}' }, declaration: { ...software, licenses: [{ spdx: 'MIT' }] } });
    expect(findings[0]?.message).toContain('ISC in package.json line 1');
    expect(findings[0]?.message).toContain('declared in dpg.yml (MIT)');
  });

  it('never claims the licence text was confirmed', async () => {
    const findings = await runRuleCase(licenseConsistent, { name: 'n', files: { 'setup.cfg': '[metadata]\nlicense = BSD License\n' }, declaration: { ...software, licenses: [{ spdx: 'BSD-3-Clause' }] } });
    // No licence file at all: dpg-2-03 asks for one, and this rule does not ask again.
    expect(findings.map((f) => f.messageId)).toEqual(['nothingFound']);
    expect(findings[0]?.message).toContain('nor does anything confirm it');
    expect(findings[0]?.message).toContain('setup.cfg: no licence identified');
  });
});

const fullAi: Declaration = {
  ...aimodel,
  aiSystem: {
    modelWeights: { location: 'https://huggingface.co/example/model', license: 'Apache-2.0' },
    trainingCode: { location: 'train/', license: 'MIT' },
    trainingData: { location: 'https://data.example.org/corpus', license: 'CC-BY-4.0' },
  },
};

RuleTester.run(aiComponentsLicensed, {
  valid: [
    {
      name: 'all three parts open',
      files: { 'train/train.py': '' },
      declaration: fullAi,
      expect: [{ status: 'pass', messageId: 'open', evidence: 'aiSystem.modelWeights.license' }, { status: 'pass', messageId: 'open', evidence: 'train/' }, { status: 'pass', messageId: 'open' }],
    },
    {
      name: 'licences given as scoped licenses entries',
      files: { 'train/train.py': '' },
      declaration: {
        ...aimodel,
        licenses: [{ spdx: 'CC-BY-4.0', appliesTo: 'model-weights' }, { spdx: 'Apache-2.0', appliesTo: 'training-code' }, { spdx: 'ODbL-1.0', appliesTo: 'training-data' }],
        aiSystem: { modelWeights: { location: 'https://x.org/w' }, trainingCode: { location: 'train' }, trainingData: { location: 'https://x.org/d' } },
      },
      expect: [{ status: 'pass', messageId: 'open', evidence: 'licenses[0].spdx' }, { status: 'pass', messageId: 'open' }, { status: 'pass', messageId: 'open' }],
    },
      {
      name: 'undeclared training code and model files in the tree, under the project licence',
      files: {
        LICENSE: MIT_FULL,
        'train.py': 'model.fit(x, y, epochs=10)\n',
        'models/classifier.h5': '',
      },
      declaration: { ...aimodel, aiSystem: { trainingData: { location: 'https://data.example.org/leaves', license: 'CC-BY-4.0' } } },
      expect: [
        { status: 'pass', messageId: 'foundOpen', evidence: 'models/classifier.h5' },
        { status: 'pass', messageId: 'foundOpen', evidence: 'train.py' },
        { status: 'pass', messageId: 'open' },
      ],
    },
  ],
  invalid: [
    { name: 'no declaration', declaration: null, types: ['aimodel'], expect: [{ status: 'gap', messageId: 'noDeclaration' }] },
    {
      name: 'no aiSystem at all, nothing in the repository: gaps, never fails',
      declaration: aimodel,
      expect: [{ status: 'gap', messageId: 'notFound', evidence: 'aiSystem' }, { status: 'gap', messageId: 'notFound' }, { status: 'gap', messageId: 'notFound' }],
    },
    {
      name: 'nothing declared; a training notebook, a Hugging Face model link and a data folder with its own licence',
      files: {
        LICENSE: MIT_FULL,
        'README.md': '# Leaf model\n\nDownload the trained weights from https://huggingface.co/example-org/leaf-classifier.\n',
        'notebooks/explore.ipynb': '{"cells": [{"source": ["df.describe()"]}]}',
        'notebooks/leaf-model.ipynb': '{"cells": [{"source": ["history = model.fit(train_images, epochs=5)"]}]}',
        'data/images/leaf-001.jpg': '',
        'data/LICENSE': spdxText('CC-BY-4.0'),
      },
      declaration: aimodel,
      expect: [
        { status: 'gap', messageId: 'foundUndeclared', evidence: 'README.md' },
        { status: 'pass', messageId: 'foundOpen', evidence: 'notebooks/leaf-model.ipynb' },
        { status: 'gap', messageId: 'foundUndeclared', evidence: 'data/LICENSE' },
      ],
    },
    {
      name: 'training scripts in test fixtures and a Zenodo release badge are not the components',
      files: {
        LICENSE: MIT_FULL,
        'README.md': '# Tool\n\n[![DOI](https://zenodo.org/badge/DOI/10.5281/zenodo.1234.svg)](https://doi.org/10.5281/zenodo.1234)\n',
        'tests/fixtures/train.py': 'model.fit(x, y)\n',
        'tests/fixtures/model.pkl': '',
      },
      declaration: aimodel,
      expect: [{ status: 'gap', messageId: 'notFound' }, { status: 'gap', messageId: 'notFound' }, { status: 'gap', messageId: 'notFound' }],
    },
    {
      name: 'model files in a tree with no identified licence',
      files: { 'weights/model.onnx': '', 'training/prepare.py': '' },
      declaration: { ...aimodel, aiSystem: { trainingData: { location: 'https://x.org/d', license: 'CC0-1.0' } } },
      expect: [{ status: 'gap', messageId: 'foundUndeclared', evidence: 'weights/model.onnx' }, { status: 'gap', messageId: 'foundUndeclared', evidence: 'training/prepare.py' }, { status: 'pass', messageId: 'open' }],
    },
    {
      name: 'weights declared unlicensed fail',
      declaration: { ...aimodel, aiSystem: { modelWeights: { location: 'https://x.org/w', license: 'NONE' }, trainingCode: { location: 'https://x.org/c', license: 'MIT' }, trainingData: { location: 'https://x.org/d', license: 'CC0-1.0' } } },
      expect: [{ status: 'fail', messageId: 'notApproved', evidence: 'aiSystem.modelWeights.license' }, { status: 'pass', messageId: 'open' }, { status: 'pass', messageId: 'open' }],
    },
    {
      name: 'weights only, data under a non-open licence',
      files: { 'train/x.py': '' },
      declaration: { ...aimodel, aiSystem: { modelWeights: { location: 'https://x.org/w', license: 'LicenseRef-OpenRAIL-M' }, trainingData: { location: 'https://x.org/d', license: 'CC-BY-NC-4.0' } } },
      expect: [{ status: 'fail', messageId: 'notApproved', evidence: 'aiSystem.modelWeights.license' }, { status: 'gap', messageId: 'foundUndeclared', evidence: 'train/x.py' }, { status: 'fail', messageId: 'notApproved' }],
    },
    {
      name: 'locations and licences incomplete',
      files: { 'README.md': '' },
      declaration: {
        ...aimodel,
        aiSystem: { modelWeights: { license: 'Apache-2.0' }, trainingCode: { location: '../elsewhere', license: 'MIT' }, trainingData: { location: 'data/', license: 'CC BY' } },
      },
      expect: [
        { status: 'gap', messageId: 'noLocation' },
        { status: 'gap', messageId: 'locationOutside', evidence: 'aiSystem.trainingCode.location' },
        { status: 'gap', messageId: 'locationMissing' },
        { status: 'gap', messageId: 'unparseable' },
      ],
    },
    {
      name: 'location without licence',
      declaration: { ...aimodel, aiSystem: { modelWeights: { location: 'https://x.org/w', license: 'MIT' }, trainingCode: { location: 'https://x.org/c' }, trainingData: { location: 'https://x.org/d', license: 'CC0-1.0' } } },
      expect: [{ status: 'pass', messageId: 'open' }, { status: 'gap', messageId: 'noLicense', evidence: 'aiSystem.trainingCode' }, { status: 'pass', messageId: 'open' }],
    },
  ],
});

describe('ai-components-licensed', () => {
  it('is n/a for other solution types', async () => {
    const findings = await runRuleCase(aiComponentsLicensed, { name: 'sw', declaration: software });
    expect(findings.map((f) => f.status)).toEqual(['n/a']);
  });

  it('cites DPG Standard 1.1.7 for a missing part, and says what it looked for', async () => {
    const findings = await runRuleCase(aiComponentsLicensed, { name: 'missing', declaration: aimodel });
    expect(findings[0]?.message).toContain('1.1.7');
    expect(findings.map((f) => f.message.split(',')[0])).toEqual(['Nothing is declared for the model weights', 'Nothing is declared for the training code', 'Nothing is declared for the training data']);
    expect(findings[1]?.message).toContain('no training script (train*.py)');
  });

  it('reports what it found, with the data folder\'s own licence', async () => {
    const findings = await runRuleCase(aiComponentsLicensed, {
      name: 'found',
      files: { 'README.md': 'Weights: https://huggingface.co/org/model\nTraining images: https://www.kaggle.com/datasets/org/leaves\n', 'dataset/a.csv': '', 'dataset/LICENSE': spdxText('CC-BY-4.0') },
      declaration: aimodel,
    });
    expect(findings[0]?.message).toContain('a Hugging Face link in README.md line 1 (https://huggingface.co/org/model');
    expect(findings[2]?.message).toContain('the data folder dataset/ (2 files, with its own licence CC-BY-4.0 (dataset/LICENSE');
    expect(findings[2]?.message).toContain('a Kaggle link in README.md line 2');
  });
});

const MIT_RESTRICTED = MIT_FULL.replace('portions of the Software.\n', 'portions of the Software.\n\nThe Software may not be used for military purposes.\n');

RuleTester.run(licenseText, {
  valid: [
    { name: 'a standard MIT text', files: { LICENSE: MIT_FULL }, declaration: software, expect: [{ status: 'pass', messageId: 'standard', evidence: 'LICENSE' }] },
    { name: 'licences named by manifests only', files: { 'package.json': '{"license": "MIT"}' }, declaration: software, expect: [{ status: 'pass', messageId: 'notLicenseText', evidence: 'package.json' }] },
    {
      // npm scaffolds private packages with "UNLICENSED": inside an MIT candidate, with no licence file of its own, a note.
      name: 'a sub-package manifest naming no licence, inside a licensed candidate',
      files: { LICENSE: MIT_FULL, 'services/api/package.json': '{"private": true, "license": "UNLICENSED"}' },
      declaration: software,
      expect: [{ status: 'pass', messageId: 'standard', evidence: 'LICENSE' }, { status: 'pass', messageId: 'componentUnidentified', evidence: 'services/api/package.json' }],
    },
    {
      // inasafe: setup.py says license="GPL" beside the GPL-3.0 text.
      name: 'a manifest naming GPL without a version beside the GPL-3.0 text',
      files: { 'setup.py': 'setup(\n    name="x",\n    license="GPL",\n)\n', 'LICENSE.txt': GPL3_TEXT },
      declaration: software,
      expect: [{ status: 'pass', messageId: 'standard', evidence: 'LICENSE.txt' }, { status: 'pass', messageId: 'versionInText', evidence: 'setup.py', message: 'setup.py names "GPL" without a version, and the licence text beside it says which: LICENSE.txt is GPL-3.0.' }],
    },
    {
      // automated-data-agreements: PyPI's classifier in poetry's licence field; the classifier has no version to give.
      name: 'the Apache trove classifier as a pyproject licence beside the Apache-2.0 text',
      files: { 'pyproject.toml': '[tool.poetry]\nname = "x"\nlicense = "License :: OSI Approved :: Apache Software License"\n', LICENSE: spdxText('Apache-2.0') },
      declaration: software,
      expect: [{ status: 'pass', messageId: 'standard', evidence: 'LICENSE' }, { status: 'pass', messageId: 'versionInText', evidence: 'pyproject.toml' }],
    },
    {
      // harmony: the root package.json kept the copyright line of the code's proprietary days; npm never publishes a
      // private package, and the AGPL text beside it is the licence.
      name: 'a private package.json whose licence field is a copyright line, beside a licence text',
      files: { 'package.json': '{\n  "name": "web",\n  "license": "Copyright Example Technologies",\n  "private": true\n}\n', LICENSE: spdxText('MIT') },
      declaration: software,
      expect: [
        { status: 'pass', messageId: 'standard', evidence: 'LICENSE' },
        { status: 'pass', messageId: 'privateBesideText', evidence: 'package.json', message: 'package.json says "Copyright Example Technologies", which names no licence, but the package is private (`"private": true`: npm never publishes it) and LICENSE beside it is MIT: that text is the licence. Setting the field to MIT would make the two agree.' },
      ],
    },
    {
      name: 'a private package.json saying UNLICENSED, as npm scaffolds it, beside a licence text',
      files: { 'package.json': '{"name": "api", "private": true, "license": "UNLICENSED"}', 'LICENSE.md': spdxText('Apache-2.0') },
      declaration: software,
      expect: [{ status: 'pass', messageId: 'standard', evidence: 'LICENSE.md' }, { status: 'pass', messageId: 'privateBesideText', evidence: 'package.json' }],
    },
    {
      name: 'a how-to named like a licence file beside the licence: not read as a custom licence',
      files: { LICENSE: MIT_TEXT, 'docs/config/sdk-license.md': SDK_LICENSE_HOWTO },
      declaration: software,
      expect: [{ status: 'pass', messageId: 'standard', evidence: 'LICENSE' }],
    },
    {
      // cht-core's scripts/ci/andra-bot-messages/license-changed.md: a bot's reply to a PR whose licence section was edited.
      name: 'a message named license-<something> beside the licence: not read as a custom licence, while LICENSE-MIT is',
      files: {
        LICENSE: MIT_TEXT,
        'scripts/ci/bot-messages/license-changed.md': 'The `License` section of the PR description has been modified. Please restore the original license text from the pull request template.\n',
        'vendor-free/LICENSE-MIT': 'MIT\n',
      },
      declaration: software,
      expect: [{ status: 'pass', messageId: 'standard', evidence: 'LICENSE', message: /vendor-free\/LICENSE-MIT/ }],
    },
  ],
  invalid: [
    {
      // The words of a grant make it a licence to read, however short or custom; a LICENSE name is always read.
      name: 'a custom grant in a <name>-license file, and a how-to in a file named LICENSE.md',
      files: { LICENSE: MIT_TEXT, 'fonts/font-license.txt': 'You may use these fonts in any app, free of charge.\nNo warranty.\n', 'docs/LICENSE.md': SDK_LICENSE_HOWTO },
      declaration: software,
      expect: [{ status: 'pass', messageId: 'standard', evidence: 'LICENSE' }, { status: 'gap', messageId: 'unidentified', evidence: 'docs/LICENSE.md' }, { status: 'gap', messageId: 'unidentified', evidence: 'fonts/font-license.txt' }],
    },
    {
      // Published to npm, the field is the package's licence: UNLICENSED there grants nothing, whatever LICENSE says.
      name: 'a package.json saying UNLICENSED beside a licence text, not private',
      files: { 'package.json': '{"name": "api", "license": "UNLICENSED"}', LICENSE: spdxText('MIT') },
      declaration: software,
      expect: [{ status: 'pass', messageId: 'standard', evidence: 'LICENSE' }, { status: 'gap', messageId: 'unidentified', evidence: 'package.json' }],
    },
    {
      // sunbird-uci: a README naming MIT is a notice, not the licence's text; dpg-2-03 asks for the file.
      name: 'a private package.json saying UNLICENSED beside a README notice only',
      files: { 'package.json': '{"name": "api", "private": true, "license": "UNLICENSED"}', 'README.md': '# api\n\nLicensed under the MIT License.\n' },
      declaration: software,
      expect: [{ status: 'pass', messageId: 'standard', evidence: 'README.md' }, { status: 'gap', messageId: 'unidentified', evidence: 'package.json' }],
    },
    {
      // A value naming a licence family is not a marker: a private package saying GPL beside an MIT text disagrees.
      name: 'a private package.json naming GPL beside an MIT text',
      files: { 'package.json': '{"name": "api", "private": true, "license": "GPL"}', LICENSE: spdxText('MIT') },
      declaration: software,
      expect: [{ status: 'pass', messageId: 'standard', evidence: 'LICENSE' }, { status: 'gap', messageId: 'unidentified', evidence: 'package.json' }],
    },
    {
      // "GPL" is not the family of the LGPL text beside it: which licence is meant stays a question.
      name: 'a versionless GPL beside an LGPL text only',
      files: { 'setup.py': 'setup(license="GPL")\n', 'COPYING.LESSER': LGPL3_TEXT },
      declaration: software,
      expect: [{ status: 'pass', messageId: 'standard', evidence: 'COPYING.LESSER' }, { status: 'gap', messageId: 'unidentified', evidence: 'setup.py' }],
    },
    {
      name: 'the root manifest says GPL without a version: NOASSERTION, a person says which',
      files: { 'package.json': '{"license": "GPL"}' },
      declaration: software,
      expect: [{ status: 'gap', messageId: 'unidentified', evidence: 'package.json' }],
    },
    {
      name: 'an MIT text with a restricting sentence added',
      files: { LICENSE: MIT_RESTRICTED },
      declaration: { ...software, licenses: [{ spdx: 'MIT', evidence: ['LICENSE'] }] },
      expect: [{ status: 'gap', messageId: 'modified', evidence: 'LICENSE' }],
    },
    {
      name: 'a custom licence, an empty file and a copyright-only file',
      files: { LICENSE: 'You may use this software only for good purposes, and only in Kenya, after writing to us for permission.\n', 'COPYING': '', 'LICENSE.txt': 'Copyright (c) 2024 Example Org\n' },
      declaration: software,
      expect: [{ status: 'gap', messageId: 'unidentified', evidence: 'LICENSE' }, { status: 'gap', messageId: 'unidentified', evidence: 'LICENSE.txt' }, { status: 'gap', messageId: 'unidentified', evidence: 'COPYING' }],
    },
  ],
});

describe('license-text and the other rules on a modified licence', () => {
  it('shows the added sentence and where it is', async () => {
    const [finding] = await runRuleCase(licenseText, { name: 'm', files: { LICENSE: MIT_RESTRICTED }, declaration: software });
    expect(finding?.message).toContain('LICENSE is probably MIT');
    expect(finding?.message).toContain('added "the software may not be used for military purposes"');
  });

  it('never passes the modified text as plain MIT', async () => {
    const approved = await runRuleCase(licenseApproved, { name: 'a', files: { LICENSE: MIT_RESTRICTED }, declaration: null });
    expect(approved.map((f) => `${f.status} ${f.messageId}`)).toEqual(['gap unclearFound']);
    expect(approved[0]?.message).toContain('probably MIT, modified');
    const consistent = await runRuleCase(licenseConsistent, { name: 'c', files: { LICENSE: MIT_RESTRICTED }, declaration: { ...software, licenses: [{ spdx: 'MIT' }] } });
    expect(consistent.map((f) => f.messageId)).toEqual(['nothingFound']);
    expect(consistent[0]?.message).toContain('probably MIT, modified');
  });

  it('asks which licence applies when a modified licence is not the declared one (ekitabu)', async () => {
    // ekitabu's license.md, probably CC-BY-SA-4.0 with a CC BY-NC notice above it, against a declared BSD-3-Clause.
    const consistent = await runRuleCase(licenseConsistent, { name: 'd', files: { LICENSE: MIT_RESTRICTED }, declaration: { ...software, licenses: [{ spdx: 'Apache-2.0' }] } });
    expect(consistent.map((f) => `${f.status} ${f.messageId}`)).toEqual(['gap declaredNoFile', 'gap unclearDiffers']);
    expect(consistent[1]?.message).toContain('LICENSE is probably MIT, with changes');
    expect(consistent[1]?.message).toContain('the declared Apache-2.0 does not cover it');
  });

  it('names the licence of each licence file under indicator 2', async () => {
    const [finding] = await runRuleCase(licenseFile, { name: 'f', files: { LICENSE: MIT_FULL, 'LICENSE-DATA': spdxText('CC-BY-4.0') }, declaration: software });
    expect(finding?.message).toBe('Licence file(s) in the candidate: LICENSE (MIT) and LICENSE-DATA (CC-BY-4.0).');
  });
});

describe('repositoryOfUrl: the repository a licence evidence link is in', () => {
  it('names GitHub, GitLab (groups) and raw URLs by host/owner/name, and nothing for what is no http(s) URL', () => {
    expect(repositoryOfUrl('https://github.com/MSH/OpenRIMS/blob/main/LICENSE')).toBe('github.com/msh/openrims');
    expect(repositoryOfUrl('https://www.github.com/msh/openrims.git')).toBe('github.com/msh/openrims');
    expect(repositoryOfUrl('https://raw.githubusercontent.com/msh/openrims/main/LICENSE')).toBe('github.com/msh/openrims');
    expect(repositoryOfUrl('https://gitlab.com/group/sub/project/-/blob/main/LICENSE')).toBe('gitlab.com/group/sub/project');
    expect(repositoryOfUrl('https://github.com/msh/pharmadex2')).not.toBe(repositoryOfUrl('https://github.com/MSH/OpenRIMS/blob/main/LICENSE'));
    expect([repositoryOfUrl('LICENSE'), repositoryOfUrl('ftp://x.org/a/b'), repositoryOfUrl('https://example.org/licence'), repositoryOfUrl('https://x.org/%E0%A4%A/b')]).toEqual([undefined, undefined, undefined, 'x.org/%E0%A4%A/b'.toLowerCase()]);
  });
  it('pathOfUrl: the path of the checked tree a URL into the checked repository points at, whatever the ref', () => {
    const here = 'github.com/org/app';
    const paths = ['data/a.csv', 'docs/guide.md', 'LICENSE'];
    expect(pathOfUrl('https://github.com/org/app/tree/main/data', here, paths)).toBe('data');
    expect(pathOfUrl('https://github.com/Org/App/blob/release/2.0/docs/guide.md', here, paths)).toBe('docs/guide.md');
    expect(pathOfUrl('https://raw.githubusercontent.com/org/app/main/LICENSE', here, paths)).toBe('LICENSE');
    expect(pathOfUrl('https://gitlab.com/org/app/-/tree/main/data', 'gitlab.com/org/app', paths)).toBe('data');
    // Another repository, the repository's page, a path the tree lacks, an issue page, no checked repository.
    expect([
      pathOfUrl('https://github.com/org/datasets/tree/main/data', here, paths),
      pathOfUrl('https://github.com/org/app', here, paths),
      pathOfUrl('https://github.com/org/app/tree/main/missing', here, paths),
      pathOfUrl('https://github.com/org/app/issues/12', here, paths),
      pathOfUrl('https://github.com/org/app/tree/main/data', undefined, paths),
    ]).toEqual([undefined, undefined, undefined, undefined, undefined]);
  });
});
