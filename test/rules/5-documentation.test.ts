import { describe, it, expect } from 'vitest';
import { RuleTester, runRuleCase } from '../../src/testing/rule-tester.js';
import type { Declaration } from '../../src/declaration/types.js';
import { rules } from '../../rules/5-documentation/index.js';
import { readmeUsable as readmeUsableDraft } from '../../rules/5-documentation/readme-usable.js';
import { documentationAvailable as documentationAvailableDraft } from '../../rules/5-documentation/documentation-available.js';
import { dataDictionary as dataDictionaryDraft } from '../../rules/5-documentation/data-dictionary.js';
import { modelCard as modelCardDraft } from '../../rules/5-documentation/model-card.js';
import { headings } from '../../src/helpers.js';
import { apiDocumentation as apiDocumentationDraft } from '../../rules/5-documentation/api-documentation.js';
import { contentAccess as contentAccessDraft } from '../../rules/5-documentation/content-access.js';
import { builtIn } from '../rules-support.js';

const readmeUsable = builtIn(readmeUsableDraft);
const documentationAvailable = builtIn(documentationAvailableDraft);
const dataDictionary = builtIn(dataDictionaryDraft);
const modelCard = builtIn(modelCardDraft);
const apiDocumentation = builtIn(apiDocumentationDraft);
const contentAccess = builtIn(contentAccessDraft);

const software: Declaration = { name: 'Example', types: ['software'] };
const data: Declaration = { name: 'Example data', types: ['data'] };
const model: Declaration = { name: 'Example model', types: ['aimodel'] };
/** About fifty words of ordinary README prose. */
const PROSE = 'Example helps district health teams record visits, plan outreach and share reports with the ministry. It works offline on cheap phones and synchronises when a connection is available. This guide explains what you need, how to set it up on a server and how to use it day to day.';

const FULL_README = `# Example

${PROSE}

## Installation

\`\`\`sh
git clone https://example.org/example.git
npm install
\`\`\`

## Running

\`\`\`sh
npm start
\`\`\`

## Usage

Open http://localhost:3000 and sign in with the administrator account.
`;

describe('indicator 5 rules', () => {
  it('exports its rules with stable ids', () => {
    expect(rules.map((r) => `${r.meta.id} ${r.meta.alias}`)).toEqual(['dpg-5-01 readme-usable', 'dpg-5-02 documentation-available', 'dpg-5-03 data-dictionary', 'dpg-5-04 model-card', 'dpg-5-05 content-access', 'dpg-5-06 api-documentation']);
  });

  it('finds Markdown, setext, reStructuredText and bold headings, skipping code and front matter', () => {
    const text = '---\nlicense: mit\n---\n# Title\n\nSetup\n=====\n\n```\n# not a heading\n```\n**Usage**\n\nRunning\n-------\n';
    expect(headings(text).map((h) => `${h.line}:${h.text}`)).toEqual(['4:Title', '6:Setup', '12:Usage', '14:Running']);
  });
});

