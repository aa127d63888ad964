/**
 * What each path is to the candidate, decided once per candidate and shared by
 * every rule (as Scorecard's probes share raw results): the candidate's own code
 * and content, or tests and fixtures, vendored third-party code, examples and
 * demos, a documentation site, a development environment, CI/CD automation.
 *
 * Why it matters: a DPGA reviewer judges the solution, not the sample keys in
 * its tests, the licence of a vendored jQuery or the dev container's tooling.
 * The platform-independence guide exempts "CI/CD, test, build and container
 * tooling" (../shared/reference/platform-independence-guide.md), and a key in a
 * fixture is not a leaked production credential.
 *
 * Classes come from path segments and file names only (no reads), plus the
 * marker files of documentation sites (docusaurus.config.js, mkdocs.yml…),
 * which are themselves paths. `.dpg-check.yml` `paths:` overrides them.
 */
import ignore from 'ignore';
import { PATH_CLASSES, type PathClass, type PathClassSummary } from '../model.js';
import { compareText } from '../text/compare.js';

export { PATH_CLASSES, type PathClass };

export interface PathClassOverride {
  /** gitignore syntax, relative to the candidate root. */
  path: string;
  class: PathClass;
  reason: string;
}

export interface PathClasses {
  /** The class of a path of the snapshot (any path: unknown ones are classified by their name). */
  classOf(path: string): PathClass;
  /** Why the path has its class (`test/ is a test tree`), for evidence. */
  reasonFor(path: string): string;
  /** True for the candidate's own code and content. */
  isOwn(path: string): boolean;
  readonly summary: PathClassSummary;
}

/**
 * The classes of paths that are no part of the candidate's own product: other projects' code (vendored), tests
 * and examples. Their licence files, copyright lines, manifests, specifications and export code speak for
 * something else (a plugin's author, a fixture's dependencies, a test's export), not for the candidate.
 */
export const NOT_THE_PRODUCT: ReadonlySet<PathClass> = new Set<PathClass>(['vendored', 'test', 'example']);

interface Match { cls: PathClass; root: string; reason: string }

const seg = (names: string): RegExp => new RegExp(`^(${names})$`, 'i');

/**
 * Folders of other projects' code. A package manager's folder kept under another name is still one
 * (`bower_components.safe/`, `node_modules.bak/`, `node_modules_old/`).
 */
const VENDORED_DIR = seg('(node_modules|bower_components)([-_.](safe|bak|backup|old|orig|copy|save|saved))?|jspm_packages|vendor|vendors|vendored|third[-_]?party|3rd[-_]?party|thirdparty|externals?|Godeps|site-packages|dist-packages|\\.venv|venv|\\.tox|Pods|Carthage|\\.yarn|\\.pnpm-store|web_modules');
/** Well-known front-end libraries copied into a tree (`static/lib/jquery-3.5.1/`, `js/bootstrap.min.js`). */
const KNOWN_LIBS = 'jquery(-ui)?|bootstrap|angular(js)?|lodash|underscore|moment|d3|chart|chartjs|leaflet|font-?awesome|popper|select2|datatables|backbone|require|modernizr|handlebars|mustache|react(-dom)?|vue|tinymce|ckeditor|highcharts|openlayers|ol|mapbox-gl|three|swagger-ui|pdfjs|pdf|codemirror|ace|jstree|summernote|dropzone|toastr|sweetalert2?|axios|knockout|ember|raphael|jszip|filesaver|xlsx|dompurify|markdown-it|highlight|prism|mathjax|katex|plotly|echarts|c3|nvd3|crossfilter|dc|bluebird|q|es5-shim|es6-shim|html5shiv|respond|json2|normalize|animate|hammer|slick|owl\\.carousel|fullcalendar|datepicker|bootstrap-datepicker|daterangepicker|flatpickr|quill|socket\\.io|sockjs|stomp|webfont|materialize|foundation|semantic|uikit|bulma|tailwind';
/**
 * A library's versioned folder: `jquery-3.5.1`, and hyphenated names too (`fontawesome-free-5.13.1-web`,
 * `jquery-ui-themes-1.12.1`: the release archives' own folder names, copied whole into `static/` or `css/`).
 */
