/**
 * `dpg-check init [dir]`: writes a declaration prefilled with what the
 * repository shows (licences, owner from copyright notices, documentation,
 * core technologies, standards and practices, policies found), every
 * unanswered questionnaire item left as a clearly marked GAP comment. On a
 * terminal it asks the questions first (`--yes` accepts what was detected);
 * without a terminal it writes the detected values only. An existing
 * declaration is never overwritten without `--force`.
 *
 * The file it writes is always valid against the schema: it is parsed and
 * validated before it is written, and a failure there is a bug, reported as
 * such rather than written.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { SolutionType } from '../model.js';
import { createLocalSnapshot, SnapshotError } from '../snapshot/local.js';
import { DECLARATION_FILE_NAMES, makeDeclarationView, parseDeclaration, formatDeclarationError } from '../declaration/load.js';
import { computeFacts } from '../engine/facts.js';
import { detect } from './detect.js';
import { renderDeclaration } from './render.js';
import { promptAnswers, type Ask } from './prompt.js';
import { redactForFile } from '../output-file.js';
import { applyLayer, leafKeys, PrefillError, publiccodeAnswers, registryAnswers, valueAt, type AnswerLayer } from './prefill.js';
import { FALLBACK_NAME } from './detect.js';

export class InitError extends Error {}

export interface InitOptions {
  /** The candidate directory. */
  dir: string;
  /** The file to write (default `dpg.yml` in `dir`). */
  output?: string;
  /** Overwrite an existing declaration. */
  force?: boolean;
  /** `--type`: solution types. */
  types?: SolutionType[];
  /** Ask the questions (a terminal, without `--yes`). */
  ask?: Ask;
  /** Where to tell the user things while asking. */
  say?: (text: string) => void;
  /** `--from`: the candidate's DPGA registry files (nominee, screening), whose answers prefill the declaration. */
  from?: readonly string[];
}

export interface InitResult {
  /** The file written, as given or relative to the working directory. */
  file: string;
  text: string;
  /** Key paths with a value in the file: prefilled or answered. */
  answered: string[];
  /** Key paths prefilled from the repository, its publiccode.yml or the registry answers (the directory name as a fallback name is not counted). */
  detected: string[];
  /** Key paths answered at the prompt. */
  typed: string[];
  /** Key paths left as GAP comments. */
  gaps: string[];
  /** Where each detected value came from. */
  sources: ReadonlyMap<string, string>;
}