RuleTester.run(readmeUsable, {
  valid: [
    { name: 'README with install, run and usage sections', declaration: software, files: { 'README.md': FULL_README }, expect: [{ status: 'pass', messageId: 'usable', evidence: 'README.md' }] },
    {
      name: 'reStructuredText README, topics found by heading and command',
      declaration: null,
      files: { 'README.rst': `Example\n=======\n\n${PROSE}\n\nGetting started\n---------------\n\n::\n\n    pip install example\n\nUsing the command line\n----------------------\n\nRun \`example --help\` to list the commands.\n` },
      expect: [{ status: 'pass', messageId: 'usable', evidence: 'README.rst' }],
    },
    {
      name: 'a library: install and usage, nothing to run',
      declaration: software,
      files: { 'README.md': `# lib\n\n${PROSE}\n\n## Install\n\n    $ npm install lib\n\n## Usage\n\nImport it and call \`parse()\`.\n` },
      expect: [{ status: 'pass', messageId: 'usable' }],
    },
    {
      name: 'an open standard only needs usage',
      declaration: { name: 'Spec', types: ['standard'] },
      files: { 'README.md': `# The spec\n\n${PROSE}\n\n## Specification\n\nThe normative text is in spec.md.\n` },
      expect: [{ status: 'pass', messageId: 'usable' }],
    },
  ],
  invalid: [
    { name: 'declaration only, no repository files', declaration: software, files: {}, expect: [{ status: 'gap', messageId: 'noRepository' }] },
    { name: 'no README and no documentation', declaration: null, files: { 'src/index.js': 'export {};\n' }, expect: [{ status: 'fail', messageId: 'noReadme' }] },
    { name: 'no README but a docs folder', declaration: software, files: { 'docs/index.md': '# Docs\n' }, expect: [{ status: 'gap', messageId: 'noReadmeDocsElsewhere', evidence: 'docs/' }] },
    { name: 'README that is only a title', declaration: software, files: { 'README.md': '# Example\n\nA tool.\n' }, expect: [{ status: 'fail', messageId: 'tooShort', evidence: 'README.md' }] },
    {
      name: 'short README pointing at a documentation site',
      declaration: software,
      files: { 'README.md': '# Example\n\nSee the [documentation](https://docs.example.org/) to get started.\n' },
      expect: [{ status: 'gap', messageId: 'tooShortDocsElsewhere', evidence: 'README.md' }],
    },
    {
      name: 'README without run or usage; prose mentioning Python is not a command',
      declaration: software,
      files: { 'README.md': `# Example\n\n${PROSE}\n\n## Install\n\nPython is required.\n` },
      expect: [{ status: 'gap', messageId: 'sectionsMissing', evidence: 'README.md' }],
    },
    {
      name: 'README with prose only',
      declaration: software,
      files: { 'README.md': `# Example\n\n${PROSE}\n` },
      expect: [{ status: 'gap', messageId: 'sectionsMissing' }],
    },
  ],
});