const LIB_VERSION_DIR = new RegExp(`^(${KNOWN_LIBS}|[a-z][\\w.-]*?)[-_.]v?\\d+(\\.\\d+){1,3}([-.][\\w]+)?$`, 'i');
const LIB_FILE = new RegExp(`^(${KNOWN_LIBS})([-_.]v?\\d+(\\.\\d+)*)?([-_.](min|slim|bundle|umd|esm|full|all|custom))*\\.(js|css|map)$`, 'i');
const LIB_COPY_PARENT = seg('lib|libs|vendor|vendors|javascripts|external|ext|bower|third[-_]?party');
/**
 * A front-end asset folder whose `plugins/` holds copies of other projects' plugins, one folder each: admin themes
 * ship them so (Metronic's `assets/global/plugins/select2/`, `js/jquery/plugins/datatables/`, `js/plugin/ckeditor/`),
 * each with its own licence file. A `plugins/` folder elsewhere (`kolibri/plugins/`, `java/plugins/`, a root
 * `plugins/`) is usually the product's own plugin system.
 */
const PLUGIN_HOME = seg('assets?|global|static|public|js|javascripts|jquery|www|webroot|wwwroot|web|themes?|css');
/**
 * Front-end libraries that projects copy whole, as a folder of their own name (`js/ckeditor/`, `lib/tinymce/`,
 * `javascripts/openlayers/`, `static/mathjax/`). A product also names its own folders after the framework its code
 * is written for (pharmacovigilance-monitoring-system's `Scripts/knockout/` holds its own models and view models),
 * so the folder counts as a copy only when it holds the library itself at its top (`findLibraryCopies`). KNOWN_LIBS
 * also holds common words (`chart`, `pdf`, `require`), left out here; `bootstrap` is one (`framework/lib/bootstrap/`
 * starts an app), and counts only under a folder of front-end assets.
 */
const LIB_DIR = seg('jquery|jquery[-_.]?ui|angular(js)?|lodash|underscore|moment|leaflet|font-?awesome|popper(js)?|select2|datatables|backbone|modernizr|handlebars|mustache|tinymce|ckeditor5?|highcharts|openlayers|mapbox-gl|swagger-ui|pdfjs|pdf\\.js|codemirror|jstree|summernote|dropzone|toastr|sweetalert2?|knockout|raphael|jszip|filesaver|dompurify|mathjax|katex|plotly|echarts|fullcalendar|flatpickr|socket\\.io|sockjs|materialize|bulma|chart\\.?js|d3|bootstrap');
const LIB_DIR_PARENT = seg('js|javascripts|scripts|lib|libs|static|public|assets|plugins?|external|ext|css|www|webroot|wwwroot|bower');
const FRONT_END_ASSETS = seg('js|javascripts|css|static|public|assets|plugins?|libs|www|webroot|wwwroot');
const LIB_PARENT = seg('lib|libs|library|libraries|plugins?|assets|static|js|css|scripts|public|dist|external|ext|bower');

const TEST_DIR = seg('tests?|__tests__|spec|__mocks__|mocks?|testdata|test[-_]data|test[-_]resources|fixtures?|__fixtures__|testfixtures|e2e|e2e[-_]tests?|cypress|playwright|intTest|int[-_]test|integration[-_]?tests?|integrationTest|androidTest|testing[-_]?utils|test[-_]?utils|test[-_]?helpers|testsupport|test[-_]support|qunit|selenium|benchmarks?|perf[-_]tests?|load[-_]tests?|testharness|test[-_]harness');
/** Test modules of multi-module builds: `sormas-e2e-tests/`, `foo-test/`, `foo_tests/`. */
const TEST_MODULE = /^[\w.-]+[-_](tests?|testing|e2e|spec|specs|fixtures?|mock|mocks|stubs?|testkit|test[-_]?utils?)$/i;
const TEST_FILE = /(^test_.*\.py$)|(_test\.(py|go|rb|exs?|dart|rs|c|cc|cpp)$)|(\.(test|spec|e2e|cy|stories)\.[cm]?[jt]sx?$)|(^(Test|Tests)[A-Z]\w*\.(java|kt|cs|php)$)|(\w(Test|Tests|Spec|TestCase)\.(java|kt|groovy|scala|cs|php|swift|m)$)|([a-z0-9]IT\.(java|kt|groovy|scala)$)|(_spec\.rb$)|(^conftest\.py$)/;

