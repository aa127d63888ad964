/**
 * dpg-5-04 model-card: an AI model documents the DPGA's checklist for AI
 * systems — intended use, training data and provenance, model architecture,
 * evaluation and performance, limitations and bias, ethical considerations,
 * how to run inference and how to retrain (DPG Standard, indicator 5, for AI
 * systems: "the following checklist, which can be presented in a model card,
 * datasheet, or any other format"; the items and their source are in
 * model-card.json).
 */
import { defineRuleDraft, isUrl, type RuleContext, type RuleOutcome } from '../../src/rule-api.js';
import type { Evidence } from '../../src/rule-api.js';
import { sortEvidenceLinks, compilePatterns, declared, fileEvidence, findLine, headings, listOf, pathsMatching, readText, REQUIREMENT } from '../../src/helpers.js';
import table from './model-card.json' with { type: 'json' };

const CARD_FILES = compilePatterns(table.cardFiles);
const README_CARD_HEADING = new RegExp(table.readmeCardHeading, 'i');
const FRONT_MATTER_CARD = new RegExp(table.frontMatterCard, 'im');
const DECLARED_CARD_LINK = new RegExp(table.declaredCardLink, 'i');
const PARTS = Object.entries(table.parts).map(([name, part]) => ({
  name,
  heading: new RegExp(part.headings, 'i'),
  frontMatter: 'frontMatter' in part && typeof part.frontMatter === 'string' ? new RegExp(part.frontMatter, 'im') : undefined,
  /** Commands in code (`python train.py`, `model.predict(`) that show the part without a heading. */
  lines: 'lines' in part && typeof part.lines === 'string' ? new RegExp(part.lines, 'i') : undefined,
}));

interface CardReading { path: string; found: Map<string, { line: number; excerpt: string }> }

export const modelCard = defineRuleDraft({
  meta: {
    id: 'dpg-5-04',
    alias: 'model-card',
    level: 'requirement',
    requirement: REQUIREMENT['5'],
    policy: { fail: '—', gap: 'an AI system has no model card, or it lacks parts of the DPGA checklist' },
    title: 'AI model has a model card',
    appliesTo: ['aimodel'],
    motivation: 'For AI systems the DPG questionnaire asks for documentation following the DPGA checklist, presented in a model card, datasheet or similar: what the model is for, what it was trained on and where the data came from, how it is built, how it was evaluated, where it falls short, its ethical considerations, and how to run and retrain it.',
    messages: {
      complete: 'The model card {path} covers all {total} items of the DPGA checklist: {found}.',
      partsMissing: 'The model card {path} does not cover {missing} ({count} of the {total} items of the DPGA checklist; found: {found}): add those sections.',
      declaredLink: 'A model card is declared at {link}; its contents (the {total} items of the DPGA checklist) were not read offline, a reviewer checks them.',
      none: `No model card was found (no MODEL_CARD.md or model-card file, no model-card section or Hugging Face card metadata in the README): write one covering the DPGA checklist (${Object.keys(table.parts).join(', ')}), and list it in \`documentation.links\` of dpg.yml.`,
    },
    remediation: `Add a model card (MODEL_CARD.md, or a README in the Hugging Face model-card format) with a section for each item of the DPGA checklist for AI systems: ${Object.keys(table.parts).join(', ')}; list it in \`documentation.links\`.`,
    docsUrl: 'https://github.com/DPGAlliance/dpg-resources/wiki/5.-Documentation#open-ai-system',
    reads: ['README*', 'MODEL_CARD*', 'MODEL-CARD*', 'MODELCARD*', 'model_card*', 'model-card*', 'modelcard*'],
  },
  check(context: RuleContext): RuleOutcome {
    const { snapshot, declaration, facts } = context;
    const readings: CardReading[] = pathsMatching(snapshot, CARD_FILES)
      .map((path) => ({ path, found: readCard(path, readText(snapshot, path) ?? '') }));
    const readmeText = facts.readme ? readText(snapshot, facts.readme) : undefined;
    if (facts.readme && readmeText !== undefined && isReadmeCard(readmeText, facts.readme)) {
      readings.push({ path: facts.readme, found: readCard(facts.readme, readmeText) });
    }
    // The most complete card speaks for the model; ties go to the shallowest file.
    const best = readings.sort((a, b) => b.found.size - a.found.size)[0];
    if (best && best.found.size === PARTS.length) {
      return { status: 'pass', messageId: 'complete', data: { path: best.path, found: describe(best), total: PARTS.length }, evidence: evidenceOf(best) };
    }
    const links = declaration.data?.documentation?.links ?? [];
    const declaredCard = sortEvidenceLinks(links, snapshot).good.find((link) => isUrl(link) && DECLARED_CARD_LINK.test(link));
    if (declaredCard) {
      return { status: 'pass', messageId: 'declaredLink', data: { link: declaredCard, total: PARTS.length }, evidence: [{ kind: 'url', url: declaredCard }, declared(declaration, `documentation.links[${links.indexOf(declaredCard)}]`)] };
    }
    if (best) {
      const missing = PARTS.map((p) => p.name).filter((name) => !best.found.has(name));
      return { status: 'gap', messageId: 'partsMissing', data: { path: best.path, missing: listOf(missing), count: missing.length, total: PARTS.length, found: best.found.size > 0 ? describe(best) : 'none' }, evidence: evidenceOf(best) };
    }
    return { status: 'gap', messageId: 'none', evidence: [declared(declaration, 'documentation.links')] };
  },
});