RuleTester.run(documentationAvailable, {
  valid: [
    { name: 'a docs folder', declaration: software, files: { 'README.md': FULL_README, 'docs/install.md': '# Install\n', 'docs/usage.md': '# Usage\n' }, expect: [{ status: 'pass', messageId: 'found', evidence: 'docs/' }] },
    { name: 'an MkDocs configuration', declaration: null, files: { 'mkdocs.yml': 'site_name: Example\n' }, expect: [{ status: 'pass', messageId: 'found', evidence: 'mkdocs.yml' }] },
    { name: 'a Sphinx conf.py', declaration: null, files: { 'source/conf.py': "extensions = ['sphinx.ext.autodoc']\n" }, expect: [{ status: 'pass', messageId: 'found', evidence: 'source/conf.py' }] },
    {
      name: 'declared documentation link, declaration only',
      declaration: { ...software, documentation: { links: ['https://docs.example.org'] } },
      files: {},
      expect: [{ status: 'pass', messageId: 'found', evidence: 'documentation.links' }],
    },
    {
      // gibbon's README: its documentation site is on a host of the declared website.
      name: 'the README links the documentation site on the declared website',
      declaration: { name: 'Gibbon', types: ['software'], website: ['https://gibbonedu.org'] },
      files: { 'README.md': `${FULL_README}\n## Documentation\n\nFor full documentation, visit [docs.gibbonedu.org](https://docs.gibbonedu.org).\n` },
      expect: [{ status: 'pass', messageId: 'found', evidence: 'README.md' }],
    },
    {
      // growstuff's README: "[Wiki](https://github.com/Growstuff/growstuff/wiki) (general documentation, etc.)".
      name: 'the README links the wiki of the declared repository',
      declaration: { name: 'Growstuff', types: ['software'], repositories: [{ url: 'https://github.com/Growstuff/growstuff' }] },
      files: { 'README.md': `${FULL_README}\n* [Wiki](https://github.com/Growstuff/growstuff/wiki) (general documentation, etc.)\n` },
      expect: [{ status: 'pass', messageId: 'found', evidence: 'README.md' }],
    },
    {
      name: 'the README names its documentation site, a host naming the candidate, as a bare address',
      declaration: { name: 'OpenHIM', types: ['software'] },
      files: { 'README.md': `${FULL_README}\nFull documentation: http://openhim.org/docs.\n` },
      expect: [{ status: 'pass', messageId: 'found', evidence: 'README.md' }],
    },
    {
      // opencrvs's README: HTML links in a row, the documentation's among them.
      name: 'the README links its documentation in HTML',
      declaration: { name: 'OpenCRVS', types: ['software'] },
      files: { 'README.md': `${FULL_README}\n<a href="https://github.com/opencrvs/opencrvs-core/issues">Report an issue</a> · <a href="https://documentation.opencrvs.org">Read our documentation</a> · <a href="https://www.opencrvs.org">www.opencrvs.org</a>\n` },
      expect: [{ status: 'pass', messageId: 'found', message: /documentation\.opencrvs\.org, linked from README\.md line \d+\./ }],
    },
    {
      // iFIX (digit public finance management) declares ifix.digit.org; its README links "## [Documentation](https://pfm.digit.org/)".
      name: 'the README links a documentation site on another host of the declared website\'s domain',
      declaration: { name: 'iFIX', types: ['software'], website: ['https://ifix.digit.org'] },
      files: { 'README.md': `${FULL_README}\n## [Documentation](https://pfm.digit.org/)\n` },
      expect: [{ status: 'pass', messageId: 'found', evidence: 'README.md' }],
    },
    {
      // ur-scape's README: "### Documentation … [Wiki](https://wiki.ur-scape.com)", a hyphen in the host.
      name: 'the README links a documentation host whose name has a hyphen',
      declaration: { name: 'ur-scape', types: ['software'] },
      files: { 'README.md': `${FULL_README}\n### Documentation\n\n[Wiki](https://wiki.ur-scape.com)\n` },
      expect: [{ status: 'pass', messageId: 'found', evidence: 'README.md' }],
    },
    {
      // magicbox-open-api's README links the wiki of unicef/magicbox, a sibling repository.
      name: 'the README links the wiki of a sibling repository of the same owner',
      declaration: { name: 'Magic Box API', types: ['software'], repositories: [{ url: 'https://github.com/unicef/magicbox-open-api' }] },
      files: { 'README.md': `${FULL_README}\nSee the [Magic Box Wiki](https://github.com/unicef/magicbox/wiki) for documentation.\n` },
      expect: [{ status: 'pass', messageId: 'found', evidence: 'README.md' }],
    },
    {
      // PViMS's Manuals/ folder: the admin, database, deployment and programmers' manuals.
      name: 'a Manuals folder',
      declaration: software,
      files: { 'README.md': FULL_README, 'Manuals/Admin Manual.pdf': '%PDF-1.4\n' },
      expect: [{ status: 'pass', messageId: 'found', evidence: 'Manuals/' }],
    },
    {
      // iota.js: a monorepo whose packages keep their API pages in packages/<name>/docs/.
      name: "a docs folder at the root of a monorepo's package",
      declaration: software,
      files: { 'README.md': FULL_README, 'packages/iota/docs/api.md': '# API\n', 'packages/iota/src/index.ts': 'export {};\n' },
      expect: [{ status: 'pass', messageId: 'found', evidence: 'packages/iota/docs/' }],
    },
    {
      // ekshop's registry answer lists its documentation repository under repositories, named "documentation".
      name: 'a declared repository named as documentation',
      declaration: { ...software, repositories: [{ url: 'https://github.com/a2i-dpg/ekShop', name: 'main' }, { url: 'https://github.com/a2i-dpg/ekShop-doc', name: 'documentation' }] },
      files: { 'README.md': FULL_README },
      expect: [{ status: 'pass', messageId: 'found', evidence: 'repositories[1]' }],
    },
  ],
  invalid: [
    {
      // Another project's documentation names documentation too: the address must be the candidate's own.
      name: 'the README links another project\'s documentation, and its own site with no word of documentation',
      // A website given as the repository's page (as many registry answers do) makes no other GitHub page its own.
      declaration: { name: 'Gibbon', types: ['software'], website: ['https://gibbonedu.org', 'https://gibbonedu.github.io', 'https://github.com/GibbonEdu/core'], repositories: [{ url: 'https://github.com/GibbonEdu/core' }] },
      files: { 'README.md': `${FULL_README}\n# Developer Documentation\n\n* [Spring documentation](https://docs.spring.io/spring/docs/4.1.x/)\n* Visit [our website](https://gibbonedu.org) and [the repository](https://github.com/GibbonEdu/core).\n* [Docs for GitHub](https://github.com/docs/docs/wiki)\n* ![docs](https://github.com/GibbonEdu/core/workflows/docs/badge.svg) [issues needing docs](https://github.com/GibbonEdu/core/labels/docs)\n* [documentation issues](https://github.com/GibbonEdu/docs-site/issues)\n* [Pages documentation](https://gibbon-other.github.io/docs/)\n* [Spring documentation wiki](https://github.com/spring-projects/spring-framework/wiki)\n` },
      expect: [{ status: 'gap', messageId: 'none', evidence: 'documentation.links' }],
    },
    { name: 'nothing found, nothing declared', declaration: software, files: { 'README.md': FULL_README }, expect: [{ status: 'gap', messageId: 'none', evidence: 'documentation.links' }] },
    // your-priorities' pattern: a JSDoc configuration, but that of video.js in a Bower folder kept aside.
    { name: 'a vendored library\'s JSDoc configuration', declaration: software, files: { 'README.md': FULL_README, 'webApps/old/client/bower_components.safe/video.js/.jsdoc.json': '{ "source": { "include": ["src/js/"] } }' }, expect: [{ status: 'gap', messageId: 'none', evidence: 'documentation.links' }] },
    {
      // Only a package's own root: a docs folder inside its tests, or in an example app, is not the candidate's documentation.
      name: 'docs folders deeper in a package, or in an example',
      declaration: software,
      files: { 'README.md': FULL_README, 'packages/iota/test/docs/fixture.md': '# x\n', 'examples/app/docs/readme.md': '# x\n', 'packages/docs': 'x\n' },
      expect: [{ status: 'gap', messageId: 'none', evidence: 'documentation.links' }],
    },
    { name: 'nothing found, no declaration', declaration: null, files: { 'README.md': FULL_README }, expect: [{ status: 'gap', messageId: 'noDeclarationNone' }] },
    { name: 'a conf.py that is not Sphinx', declaration: software, files: { 'conf.py': 'DEBUG = True\n' }, expect: [{ status: 'gap', messageId: 'none' }] },
    {
      name: 'declared path that does not exist',
      declaration: { ...software, documentation: { links: ['docs/missing.md'] } },
      files: { 'README.md': FULL_README },
      expect: [{ status: 'gap', messageId: 'linkNotFound', evidence: 'documentation.links[0]' }],
    },
    {
      name: 'a docs folder and a broken declared link',
      declaration: { ...software, documentation: { links: ['../outside.md'] } },
      files: { 'doc/guide.md': '# Guide\n' },
      expect: [{ status: 'pass', messageId: 'found', evidence: 'doc/' }, { status: 'gap', messageId: 'linkNotFound', evidence: 'documentation.links[0]' }],
    },
  ],
});

