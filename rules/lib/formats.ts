/**
 * Data formats named in declarations and present in repositories, sorted into
 * open (non-proprietary), spreadsheet (a reviewer judges) and closed vendor
 * formats. Shared by the indicator 6 rules.
 */
import table from '../6-data-extraction/formats.json' with { type: 'json' };
import { compilePatterns } from '../../src/helpers.js';
import type { PathClass } from '../../src/rule-api.js';

/** Patterns are case-insensitive unless marked ("REST" the interface, not "the rest"). */
const compile = (list: readonly { name: string; pattern: string; caseSensitive?: boolean }[]) =>
  list.map((f) => ({ name: f.name, pattern: new RegExp(f.pattern, f.caseSensitive ? '' : 'i') }));
const OPEN = compile(table.openFormats);
const REVIEW = compile(table.reviewFormats);
const PROPRIETARY = compile(table.proprietaryFormats);

export const MINIMUM_MECHANISM_WORDS = table.minimumWords;
export const API_SPEC_FILES = compilePatterns(table.apiSpecFiles);
/**
 * Path classes whose files named like an API description are not the candidate's: a vendored library's (a PHPUnit
 * copy's test WSDL) and CI workflows (kobotoolbox's `.github/workflows/openapi.yml` builds one).
 */
export const NOT_ITS_API_FILES: ReadonlySet<PathClass> = new Set<PathClass>(['vendored', 'ci']);

export interface NamedFormats { open: string[]; review: string[]; proprietary: string[] }

/** Formats a text names, by kind. */
export function namedFormats(text: string): NamedFormats {
  const names = (list: typeof OPEN): string[] => [...new Set(list.filter((f) => f.pattern.test(text)).map((f) => f.name))];
  return { open: names(OPEN), review: names(REVIEW), proprietary: names(PROPRIETARY) };
}

export type DataFileKind = 'open' | 'review' | 'proprietary';

const EXTENSION_KIND = new Map<string, DataFileKind>([
  ...table.dataFileExtensions.open.map((e): [string, DataFileKind] => [e, 'open']),
  ...table.dataFileExtensions.openIfNotConfig.map((e): [string, DataFileKind] => [e, 'open']),
  ...table.dataFileExtensions.review.map((e): [string, DataFileKind] => [e, 'review']),
  ...table.dataFileExtensions.proprietary.map((e): [string, DataFileKind] => [e, 'proprietary']),
]);
const OPEN_IF_NOT_CONFIG = new Set(table.dataFileExtensions.openIfNotConfig);
const CONFIG_FILE = new RegExp(table.configFiles, 'i');

/**
 * The kind of data file a path is, or `undefined` for anything else. JSON and
 * XML count only when they are not tool configuration (package.json, pom.xml…),
 * and files in dot-folders (.github/, .vscode/) are never data.
 */
export function dataFileKind(path: string): { kind: DataFileKind; extension: string } | undefined {
  if (/(^|\/)\./.test(path)) return undefined;
  const extension = /\.([a-z0-9]+)$/i.exec(path)?.[1]?.toLowerCase();
  if (!extension) return undefined;
  const kind = EXTENSION_KIND.get(extension);
  if (!kind) return undefined;
  if (OPEN_IF_NOT_CONFIG.has(extension) && CONFIG_FILE.test(path)) return undefined;
  return { kind, extension };
}