export async function runInit(options: InitOptions): Promise<InitResult> {
  const root = path.resolve(options.dir);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(root);
  } catch {
    throw new InitError(`cannot read ${options.dir}: no such directory`);
  }
  if (!stat.isDirectory()) throw new InitError(`${options.dir} is not a directory`);
  let registry: AnswerLayer | undefined;
  try {
    // Read first: a wrong --from stops before the repository is read.
    registry = options.from && options.from.length > 0 ? registryAnswers(options.from) : undefined;
  } catch (error) {
    if (error instanceof PrefillError) throw new InitError(error.message);
    throw error;
  }
  const target = options.output ? path.resolve(options.output) : path.join(root, 'dpg.yml');
  const shown = options.output ?? path.relative(process.cwd(), target) ?? 'dpg.yml';
  if (!options.force) {
    // Writing dpg.yml beside another declaration would shadow it; with --output the user chose the file.
    const existing = [target, ...(options.output ? [] : DECLARATION_FILE_NAMES.map((name) => path.join(root, name)))].find((file) => exists(file));
    if (existing) throw new InitError(`${path.relative(process.cwd(), existing) || existing} already exists: not overwritten (use --force to replace it, or --output to write elsewhere)`);
  } else if (isSymlink(target)) {
    throw new InitError(`${shown} is a symbolic link: not followed (remove it, or use --output)`);
  }

  let snapshot;
  try {
    snapshot = await createLocalSnapshot(root);
  } catch (error) {
    if (error instanceof SnapshotError) throw new InitError(error.message);
    throw error;
  }
  // The existing declaration (with --force) is not evidence: init reads the repository as if there were none.
  const view = makeDeclarationView(undefined);
  const facts = computeFacts(snapshot, view, options.types);
  const detected = detect(snapshot, facts, {
    fallbackName: path.basename(root),
    ...(options.types ? { types: options.types } : {}),
    ...repositoryUrl(root),
  });
  const sources = new Map(detected.sources);
  // What the owner wrote elsewhere outranks a guess from the repository; --type outranks both.
  const keep = new Set(options.types ? ['types'] : []);
  let prefilled = detected.declaration;
  for (const layer of [publiccodeAnswers(snapshot), registry]) if (layer) prefilled = applyLayer(prefilled, sources, layer, keep);
  const declaration = options.ask ? await promptAnswers(prefilled, options.ask, options.say ?? (() => undefined)) : prefilled;
  // Answers typed at the prompt are the owner's, not detections.
  const typed = leafKeys(declaration).filter((key) => JSON.stringify(valueAt(declaration, key)) !== JSON.stringify(valueAt(prefilled, key)));
  for (const key of [...sources.keys()]) if (typed.some((t) => t === key || t.startsWith(`${key}.`) || key.startsWith(`${t}.`))) sources.delete(key);
  const rendered = renderDeclaration({
    declaration,
    sources,
    header: [
      `The answers of ${declaration.name} to the DPG application questionnaire`,
      '(https://github.com/DPGAlliance/dpg-standard/blob/main/standard-questions.md), for `dpg-check`.',
      '',
      'Written by `dpg-check init` from what the repository shows. "detected:" says where a value was found:',
      'check it. Each "GAP" is a question nobody has answered yet: answer it by filling in and uncommenting',
      'the example below it. Then run `dpg-check validate dpg.yml` and `dpg-check .`.',
      '',
      `Solution types: ${detected.typesReason}.`,
    ],
  });
  const check = parseDeclaration(rendered.text, shown);
  if (!check.valid) {
    throw new Error(`init produced a declaration the schema rejects (a bug in dpg-check, please report it):\n${check.errors.map(formatDeclarationError).join('\n')}`);
  }
  try {
    fs.mkdirSync(path.dirname(target), { recursive: true });
    // `wx` refuses to replace a file that appeared since the check above.
    fs.writeFileSync(target, redactForFile(rendered.text), { flag: options.force ? 'w' : 'wx' });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InitError(code === 'EEXIST' ? `${shown} already exists: not overwritten (use --force)` : `cannot write ${shown}: ${code ?? (error as Error).message}`);
  }
  const answered = leafKeys(declaration);
  const detectedKeys = [...sources].filter(([key, from]) => from !== FALLBACK_NAME && valueAt(declaration, key) !== undefined).map(([key]) => key);
  return { file: shown, text: rendered.text, answered, detected: detectedKeys, typed, gaps: rendered.gaps, sources };
}

function exists(file: string): boolean {
  try {
    fs.lstatSync(file);
    return true;
  } catch {
    return false;
  }
}

function isSymlink(file: string): boolean {
  try {
    return fs.lstatSync(file).isSymbolicLink();
  } catch {
    return false;
  }
}

/**
 * The `origin` remote of a git work tree, as an https URL without
 * credentials (`https://user:token@host/…` and `git@host:owner/repo.git`
 * both become `https://host/owner/repo`). A token never reaches the file.
 */
export function repositoryUrl(root: string): { repositoryUrl?: string } {
  const config = path.join(root, '.git', 'config');
  let text: string;
  try {
    const stat = fs.lstatSync(config);
    if (!stat.isFile() || stat.size > 256 * 1024) return {};
    text = fs.readFileSync(config, 'utf8');
  } catch {
    return {};
  }
  const section = /\[remote "origin"\]([^[]*)/.exec(text)?.[1] ?? '';
  const url = /^\s*url\s*=\s*(\S+)\s*$/m.exec(section)?.[1];
  const normalised = url ? normaliseRemote(url) : undefined;
  return normalised ? { repositoryUrl: normalised } : {};
}

export function normaliseRemote(url: string): string | undefined {
  const scp = /^(?:[\w.-]+@)?([\w.-]+\.[a-z]{2,}):(?!\/)(.+?)(\.git)?\/?$/i.exec(url);
  if (scp && !/^[a-z]+:\/\//i.test(url)) return `https://${scp[1] as string}/${scp[2] as string}`;
  try {
    const parsed = new URL(url);
    if (!['http:', 'https:', 'ssh:', 'git:'].includes(parsed.protocol)) return undefined;
    return `https://${parsed.hostname}${parsed.pathname.replace(/\.git\/?$/, '').replace(/\/+$/, '')}`;
  } catch {
    return undefined;
  }
}