RuleTester.run(dataDictionary, {
  valid: [
    {
      name: 'datapackage.json with sources',
      declaration: data,
      files: { 'datapackage.json': '{\n  "name": "x",\n  "sources": [{ "title": "Census 2020" }],\n  "resources": []\n}\n', 'data/x.csv': 'a,b\n' },
      expect: [{ status: 'pass', messageId: 'documented', evidence: 'datapackage.json' }],
    },
    {
      name: 'README sections on fields and sources',
      declaration: data,
      files: { 'README.md': '# Data\n\n## Fields\n\n| field | meaning |\n\n## Data sources and methodology\n\nCollected by survey.\n' },
      expect: [{ status: 'pass', messageId: 'documented', evidence: 'README.md' }],
    },
    {
      name: 'Hugging Face dataset card metadata',
      declaration: data,
      files: { 'README.md': '---\nsource_datasets:\n- original\ndataset_info:\n  features:\n  - name: text\n---\n# Card\n' },
      expect: [{ status: 'pass', messageId: 'documented' }],
    },
    {
      name: 'a dictionary file, provenance as a labelled line and as a sentence',
      declaration: { ...data, documentation: { links: ['data-dictionary.md'] } },
      files: { 'README.md': '# Registry\n\nData comes from the ministries of health.\n', 'data-dictionary.md': '# Data dictionary\n\n| field | type |\n\nProvenance: master facility lists.\n' },
      expect: [{ status: 'pass', messageId: 'documented', evidence: 'README.md' }],
    },
    { name: 'does not apply to software', declaration: software, files: { 'README.md': '# x\n' } },
  ],
  invalid: [
    {
      name: 'a codebook but nothing on provenance',
      declaration: data,
      files: { 'README.md': '# Data\n\nA table.\n', 'docs/codebook.csv': 'field,meaning\n' },
      expect: [{ status: 'pass', messageId: 'fields', evidence: 'docs/codebook.csv' }, { status: 'gap', messageId: 'noProvenance' }],
    },
    {
      name: 'provenance but no fields',
      declaration: data,
      files: { 'README.md': '# Data\n\n## Methodology\n\nCollected by survey.\n' },
      expect: [{ status: 'gap', messageId: 'noFields', evidence: 'README.md' }],
    },
    { name: 'nothing at all', declaration: data, files: { 'data/x.csv': 'a,b\n' }, expect: [{ status: 'gap', messageId: 'none', evidence: 'documentation.links' }] },
    {
      // healthsites: an API test fixture named schema.json (no field in it), an example's and a test's data package.
      name: 'schema files of tests and examples describe no field of the data set',
      declaration: data,
      files: {
        'README.md': '# Sites\n\n## Sources\n\nCollected from OpenStreetMap.\n',
        'django_project/api/fixtures/schema.json': '{ "type": "document", "facilities": { "fields": [] } }\n',
        'examples/datapackage.json': '{ "name": "demo", "resources": [] }\n',
        'tests/data/codebook.csv': 'field,meaning\n',
      },
      expect: [{ status: 'gap', messageId: 'noFields', evidence: 'README.md' }],
    },
    { name: 'no declaration, typed as data', declaration: null, types: ['data'], files: { 'x.csv': 'a\n' }, expect: [{ status: 'gap', messageId: 'none' }] },
  ],
});

