/**
 * Path classes: each case is a pattern seen in a real DPG's tree (the paths are
 * written here; no fetched code is committed).
 */
import { describe, expect, it } from 'vitest';
import { classifyPaths } from '../src/engine/path-classes.js';
import { parseConfig } from '../src/engine/config.js';
import { createMemorySnapshot } from '../src/snapshot/memory.js';
import { makeDeclarationView } from '../src/declaration/load.js';
import { computeFacts } from '../src/engine/facts.js';
import type { PathClass } from '../src/model.js';

const CASES: readonly [string, PathClass][] = [
  // own code and content
  ['src/main/java/org/example/lab/sample/SampleService.java', 'own'], // a lab sample is the product's domain
  ['src/main/java/org/example/lab/test/TestResultService.java', 'own'], // so is a lab test, inside the main source set
  ['lib/presentation/screens/tutorial/tutorial_screen.dart', 'own'], // a tutorial screen of an app
  ['app/assets/images/logos/demo/logo.png', 'own'],
  ['frontend/web/packages/ui-config/screens/specs/form.js', 'own'], // UI "specs" are configuration, not tests
  ['adminpanel/plugins/axios.js', 'own'], // a Nuxt plugin named after the library it configures
  ['client/locales/it-IT/strings.ftl', 'own'],
  ['docs/architecture.md', 'own'], // plain docs are the candidate's own documentation
  ['README.md', 'own'],
  ['docker-compose.yml', 'own'],
  ['.env', 'own'],
  // tests and fixtures
  ['test/unit/app.test.js', 'test'],
  ['tests/test_models.py', 'test'],
  ['spec/models/user_spec.rb', 'test'],
  ['client/src/core/client/stream/test/comments.tsx', 'test'],
  ['src/test/java/org/example/AppTest.java', 'test'],
  ['app/src/androidTest/java/org/example/UiTest.kt', 'test'],
  ['collect-core/src/intTest/java/org/example/ImportIT.java', 'test'],
  ['sormas-e2e-tests/src/main/java/org/example/Steps.java', 'test'], // a test-harness module, main sources included
  ['cli/cmd/testdata/test-key.pem', 'test'],
  ['hat/assets/js/apps/forms/fixtures/forms.json', 'test'],
  ['pkg/crypto/crypto_utils_test.go', 'test'],
  ['src/components/App/index.test.tsx', 'test'],
  ['frontend/cypress/e2e/login.cy.js', 'test'],
  // vendored third-party code
  ['web/public/js/vendor/d3.js', 'vendored'],
  ['node_modules/left-pad/index.js', 'vendored'],
  ['webApps/old/client/bower_components.safe/video.js/.jsdoc.json', 'vendored'], // a package folder kept aside
  ['client/node_modules_old/react/index.js', 'vendored'],
  ['third_party/zlib/zlib.h', 'vendored'],
  ['static/bower/angular/angular.js', 'vendored'],
  ['web/static/lib/jquery-3.5.1/jquery.js', 'vendored'],
  ['public/assets/fontawesome-5.0.9/css/all.css', 'vendored'],
  ['src/main/webapp/static/fontawesome-free-5.13.1-web/LICENSE.txt', 'vendored'], // a release archive's folder, copied whole
  ['app/webroot/css/jquery-ui-themes-1.12.1/LICENSE.txt', 'vendored'],
  ['static/lib/python3.8/config.py', 'own'], // a version in the name, but no separator before it: not a library copy
  ['public/js/bootstrap.min.js', 'vendored'],
  ['app/assets/javascripts/handlebars.js', 'vendored'],
  ['build/webapps/baraza/assets/global/plugins/select2/LICENSE', 'vendored'], // an admin theme's plugins, one folder each
  ['build/webapps/baraza/assets/global/plugins/ckeditor/plugins/scayt/LICENSE.md', 'vendored'],
  ['src/main/webapp/resources/global/js/jquery/plugins/datatables/jquery.dataTables.js', 'vendored'],
  ['PVIMS.Web/js/plugin/ckeditor/ckeditor.js', 'vendored'],
  ['kolibri/plugins/coach/api.py', 'own'], // a product's own plugin system
  ['hat/assets/js/apps/Iaso/plugins/hooks/useThing.ts', 'own'],
  ['plugins/polio/models.py', 'own'],
  ['assets/plugins.js', 'own'],
  ['lib/tinymce/plugins/advlist/plugin.min.js', 'vendored'], // a library copied whole, under its own name
  ['static/dhis-web-commons/javascripts/openlayers/OpenLayers.js', 'vendored'],
  ['PVIMS.Web/Scripts/knockout/knockout-3.4.2.js', 'vendored'],
  ['lib/Chart.js/LICENSE.md', 'vendored'],
  ['client/src/core/client/framework/lib/bootstrap/index.ts', 'own'], // an app's bootstrap code
  ['scripts/bootstrap/setup.sh', 'own'],
  ['src/lib/chart/render.ts', 'own'], // a common word, not a library's name
  ['client/src/components/select2/Select.tsx', 'own'], // a product's own component named after the library it wraps
  // examples and demos
  ['examples/basic/index.js', 'example'],
  ['samples/norway/units.csv', 'example'],
  ['pipeline/harmony_demo/config.py', 'example'],
  ['ui-sample/src/App.js', 'example'],
  // documentation sites
  ['docs-website/package.json', 'docs-site'],
  ['website/docusaurus.config.js', 'docs-site'],
  ['packages/website/src/pages/index.js', 'docs-site'],
  // development environments
  ['.devcontainer/devcontainer.json', 'dev-env'],
  ['.env.example', 'dev-env'],
  ['.env.test', 'dev-env'],
  ['.env.testing', 'dev-env'],
  ['.env.development', 'dev-env'],
  ['api/.test.env', 'dev-env'],
  ['.dev.env', 'dev-env'],
  ['test.env', 'dev-env'],
  ['backend/.env.example', 'dev-env'],
  ['config/app.env.dev.local', 'dev-env'],
  ['docker-compose.dev.yml', 'dev-env'],
  ['docker-compose-dev.yml', 'dev-env'],
  ['api/docker-compose.override.yml', 'dev-env'],
  ['deploy/kind-config.yaml', 'dev-env'],
  ['certs/localhost.key', 'dev-env'],
  // CI/CD
  ['.github/workflows/ci.yml', 'ci'],
  ['.gitlab-ci.yml', 'ci'],
  ['Jenkinsfile', 'ci'],
];