const EXAMPLE_DIR = seg('examples?|demos|sandbox|playground|showcase|example[-_]\\w+|demo[-_]\\w+|\\w+[-_](examples?|demos?)');
/** `sample`, `demo`, `tutorial` are also domain words (a lab sample, a tutorial screen): examples only near the root, outside source trees. */
const EXAMPLE_DIR_NEAR_ROOT = seg('samples?|demo|tutorials?|sample[-_]\\w+|\\w+[-_]samples?');
/** Test-tree names that mean tests wherever they are, even inside a main source set. */
const TEST_DIR_ANYWHERE = seg('__tests__|__mocks__|__fixtures__|testdata|test[-_]data');
/** Folders of the product's own sources: inside them, `sample/` or `test/` is usually a domain word, not an example or a test. */
const SOURCE_ROOT = seg('src|lib|app|java|kotlin|scala|groovy|main|source|sources|internal|pkg|cmd|components|screens|pages|views|controllers|models|services|domain|domains');

/** Files whose names say they are samples or templates to copy (`config.example.json`, `baseConfig.json.example`, `settings.py.sample`). */
const SAMPLE_FILE = /^([\w.-]+\.[\w-]+|\.[\w-]+)\.(example|sample|template|dist)$|^[\w-]+\.(example|sample)\.[a-z0-9]+$|^[\w.-]+[-_](example|sample)\.(json|ya?ml|toml|ini|cfg|conf|properties|xml|env)$/i;

const DOCS_SITE_DIR = seg('docs[-_]?website|website|microsite|docs[-_]site|doc[-_]site|docsite|site[-_]docs|documentation[-_]site|gh[-_]pages|mkdocs|docusaurus|storybook|\\.storybook|\\.vitepress|\\.docusaurus');
/** Marker files of documentation-site generators: their folder is a docs site. */
const DOCS_SITE_MARKER = /^(docusaurus\.config\.[cm]?[jt]s|mkdocs\.ya?ml|book\.toml|\.vuepress|conf\.py|antora\.ya?ml|hugo\.(toml|ya?ml)|_config\.yml|mint\.json|docs\.json|vocs\.config\.[jt]sx?|astro\.config\.m?[jt]s)$/i;
/** A build manifest at the top of a docs-like folder (`docs/package.json`, `docs/Gemfile`, `docs/requirements.txt`) builds that folder into a site. */
const DOCS_BUILD_MANIFEST = /^(package\.json|Gemfile|requirements[\w.-]*\.(txt|in)|pyproject\.toml)$/i;
const DOCS_DIR = seg('docs?|documentation|doc[-_]src|docs[-_]src|guides?|handbook|manual|user[-_]guide|wiki|site');

const DEV_ENV_DIR = seg('\\.devcontainer|\\.vscode|\\.idea|\\.vagrant|\\.fleet|\\.gitpod|\\.direnv|\\.dev|devenv|dev[-_]env|dev[-_]environment|local[-_]dev|local[-_]env|local[-_]setup|dev[-_]setup|dev[-_]tools|devtools|\\.devbox|\\.tilt|kind|minikube|k3d|\\.local');
const DEV_ENV_FILE = /^(\.env\.(example|sample|template|dist|defaults?|test|testing|ci|dev|development|local|docker|e2e|profiling|seed(\.\w+)?|tpl|orig)|[\w.-]*\.env\.(dev|development|test|testing|example|sample|local)[\w.-]*|[\w.-]+\.env\.(example|sample|template|tpl)|env\.(example|sample|template|dev|test)|\.?(example|sample|dev|development|test|testing|ci|e2e|local)\.env|\.envrc|Vagrantfile|Tiltfile|devbox\.json|\.gitpod\.ya?ml|(docker-)?compose[-_.](dev|devel|development|local|test|tests|testing|ci|e2e|override|debug|it|integration)[\w.-]*\.ya?ml|kind[-_.]config[\w.-]*\.ya?ml|skaffold[\w.-]*\.ya?ml|localhost[\w.-]*\.(pem|key|crt|cert|p12)|[\w.-]*\.local\.dev[\w.-]*\.(pem|key|crt|cert)|(self[-_]?signed|dev|test|local|snakeoil)[\w.-]*\.(pem|key|crt|cert|p12|jks|keystore))$/i;