const CARD = `# Model card

## Intended use

Triage of chest X-rays.

## Training data

40,000 anonymised images.

## Model architecture

DenseNet-121.

## Evaluation

AUC 0.91 on a held-out set.

## Limitations and bias

Not validated on paediatric images.

## Ethical considerations

Radiologists always confirm.

## Inference

Run \`python predict.py image.png\`.

## Retraining

Run \`python train.py --data xrays/\`.
`;

RuleTester.run(modelCard, {
  valid: [
    { name: 'MODEL_CARD.md with every checklist item', declaration: model, files: { 'MODEL_CARD.md': CARD }, expect: [{ status: 'pass', messageId: 'complete', evidence: 'MODEL_CARD.md' }] },
    { name: 'fixture: model card with commands in code blocks', fixture: 'fixtures/candidates-evidence/ai-model-card', expect: [{ status: 'pass', messageId: 'complete', evidence: 'MODEL_CARD.md' }] },
    {
      name: 'a Hugging Face model card README (front matter, template headings, code)',
      declaration: model,
      files: { 'README.md': '---\nlicense: apache-2.0\nbase_model: bert-base-uncased\ndatasets:\n- squad\nmodel-index:\n- name: x\n---\n# x\n\n## Uses\n\nQA.\n\n## Bias, Risks, and Limitations\n\nEnglish only.\n\n## Ethical considerations\n\nNo personal data.\n\n## Evaluation\n\nF1 88.\n\n## How to Get Started with the Model\n\n```python\nqa = pipeline("question-answering", model="x")\n```\n\n## Training procedure\n\n```sh\npython run_qa.py --do_train\n```\n' },
      expect: [{ status: 'pass', messageId: 'complete', evidence: 'README.md' }],
    },
    {
      name: 'a declared Hugging Face model page',
      declaration: { ...model, documentation: { links: ['https://huggingface.co/example/model'] } },
      files: { 'train.py': 'print(1)\n' },
      expect: [{ status: 'pass', messageId: 'declaredLink', evidence: 'https://huggingface.co/example/model' }],
    },
  ],
  invalid: [
    {
      name: 'model card without limitations',
      declaration: model,
      files: { 'docs/model_card.md': '# Card\n\n**Intended use:** triage.\n\n**Training data:** 40,000 images.\n\n**Metrics:** AUC 0.91.\n' },
      expect: [{ status: 'gap', messageId: 'partsMissing', evidence: 'docs/model_card.md' }],
    },
    {
      name: 'the four-section card of the old template: architecture, ethics, inference and retraining missing',
      declaration: model,
      files: { 'MODEL_CARD.md': '# Card\n\n## Intended use\n\nTriage.\n\n## Training data\n\nImages.\n\n## Evaluation\n\nAUC 0.9.\n\n## Limitations\n\nAdults only.\n' },
      expect: [{ status: 'gap', messageId: 'partsMissing', evidence: 'MODEL_CARD.md' }],
    },
    { name: 'no model card', declaration: model, files: { 'README.md': '# Model\n\nWeights in weights/.\n' }, expect: [{ status: 'gap', messageId: 'none' }] },
    { name: 'no declaration, typed as AI model', declaration: null, types: ['aimodel'], files: { 'train.py': 'print(1)\n' }, expect: [{ status: 'gap', messageId: 'none' }] },
  ],
});