describe('path classes', () => {
  for (const [path, expected] of CASES) {
    it(`${path} is ${expected}`, () => {
      expect(classifyPaths([path]).classOf(path)).toBe(expected);
    });
  }

  it('a folder named as a well-known library is a copy when it holds the library at its top, not when it holds code written for it', () => {
    const classes = classifyPaths([
      'app/webroot/js/ckeditor/ckeditor.js', 'app/webroot/js/ckeditor/_source/plugins/about/plugin.js',
      'django_project/core/static/libs/bootstrap/LICENSE', 'django_project/core/static/libs/bootstrap/css/bootstrap.css',
      'protected/assets/components/pdfjs/LICENSE', 'protected/assets/components/pdfjs/web/debugger.js', // Bower's folder under an asset folder
      // pharmacovigilance-monitoring-system's own KnockoutJS models and view models, in a folder named after the framework.
      'PVIMS.Web/Scripts/knockout/model.patient.js', 'PVIMS.Web/Scripts/knockout/vm.encounter.js',
    ]);
    expect(classes.reasonFor('app/webroot/js/ckeditor/_source/plugins/about/plugin.js')).toBe('ckeditor/ is a copy of a well-known library');
    const expected = { vendored: ['app/webroot/js/ckeditor/_source/plugins/about/plugin.js', 'django_project/core/static/libs/bootstrap/css/bootstrap.css', 'protected/assets/components/pdfjs/web/debugger.js'], own: ['PVIMS.Web/Scripts/knockout/model.patient.js', 'PVIMS.Web/Scripts/knockout/vm.encounter.js'] };
    for (const [cls, paths] of Object.entries(expected)) for (const path of paths) expect(classes.classOf(path), path).toBe(cls);
  });

  it('a docs folder with a site generator at its top is a documentation site; a root mkdocs.yml makes docs/ one', () => {
    const docusaurus = classifyPaths(['documentation/docusaurus.config.js', 'documentation/src/pages/index.md', 'src/app.js']);
    expect(docusaurus.classOf('documentation/src/pages/index.md')).toBe('docs-site');
    expect(docusaurus.classOf('src/app.js')).toBe('own');
    const mkdocs = classifyPaths(['mkdocs.yml', 'docs/index.md']);
    expect(mkdocs.classOf('docs/index.md')).toBe('docs-site');
    expect(classifyPaths(['docs/index.md']).classOf('docs/index.md')).toBe('own');
  });

  it('summarises where each class begins, largest first, with reasons', () => {
    const classes = classifyPaths(['src/a.js', 'test/a.test.js', 'test/b.test.js', 'vendor/x/y.js', '.github/workflows/ci.yml']);
    expect(classes.summary.counts).toEqual({ own: 1, test: 2, vendored: 1, example: 0, 'docs-site': 0, 'dev-env': 0, ci: 1 });
    expect(classes.summary.roots[0]).toEqual({ path: 'test/', class: 'test', files: 2, reason: 'test/ holds tests or fixtures' });
    expect(classes.reasonFor('vendor/x/y.js')).toBe('vendor/ holds third-party code');
    expect(classes.isOwn('src/a.js')).toBe(true);
  });

  it('.dpg-check.yml paths: override the built-in classes, the last match winning', () => {
    const config = parseConfig('paths:\n  - path: legacy/\n    class: vendored\n    reason: an upstream copy\n  - path: legacy/ours/\n    class: own\n    reason: our fork\n', '.dpg-check.yml');
    const classes = classifyPaths(['legacy/lib.js', 'legacy/ours/main.js', 'test/a.js'], config.paths);
    expect(classes.classOf('legacy/lib.js')).toBe('vendored');
    expect(classes.reasonFor('legacy/lib.js')).toBe('an upstream copy (.dpg-check.yml paths)');
    expect(classes.classOf('legacy/ours/main.js')).toBe('own');
    expect(classes.classOf('test/a.js')).toBe('test');
  });

  it('a paths: entry without a class or a reason is a located config error', () => {
    expect(() => parseConfig('paths:\n  - path: x/\n    class: mine\n    reason: r\n', '.dpg-check.yml')).toThrow(/paths\[0\]: needs a path, a class \(own, test, vendored/);
    expect(() => parseConfig('paths:\n  - path: x/\n    class: test\n', '.dpg-check.yml')).toThrow(/paths\[0\]/);
  });

  it('is a fact every rule shares, computed once per candidate', () => {
    const snapshot = createMemorySnapshot({ 'README.md': '# x\n', 'test/fixture.pem': 'x' });
    const facts = computeFacts(snapshot, makeDeclarationView(undefined));
    expect(facts.paths.classOf('test/fixture.pem')).toBe('test');
    expect(Object.isFrozen(facts.paths)).toBe(true);
  });

  it('classes sample and template files as examples, whatever their folder', () => {
    const paths = classifyPaths([]);
    for (const file of ['backend/config/baseConfig.json.example', 'config/config.example.json', 'app/settings.py.sample', 'deploy/values.yaml.template', 'config/app-sample.yml', 'phpunit.xml.dist']) {
      expect(paths.classOf(file), file).toBe('example');
    }
    for (const file of ['src/sample.ts', 'src/create-sample.js', 'templates/index.tpl', 'config/production.yml', 'config/example.rb']) expect(paths.classOf(file), file).toBe('own');
  });

  it('classes .env variants for development, tests and seeding as dev environments, not .env.production', () => {
    const paths = classifyPaths([]);
    for (const file of ['.env.example', '.env.development', '.env.test', '.env.profiling', '.env.seed.large', 'docker-compose.dev.yml']) expect(paths.classOf(file), file).toBe('dev-env');
    for (const file of ['.env', '.env.production', 'packages/mobile/.env.production']) expect(paths.classOf(file), file).toBe('own');
  });

  it('classes an env file named for tests before its extension (api/.test.env, which pytest.ini loads) as a test environment', () => {
    // unicef/kindly: api/.test.env holds the test suite's made-up tokens; a reviewer would not call them the product's secrets.
    const paths = classifyPaths([]);
    for (const file of ['api/.test.env', '.testing.env', 'ci.env', '.e2e.env']) expect(paths.classOf(file), file).toBe('dev-env');
    for (const file of ['api/.env', 'prod.env', '.production.env', 'backend/app.env']) expect(paths.classOf(file), file).toBe('own');
  });

  it('takes a docs folder with its own build manifest for a documentation site', () => {
    const paths = ['package.json', 'docs/package.json', 'docs/intro.md', 'documentation/Gemfile', 'doc/requirements.txt', 'app/package.json', 'docs/guide.md'];
    const classes = classifyPaths(paths);
    expect(classes.classOf('docs/package.json')).toBe('docs-site');
    expect(classes.classOf('docs/intro.md')).toBe('docs-site');
    expect(classes.classOf('documentation/Gemfile')).toBe('docs-site');
    expect(classes.classOf('doc/requirements.txt')).toBe('docs-site');
    expect(classes.classOf('app/package.json')).toBe('own');
    expect(classes.classOf('package.json')).toBe('own');
  });

  it('a folder Bower installed a package into (it has .bower.json) is vendored, wherever .bowerrc puts it', () => {
    const classes = classifyPaths([
      'protected/assets/components/rrule/.bower.json',
      'protected/assets/components/rrule/LICENCE',
      'protected/assets/components/rrule/lib/rrule.js',
      'protected/assets/js/app.js',
    ]);
    expect(classes.classOf('protected/assets/components/rrule/LICENCE')).toBe('vendored');
    expect(classes.classOf('protected/assets/components/rrule/lib/rrule.js')).toBe('vendored');
    expect(classes.classOf('protected/assets/js/app.js')).toBe('own');
  });
});