const CI_DIR = seg('\\.github|\\.gitlab|\\.circleci|\\.buildkite|\\.woodpecker|\\.husky|\\.azure-pipelines|\\.azure|\\.ci|ci|\\.teamcity|\\.drone|\\.semaphore|\\.evergreen');
const CI_FILE = /^(\.gitlab-ci\.ya?ml|\.travis\.ya?ml|Jenkinsfile[\w.-]*|azure-pipelines[\w.-]*\.ya?ml|\.drone\.ya?ml|bitbucket-pipelines\.ya?ml|appveyor\.ya?ml|\.appveyor\.ya?ml|cloudbuild[\w.-]*\.ya?ml|codecov\.ya?ml|\.codecov\.ya?ml|\.pre-commit-config\.ya?ml|renovate\.json5?|\.renovaterc(\.json)?|sonar-project\.properties|\.codeclimate\.ya?ml|\.coveragerc|\.mergify\.ya?ml|\.releaserc(\.\w+)?|release\.config\.[cm]?js|lefthook\.ya?ml|\.lintstagedrc(\.\w+)?|Dangerfile[\w.]*)$/;

/**
 * Where the walk down a folder's segments, outermost first, stands: the class a segment placed it in, or what the
 * walk learnt on the way. A folder's state depends on its own path only, so it is worked out once per folder
 * (a 10,000-file tree has about 2,000) and extended by one segment for each subfolder.
 */
interface FolderState {
  match?: Match;
  /** Inside a Maven/Gradle main source set (`src/main/`), tests live elsewhere (`src/test/`): `test/` there is the product's own word. */
  inMainSources: boolean;
  inSources: boolean;
  /** The folder's last segment, the one before it, and how many it has. */
  last?: string;
  beforeLast?: string;
  depth: number;
}

const TOP: FolderState = { inMainSources: false, inSources: false, depth: 0 };

interface Context { docsSites: readonly string[]; bowerPackages: ReadonlySet<string>; libraryCopies: ReadonlySet<string>; folders: Map<string, FolderState> }

function folderState(folder: string, context: Context): FolderState {
  if (folder === '') return TOP;
  let state = context.folders.get(folder);
  if (state) return state;
  const slash = folder.lastIndexOf('/');
  const parent = folderState(slash < 0 ? '' : folder.slice(0, slash), context);
  state = parent.match ? parent : stepInto(parent, slash < 0 ? folder : folder.slice(slash + 1), `${folder}/`, context);
  context.folders.set(folder, state);
  return state;
}

/** The state of the folder `root` (segment `part`) inside the folder whose state is `at`. */
function stepInto(at: FolderState, part: string, root: string, context: Context): FolderState {
  const i = at.depth;
  const previous = at.last;
  const inMainSources = at.inMainSources || (part === 'main' && previous === 'src');
  const found = (match: Match): FolderState => ({ ...at, match });
  if (VENDORED_DIR.test(part)) return found({ cls: 'vendored', root, reason: `${part}/ holds third-party code` });
  if (context.bowerPackages.has(root)) return found({ cls: 'vendored', root, reason: `${part}/ is a package Bower installed (it has .bower.json)` });
  if (LIB_VERSION_DIR.test(part) && previous !== undefined && LIB_PARENT.test(previous)) return found({ cls: 'vendored', root, reason: `${part}/ is a versioned copy of a library` });
  if (previous !== undefined && /^(static|public|assets|web)$/i.test(previous) && /^bower$/i.test(part)) return found({ cls: 'vendored', root, reason: `${part}/ holds Bower packages` });
  // `components/` holds a product's own UI components (`src/components/select2/`), but under an asset folder it is
  // where Bower put its packages (`protected/assets/components/pdfjs/`).
  const libraryHome = previous !== undefined && (LIB_DIR_PARENT.test(previous) || (/^components$/i.test(previous) && at.beforeLast !== undefined && PLUGIN_HOME.test(at.beforeLast)));
  if (libraryHome && context.libraryCopies.has(root) && (!/^bootstrap$/i.test(part) || FRONT_END_ASSETS.test(previous as string))) return found({ cls: 'vendored', root, reason: `${part}/ is a copy of a well-known library` });
  if (previous !== undefined && /^plugins?$/i.test(previous) && at.beforeLast !== undefined && PLUGIN_HOME.test(at.beforeLast)) return found({ cls: 'vendored', root, reason: `${part}/ is a plugin copied into ${at.beforeLast}/${previous}/` });
  if (TEST_DIR_ANYWHERE.test(part) || (!inMainSources && (TEST_DIR.test(part) || TEST_MODULE.test(part)))) return found({ cls: 'test', root, reason: `${part}/ holds tests or fixtures` });
  if (!inMainSources && (EXAMPLE_DIR.test(part) || (i <= 1 && !at.inSources && EXAMPLE_DIR_NEAR_ROOT.test(part)))) return found({ cls: 'example', root, reason: `${part}/ holds examples or demos` });
  if (DOCS_SITE_DIR.test(part)) return found({ cls: 'docs-site', root, reason: `${part}/ is a documentation site` });
  if (context.docsSites.includes(root)) return found({ cls: 'docs-site', root, reason: `${part}/ is a documentation site (it has a site generator's configuration)` });
  if (DEV_ENV_DIR.test(part)) return found({ cls: 'dev-env', root, reason: `${part}/ is a development environment` });
  if (i === 0 && CI_DIR.test(part)) return found({ cls: 'ci', root, reason: `${part}/ holds CI/CD automation` });
  return { inMainSources, inSources: at.inSources || SOURCE_ROOT.test(part), last: part, ...(previous !== undefined ? { beforeLast: previous } : {}), depth: i + 1 };
}