describe('model-card: the DPGA checklist', () => {
  it('names the missing items and how many of the checklist they are', async () => {
    const [finding] = await runRuleCase(modelCard, { name: 'm', declaration: model, files: { 'MODEL_CARD.md': '# Card\n\n## Intended use\n\nTriage.\n\n## Training data\n\nImages.\n\n## Evaluation\n\nAUC 0.9.\n\n## Limitations\n\nAdults only.\n\n## Usage\n\n```\npython predict.py x.png\n```\n' } });
    expect(finding?.message).toContain('does not cover model architecture, ethical considerations and how to retrain (3 of the 8 items');
    expect(finding?.message).toContain('how to run inference (line');
  });
  it('a training-data heading alone does not count as retraining instructions', async () => {
    const [finding] = await runRuleCase(modelCard, { name: 't', declaration: model, files: { 'MODEL_CARD.md': '# Card\n\n## Training procedure\n\nAdamW, 3 epochs.\n' } });
    expect(finding?.message).toContain('how to retrain');
    expect(finding?.message).toMatch(/found: training data and provenance \(line 3\)\)/);
  });
});

// ---------------------------------------------------------------------------
// Deeper evidence (issue 7): API documentation and how to access content.


const content: Declaration = { name: 'Example', types: ['content'] };