/** A README is a model card when it says so in a heading or carries Hugging Face card metadata. */
function isReadmeCard(text: string, path: string): boolean {
  const frontMatter = /^---\r?\n([\s\S]*?)\r?\n---/.exec(text)?.[1] ?? '';
  return FRONT_MATTER_CARD.test(frontMatter) || headings(text, path).some((h) => README_CARD_HEADING.test(h.text));
}

/** Which checklist parts the card covers, by heading (or front-matter key), with their lines. */
function readCard(path: string, text: string): Map<string, { line: number; excerpt: string }> {
  const found = new Map<string, { line: number; excerpt: string }>();
  const titles = headings(text, path);
  const frontMatter = /^---\r?\n([\s\S]*?)\r?\n---/.exec(text)?.[1] ?? '';
  for (const part of PARTS) {
    const heading = titles.find((h) => part.heading.test(h.text));
    if (heading) { found.set(part.name, { line: heading.line, excerpt: heading.text.slice(0, 200) }); continue; }
    // Labelled lines ("**Intended use:** …") are how short cards are often written.
    const labelled = findLine(text, new RegExp(`^\\s*[-*]?\\s*(\\*\\*|__)?[^:]{0,40}?${part.heading.source}[^:]{0,40}?(\\*\\*|__)?\\s*:`, 'i'));
    if (labelled) { found.set(part.name, labelled); continue; }
    if (part.frontMatter && part.frontMatter.test(frontMatter)) {
      const at = findLine(text, part.frontMatter);
      if (at) { found.set(part.name, at); continue; }
    }
    if (part.lines) {
      const command = codeLines(text).find((c) => part.lines?.test(c.text));
      if (command) found.set(part.name, { line: command.line, excerpt: command.text.trim().slice(0, 200) });
    }
  }
  return found;
}

function describe(reading: CardReading): string {
  return listOf([...reading.found].map(([name, at]) => `${name} (line ${at.line})`));
}

function evidenceOf(reading: CardReading): Evidence[] {
  const evidence = [...reading.found.values()].map((at) => fileEvidence(reading.path, at));
  return evidence.length > 0 ? evidence : [fileEvidence(reading.path)];
}

/** Lines inside fenced code blocks or inline code spans: where commands are written. */
function codeLines(text: string): { line: number; text: string }[] {
  const result: { line: number; text: string }[] = [];
  let fence: string | undefined;
  text.split(/\r?\n/).forEach((line, i) => {
    const mark = /^\s{0,3}(`{3,}|~{3,})/.exec(line)?.[1]?.[0];
    if (mark !== undefined) { fence = fence === undefined ? mark : fence === mark ? undefined : fence; return; }
    if (fence !== undefined || /^\s*\$\s/.test(line)) { result.push({ line: i + 1, text: line }); return; }
    for (const span of line.matchAll(/`([^`]+)`/g)) result.push({ line: i + 1, text: span[1] as string });
  });
  return result;
}