/** The first class a path's segments or name place it in; folders first, outermost first. */
function classifyByName(path: string, context: Context): Match | undefined {
  const slash = path.lastIndexOf('/');
  const folder = folderState(slash < 0 ? '' : path.slice(0, slash), context);
  if (folder.match) return folder.match;
  const file = path.slice(slash + 1);
  const parent = folder.last ?? '';
  // A library's own name alone (`axios.js`) is also how a framework names its plugin for it: only a version, a
  // `.min`, or a library folder (`lib/`, `vendor/`, `javascripts/`) makes it a copy.
  const folders = (): string[] => (slash < 0 ? [] : path.slice(0, slash).split('/'));
  if (LIB_FILE.test(file) && slash >= 0 && (/[-_.]v?\d+\.\d+|\.min\./i.test(file) ? folders().some((p) => LIB_PARENT.test(p)) : LIB_COPY_PARENT.test(parent))) return { cls: 'vendored', root: path, reason: `${file} is a copy of a well-known library` };
  if (/\.min\.(js|css)$/i.test(file) && folders().some((p) => /^(lib|libs|plugins?|vendor)$/i.test(p))) return { cls: 'vendored', root: path, reason: `${file} is a minified library copy` };
  if (TEST_FILE.test(file) && !folder.inMainSources) return { cls: 'test', root: path, reason: `${file} is a test` };
  if (DEV_ENV_FILE.test(file)) return { cls: 'dev-env', root: path, reason: `${file} configures a development or test environment` };
  if (SAMPLE_FILE.test(file)) return { cls: 'example', root: path, reason: `${file} is a sample or template to copy` };
  if (slash < 0 && CI_FILE.test(file)) return { cls: 'ci', root: path, reason: `${file} configures CI/CD` };
  return undefined;
}

/**
 * Folders that are documentation sites: a docs-like folder (`docs/`, `documentation/`) that holds a
 * site generator's configuration at its top, or the folder of a `docusaurus.config.js` anywhere.
 */
function findDocsSites(paths: readonly string[]): string[] {
  const sites = new Set<string>();
  for (const path of paths) {
    // Names first, without splitting: of 10,000 paths, a handful are markers (splitting each cost dhis2-core 25 ms).
    const slash = path.lastIndexOf('/');
    const file = path.slice(slash + 1);
    const manifest = DOCS_BUILD_MANIFEST.test(file);
    if (!manifest && !DOCS_SITE_MARKER.test(file)) continue;
    const dir = slash < 0 ? '' : path.slice(0, slash);
    const last = dir.slice(dir.lastIndexOf('/') + 1);
    if (manifest) {
      if (dir !== '' && DOCS_DIR.test(last)) sites.add(`${dir}/`);
      continue;
    }
    if (dir === '') {
      // A root mkdocs.yml builds docs/ into a site; a root docusaurus config makes the whole repository a site (not classified).
      if (/^mkdocs\.ya?ml$/i.test(file)) sites.add('docs/');
      continue;
    }
    if (/^docusaurus\.config\./i.test(file) || DOCS_DIR.test(last)) sites.add(`${dir}/`);
  }
  return [...sites];
}