RuleTester.run(apiDocumentation, {
  valid: [
    { name: 'monorepo fixture: FastAPI in a nested pyproject generates its own OpenAPI docs', fixture: 'fixtures/candidates-evidence/monorepo-api', declaration: software, expect: [{ status: 'pass', messageId: 'documented', evidence: 'services/api/pyproject.toml' }] },
    { name: 'express with an OpenAPI file', declaration: software, files: { 'package.json': '{ "dependencies": { "express": "^4" } }', 'openapi.yaml': 'openapi: 3.1.0\ninfo: { title: x, version: 1 }\npaths: {}\n' }, expect: [{ status: 'pass', messageId: 'documented', evidence: 'openapi.yaml' }] },
    { name: 'Spring Boot with springdoc', declaration: software, files: { 'pom.xml': '<project><dependencies>\n<dependency>\n<groupId>org.springframework.boot</groupId>\n<artifactId>spring-boot-starter-web</artifactId>\n</dependency>\n<dependency>\n<groupId>org.springdoc</groupId>\n<artifactId>springdoc-openapi-starter-webmvc-ui</artifactId>\n</dependency>\n</dependencies></project>\n' }, expect: [{ status: 'pass', messageId: 'documented', evidence: 'pom.xml' }] },
    { name: 'Flask with an API section in the README', declaration: software, files: { 'requirements.txt': 'Flask==3.0\n', 'README.md': '# Svc\n\n## REST API\n\nGET /items returns the items.\n' }, expect: [{ status: 'pass', messageId: 'documented', evidence: 'README.md' }] },
    { name: 'gRPC service definition only', declaration: software, files: { 'proto/registry.proto': 'syntax = "proto3";\nservice Registry { rpc Get (Req) returns (Res); }\n' }, expect: [{ status: 'pass', messageId: 'documented', evidence: 'proto/registry.proto' }] },
    { name: 'a library with no server: not applicable', declaration: software, files: { 'package.json': '{ "dependencies": { "lodash": "^4" } }', 'README.md': '# lib\n' }, expect: [{ status: 'n/a', messageId: 'noApi' }] },
    {
      name: 'false-positive guards: a commented-out Flask, "predis"-style near names, a test route folder',
      declaration: software,
      files: { 'requirements.txt': '# flask==3.0  (removed)\nflask-babel==4.0\nexpress-validator==1.0\n', 'package.json': '{ "dependencies": { "expressive-logger": "1.0" } }', 'tests/routes/fake.py': 'x = 1\n' },
      expect: [{ status: 'n/a', messageId: 'noApi' }],
    },
    { name: 'declaration only', declaration: software, files: { 'dpg.yml': 'name: x\ntypes: [software]\n' }, expect: [{ status: 'n/a', messageId: 'noRepository' }] },
  ],
  invalid: [
    { name: 'fixture: express routes, no API documentation', fixture: 'fixtures/candidates-evidence/api-undocumented', declaration: software, expect: [{ status: 'gap', messageId: 'undocumented', evidence: 'package.json' }] },
    { name: 'an empty openapi.yaml is a signal, not documentation', declaration: software, files: { 'openapi.yaml': '# TODO\n' }, expect: [{ status: 'gap', messageId: 'undocumented', evidence: 'openapi.yaml' }] },
    { name: 'Go gin server without docs', declaration: software, files: { 'go.mod': 'module x\n\ngo 1.22\n\nrequire (\n\tgithub.com/gin-gonic/gin v1.10.0\n)\n' }, expect: [{ status: 'gap', messageId: 'undocumented', evidence: 'go.mod' }] },
    {
      // kobotoolbox's pattern: a CI workflow named openapi.yml is no specification file, whatever it builds.
      name: 'a CI workflow named openapi.yml is no API specification',
      declaration: software,
      files: { 'package.json': '{ "dependencies": { "express": "^4" } }', '.github/workflows/openapi.yml': 'on: push\njobs: {}\n' },
      expect: [{ status: 'gap', messageId: 'undocumented', evidence: 'package.json', message: /^(?![\s\S]*openapi\.yml)/ }],
    },
    {
      // pharmacovigilance's pattern: the only specification file is a test fixture of a vendored PHPUnit.
      name: 'a vendored library\'s WSDL is not the candidate\'s API documentation',
      declaration: software,
      files: {
        'app/composer.json': '{ "require": { "cakephp/cakephp": "2.10.*" } }',
        'vendors/phpunit/phpunit-mock-objects/Tests/_files/GoogleSearch.wsdl': '<?xml version="1.0"?>\n<definitions name="GoogleSearch" xmlns="http://schemas.xmlsoap.org/wsdl/">\n<service name="GoogleSearchService"></service>\n</definitions>\n',
      },
      expect: [{ status: 'gap', messageId: 'undocumented', evidence: 'app/composer.json' }],
    },
  ],
});

describe('api-documentation messages', () => {
  it('names the framework with file and line, and the generated docs', async () => {
    const [finding] = await runRuleCase(apiDocumentation, { name: 'm', fixture: 'fixtures/candidates-evidence/monorepo-api', declaration: software });
    expect(finding?.message).toContain('fastapi (services/api/pyproject.toml:5)');
    expect(finding?.message).toContain('generates the API documentation from the code');
    expect(finding?.message).not.toContain('flask');
  });
});

RuleTester.run(contentAccess, {
  valid: [
    { name: 'fixture: README names the readers (content-nd)', fixture: 'fixtures/candidates/content-nd', expect: [{ status: 'pass', messageId: 'explained', evidence: 'README.md' }] },
    { name: 'a section on formats and requirements', declaration: content, files: { 'README.md': '# Maps\n\n## Formats\n\nGeoPackage and PDF.\n', 'maps/a.pdf': '' }, expect: [{ status: 'pass', messageId: 'explained', evidence: 'README.md' }] },
    { name: 'a Kolibri channel', declaration: content, files: { 'README.md': '# Channel\n\nImport the channel into Kolibri with its token.\n' }, expect: [{ status: 'pass', messageId: 'explained' }] },
    { name: 'a declared page outside the repository', declaration: { ...content, documentation: { links: ['https://lessons.example.org/how-to-use'] } }, files: { 'README.md': '# Lessons\n' }, expect: [{ status: 'pass', messageId: 'declaredOnly' }] },
    { name: 'declared documentation file in the repository', declaration: { ...content, documentation: { links: ['docs/using.md'] } }, files: { 'README.md': '# Lessons\n', 'docs/using.md': '# Using\n\nOpen the videos with VLC or any media player.\n' }, expect: [{ status: 'pass', messageId: 'explained', evidence: 'docs/using.md' }] },
    { name: 'software is not asked (the engine reports n/a)', declaration: software, files: { 'README.md': '# x\n' } },
  ],
  invalid: [
    { name: 'fixture: README without access instructions', fixture: 'fixtures/candidates-evidence/content-no-access', expect: [{ status: 'gap', messageId: 'missing', evidence: 'README.md' }] },
    { name: 'no README', declaration: content, files: { 'lessons/a.md': '# A\n' }, expect: [{ status: 'gap', messageId: 'noReadme' }] },
    { name: 'declaration only', declaration: content, files: { 'dpg.yml': 'name: x\ntypes: [content]\n' }, expect: [{ status: 'gap', messageId: 'noRepository' }] },
    {
      name: 'false-positive guard: the title "Reading Lessons" is not an access section',
      declaration: content,
      files: { 'README.md': '# Reading Lessons\n\nStories for early readers.\n' },
      expect: [{ status: 'gap', messageId: 'missing' }],
    },
  ],
});

describe('content-access messages', () => {
  it('reports the formats of the collection', async () => {
    const [finding] = await runRuleCase(contentAccess, { name: 'f', fixture: 'fixtures/candidates-evidence/content-no-access' });
    expect(finding?.message).toContain("The collection's files are 3 MD.");
    expect(finding?.message).not.toContain('YML');
  });
  it('counts the collection\'s own files, not a vendored viewer\'s samples or a test\'s', async () => {
    const [finding] = await runRuleCase(contentAccess, {
      name: 'f',
      declaration: content,
      files: {
        'README.md': '# Lessons\n',
        'lessons/one.epub': '',
        'lessons/two.epub': '',
        'static/lib/pdfjs/LICENSE': 'Apache License\n',
        'static/lib/pdfjs/web/compressed.tracemonkey.pdf': '',
        'tests/fixtures/sample.pdf': '',
        'examples/demo.pdf': '',
      },
    });
    expect(finding?.message).toContain("The collection's files are 2 EPUB.");
  });
});