/**
 * Folders Bower installed packages into, wherever `.bowerrc` puts them
 * (`protected/assets/components/jquery/`): Bower writes `.bower.json` into
 * each package it installs, and a project's own code has none.
 */
function findBowerPackages(paths: readonly string[]): Set<string> {
  const packages = new Set<string>();
  for (const path of paths) if (path.endsWith('/.bower.json')) packages.add(path.slice(0, -'.bower.json'.length));
  return packages;
}

/** What shows a library's folder holds the library: its licence or package manifest at the folder's top. */
const LIBRARY_OWN_FILE = /^(licen[cs]e|copying|mit-licen[cs]e)([-.][\w.-]*)?$|^(package|bower|\.bower|composer)\.json$/i;

/**
 * Folders named as a well-known library (LIB_DIR) that hold it at their top: a file named after it
 * (`ckeditor/ckeditor.js`, `openlayers/OpenLayers.js`, `angular/angular-animate.js`, `Chart.js/Chart.min.js`),
 * its licence or its package manifest. Names only, from the file list.
 */
function findLibraryCopies(paths: readonly string[]): Set<string> {
  const copies = new Set<string>();
  const squash = (name: string): string => name.toLowerCase().replace(/[^a-z0-9]/g, '');
  for (const path of paths) {
    const slash = path.lastIndexOf('/');
    if (slash < 0) continue;
    const dir = path.slice(0, slash);
    if (copies.has(`${dir}/`)) continue;
    const folder = dir.slice(dir.lastIndexOf('/') + 1);
    if (!LIB_DIR.test(folder)) continue;
    const file = path.slice(slash + 1);
    const library = squash(folder).replace(/js$/, '');
    if (LIBRARY_OWN_FILE.test(file) || (library !== '' && squash(file).startsWith(library))) copies.add(`${dir}/`);
  }
  return copies;
}

export function classifyPaths(paths: readonly string[], overrides: readonly PathClassOverride[] = []): PathClasses {
  const docsSites = findDocsSites(paths);
  const bowerPackages = findBowerPackages(paths);
  const libraryCopies = findLibraryCopies(paths);
  const matchers = overrides.map((o) => ({ ...o, test: ignore().add(o.path) }));
  const cache = new Map<string, Match | undefined>();
  const context: Context = { docsSites, bowerPackages, libraryCopies, folders: new Map() };
  const matchOf = (path: string): Match | undefined => {
    if (cache.has(path)) return cache.get(path);
    let match = classifyByName(path, context);
    // Overrides: the last one that matches wins, as in .gitignore.
    for (let i = matchers.length - 1; i >= 0; i--) {
      const m = matchers[i] as (typeof matchers)[number];
      if (m.test.ignores(path)) { match = { cls: m.class, root: m.path, reason: `${m.reason} (.dpg-check.yml paths)` }; break; }
    }
    cache.set(path, match);
    return match;
  };
  const counts = Object.fromEntries(PATH_CLASSES.map((c) => [c, 0])) as Record<PathClass, number>;
  const roots = new Map<string, { path: string; class: PathClass; files: number; reason: string }>();
  for (const path of paths) {
    const match = matchOf(path);
    const cls = match?.cls ?? 'own';
    counts[cls]++;
    if (!match || cls === 'own') continue;
    const key = `${cls}\0${match.root}`;
    const root = roots.get(key);
    if (root) root.files++;
    else roots.set(key, { path: match.root, class: cls, files: 1, reason: match.reason });
  }
  const summary: PathClassSummary = {
    counts,
    roots: [...roots.values()].sort((a, b) => b.files - a.files || compareText(a.path, b.path)).slice(0, MAX_ROOTS),
  };
  return Object.freeze({
    classOf: (path: string) => matchOf(path)?.cls ?? 'own',
    reasonFor: (path: string) => matchOf(path)?.reason ?? 'the candidate\'s own code or content',
    isOwn: (path: string) => (matchOf(path)?.cls ?? 'own') === 'own',
    summary,
  });
}

/** The report lists the largest roots; a tree with thousands of test files would otherwise list each. */
const MAX_ROOTS = 200;
