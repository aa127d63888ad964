/**
 * The HTML reporter: one self-contained page people can share. Inline CSS, no
 * script, no external request (a Content-Security-Policy forbids both, so even
 * a page edited later cannot load anything), readable with JavaScript off.
 *
 * Reading order: the candidate, the overall verdict, the eleven indicators at
 * a glance (each cell says its verdict in words and with a symbol; colour only
 * repeats them, and the legend explains all three), every finding with its
 * evidence and what to do, then the licences identified.
 *
 * Accessibility: `lang`, landmarks (header, main, footer, labelled sections),
 * a heading outline (h1 candidate, h2 parts, h3 indicators), a skip link,
 * colours chosen for WCAG AA contrast (test/reporters-html.test.ts measures
 * them), visible focus.
 *
 * Every string from the candidate is escaped; links are made only of http(s)
 * URLs.
 */
import { configSection } from './config-trust.js';
import { STATUSES, decisive, type Evidence, type Finding, type Report, type Status } from '../model.js';
import {
  ATTENTION_ORDER, STATUS_LABELS, adviceToShow, describeCounts, questionnaireLine, fileLink, fileLocation, findingsOfIndicator, isSafeUrl, locationText,
  sourceLinkBase, splitCodeSpans, withPrefix,
} from './common.js';

export interface HtmlOptions {
  /** URL prefix for file links, e.g. `https://github.com/o/r/blob/<sha>/`; derived from a GitHub source when absent. */
  linkBase?: string;
  /** Repository-relative folder of the candidate, for file links. */
  pathPrefix?: string;
}

/** Foreground, background and accent (border) of each verdict; contrast is tested. */
export const HTML_PALETTE: Readonly<Record<Status, { fg: string; bg: string; accent: string }>> = {
  pass: { fg: '#0f5323', bg: '#e7f5ec', accent: '#1a7f37' },
  fail: { fg: '#8e1616', bg: '#fdecec', accent: '#c62828' },
  gap: { fg: '#5c3d00', bg: '#fff4d6', accent: '#b7791f' },
  'n/a': { fg: '#454b54', bg: '#eef0f3', accent: '#8a8f98' },
  error: { fg: '#57287f', bg: '#f3ecfb', accent: '#7b3fb5' },
};
export const HTML_TEXT = { fg: '#1f2328', muted: '#57606a', bg: '#ffffff', link: '#0b57d0' } as const;

/** The characters HTML text and quoted attributes may not carry as they are. */
const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
// Control characters would be invisible or rejected; bidi overrides could make text read differently: both are
// written as \uXXXX.
const TO_ESCAPE = /[&<>"'\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

const NEEDS_ESCAPE = new RegExp(TO_ESCAPE.source);

/** Escapes text for HTML element content and quoted attribute values, in one pass (most strings need nothing). */
export function escapeHtml(text: string): string {
  if (!NEEDS_ESCAPE.test(text)) return text;
  return text.replace(TO_ESCAPE, (char) => ENTITIES[char] ?? `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function label(status: Status): { word: string; symbol: string; meaning: string } {
  return STATUS_LABELS[status] ?? { word: String(status).toUpperCase(), symbol: '•', meaning: '' };
}

export function statusClass(status: Status): string {
  return (STATUSES as readonly string[]).includes(status) ? `v-${status === 'n/a' ? 'na' : status}` : 'v-unknown';
}

/** `9a` → `indicator-9a`; anything odd becomes dashes, so ids stay valid and unique enough. */
function anchor(indicatorId: string): string {
  return `indicator-${indicatorId.toLowerCase().replace(/[^a-z0-9]/g, '-')}`;
}

function badge(status: Status): string {
  const { word, symbol } = label(status);
  return `<span class="badge ${statusClass(status)}"><span aria-hidden="true">${escapeHtml(symbol)}</span> ${escapeHtml(word)}</span>`;
}

function richText(text: string): string {
  return splitCodeSpans(text).map((part) => (part.code ? `<code>${escapeHtml(part.text)}</code>` : escapeHtml(part.text))).join('');
}

function externalLink(url: string, text: string): string {
  return `<a href="${escapeHtml(url.trim())}" rel="nofollow noopener noreferrer">${text}</a>`;
}

function evidenceItem(evidence: Evidence, options: HtmlOptions, linkBase: string | undefined): string {
  const location = fileLocation(evidence);
  if (location) {
    const shown = `<code>${escapeHtml(locationText(location))}</code>`;
    const href = fileLink(linkBase, { ...location, path: withPrefix(options.pathPrefix, location.path) });
    const what = evidence.kind === 'declaration' ? `declaration ${href ? externalLink(href, shown) : shown} <code>${escapeHtml(evidence.key)}</code>` : `file ${href ? externalLink(href, shown) : shown}`;
    const excerpt = evidence.kind === 'file' && evidence.excerpt ? ` <q>${escapeHtml(evidence.excerpt.trim())}</q>` : '';
    return `<li>${what}${excerpt}</li>`;
  }
  switch (evidence.kind) {
    case 'url':
      return `<li>link ${isSafeUrl(evidence.url) ? externalLink(evidence.url, escapeHtml(evidence.url)) : `<code>${escapeHtml(evidence.url)}</code>`}</li>`;
    case 'host':
      return `<li>host <code>${escapeHtml(evidence.key)}</code>${evidence.value !== undefined ? ` = <code>${escapeHtml(evidence.value)}</code>` : ''}</li>`;
    case 'note':
      return `<li>${escapeHtml(evidence.text)}</li>`;
    default:
      return `<li><code>${escapeHtml(JSON.stringify(evidence))}</code></li>`;
  }
}

function findingItem(finding: Finding, options: HtmlOptions, linkBase: string | undefined): string {
  const parts = [
    `<li class="finding ${statusClass(finding.status)}">`,
    `<p class="finding-head">${badge(finding.status)} <span class="message">${richText(finding.message)}</span></p>`,
    `<p class="rule">Rule <code>${escapeHtml(finding.ruleId)}</code>${finding.ruleAlias ? ` <span class="alias">${escapeHtml(finding.ruleAlias)}</span>` : ''}</p>`,
  ];
  if (finding.evidence.length > 0) {
    parts.push(`<ul class="evidence" aria-label="Evidence">${finding.evidence.map((e) => evidenceItem(e, options, linkBase)).join('')}</ul>`);
  }
  if (finding.remediation && finding.status !== 'pass' && finding.status !== 'n/a') {
    const docs = finding.docsUrl && isSafeUrl(finding.docsUrl) ? ` ${externalLink(finding.docsUrl, 'What the DPG Standard says')}` : '';
    parts.push(`<p class="remedy"><strong>What to do:</strong> ${richText(finding.remediation)}${docs}</p>`);
  }
  parts.push('</li>');
  return parts.join('\n');
}

/** Findings needing attention first (fail, error, gap), then passes and n/a; report order within each. */
function readingOrder(findings: readonly Finding[]): Finding[] {
  const rank = (f: Finding): number => {
    const index = ATTENTION_ORDER.indexOf(f.status);
    return index >= 0 ? index : ATTENTION_ORDER.length + (f.status === 'pass' ? 0 : 1);
  };
  return [...findings].map((f, i) => ({ f, i })).sort((a, b) => rank(a.f) - rank(b.f) || a.i - b.i).map(({ f }) => f);
}

function matrix(report: Report): string {
  const cells = report.indicators.map((indicator) => {
    const { word, symbol } = label(indicator.verdict);
    return [
      `<li class="cell ${statusClass(indicator.verdict)}" data-indicator="${escapeHtml(indicator.id)}" data-verdict="${escapeHtml(indicator.verdict)}">`,
      `<a href="#${anchor(indicator.id)}">`,
      `<span class="cell-id">${escapeHtml(indicator.id)}</span>`,
      `<span class="cell-title">${escapeHtml(indicator.title)}</span>`,
      `<span class="cell-verdict"><span aria-hidden="true">${escapeHtml(symbol)}</span> ${escapeHtml(word)}</span>`,
      `<span class="cell-counts">${escapeHtml(describeCounts(findingsOfIndicator(report, indicator.id)))}</span>`,
      '</a></li>',
    ].join('');
  });
  const legend = STATUSES.map((status) => `<li>${badge(status)} ${escapeHtml(label(status).meaning)}</li>`);
  return [
    '<section class="glance" aria-labelledby="glance-heading">',
    '<h2 id="glance-heading">The eleven indicators at a glance</h2>',
    `<ol class="matrix">\n${cells.join('\n')}\n</ol>`,
    '<h3 class="legend-heading" id="legend-heading">Legend</h3>',
    `<ul class="legend" aria-labelledby="legend-heading">${legend.join('')}</ul>`,
    '</section>',
  ].join('\n');
}

function header(report: Report): string {
  const { candidate } = report;
  const facts: [string, string][] = [
    ['Solution types', candidate.types.length > 0 ? escapeHtml(candidate.types.join(', ')) : 'none'],
    ['Declaration', candidate.declaration.path === null ? 'none found' : `<code>${escapeHtml(candidate.declaration.path)}</code>${candidate.declaration.valid ? '' : ' (invalid)'}`],
    ...candidate.sources.map((source): [string, string] => [
      'Source',
      `${escapeHtml(source.kind)} <code>${escapeHtml(source.location)}</code>${source.revision ? ` at <code>${escapeHtml(source.revision)}</code>` : ''}`,
    ]),
    ['Checked against', `${escapeHtml(report.standard.name)} ${escapeHtml(report.standard.version)}`],
    ['Files checked', String(report.timings.files)],
  ];
  return [
    '<header class="page-header">',
    `<p class="eyebrow">DPG Standard check by ${escapeHtml(report.tool.name)} ${escapeHtml(report.tool.version)}</p>`,
    `<h1>${escapeHtml(candidate.name)}</h1>`,
    `<p class="overall ${statusClass(report.verdict)}">Overall verdict: ${badge(report.verdict)} <span class="overall-counts">${escapeHtml(describeCounts(decisive(report.findings)))}</span></p>`,
    `<dl class="facts">${facts.map(([term, value]) => `<div><dt>${term}</dt><dd>${value}</dd></div>`).join('')}</dl>`,
    '</header>',
  ].join('\n');
}

function findingsSection(report: Report, options: HtmlOptions, linkBase: string | undefined): string {
  const sections = report.indicators.map((indicator) => {
    const findings = readingOrder(findingsOfIndicator(report, indicator.id));
    const id = anchor(indicator.id);
    return [
      `<section class="indicator ${statusClass(indicator.verdict)}" id="${id}" aria-labelledby="${id}-heading">`,
      `<h3 id="${id}-heading">${badge(indicator.verdict)} <span class="indicator-id">${escapeHtml(indicator.id)}</span> ${escapeHtml(indicator.title)}</h3>`,
      findings.length > 0 ? `<ul class="findings">\n${findings.map((f) => findingItem(f, options, linkBase)).join('\n')}\n</ul>` : '<p class="none">No rule reported on this indicator.</p>',
      '</section>',
    ].join('\n');
  });
  const advice = adviceToShow(report);
  if (advice.length > 0) {
    sections.push([
      '<section class="indicator advice" id="advice" aria-labelledby="advice-heading">',
      '<h3 id="advice-heading">Advice</h3>',
      '<p class="none">Good practice the DPG Standard does not require; never changes a verdict.</p>',
      `<ul class="findings">\n${advice.map((f) => findingItem(f, options, linkBase)).join('\n')}\n</ul>`,
      '</section>',
    ].join('\n'));
  }
  const questionnaire = questionnaireLine(report);
  if (questionnaire && report.questionnaire) {
    const items = report.questionnaire.unanswered.map((q) => `<li>${escapeHtml(q.question)} <code>${escapeHtml(q.key)}</code></li>`).join('');
    sections.push(`<section class="questionnaire" id="questionnaire"><h3>Questionnaire</h3><p>${escapeHtml(questionnaire)}</p>${items ? `<ul>${items}</ul>` : ''}</section>`);
  }
  return ['<section class="all-findings" id="findings" aria-labelledby="findings-heading">', '<h2 id="findings-heading">Findings by indicator</h2>', ...sections, '</section>'].join('\n');
}

function licencesSection(report: Report): string {
  const rows = report.licenses.map((l) => `<tr><td><code>${escapeHtml(l.spdx)}</code></td><td><code>${escapeHtml(l.line !== undefined ? `${l.path}:${l.line}` : l.path)}</code></td><td>${escapeHtml(l.method)}</td><td>${escapeHtml(l.confidence.toFixed(2))}</td></tr>`);
  const body = rows.length > 0
    ? `<table><caption>Every licence identified in the candidate, and where</caption><thead><tr><th scope="col">Licence (SPDX)</th><th scope="col">Found in</th><th scope="col">Method</th><th scope="col">Confidence</th></tr></thead><tbody>${rows.join('')}</tbody></table>`
    : '<p class="none">No licence was identified.</p>';
  return ['<section aria-labelledby="licences-heading">', '<h2 id="licences-heading">Licences identified</h2>', body, '</section>'].join('\n');
}

function notesSection(report: Report): string {
  const parts: string[] = [];
  if (report.ignored?.length) {
    const items = report.ignored.map((entry) => {
      const what = [entry.ruleId ? `rule <code>${escapeHtml(entry.ruleId)}</code>` : '', entry.path ? `path <code>${escapeHtml(entry.path)}</code>` : ''].filter(Boolean).join(', ');
      return `<li>${what}: ${escapeHtml(entry.reason)}</li>`;
    });
    parts.push('<h3>Left out by configuration</h3>', `<ul>${items.join('')}</ul>`);
  }
  const trust = configSection(report);
  if (trust) parts.push(`<h3>${escapeHtml(trust.title)}</h3>`, `<ul>${trust.lines.map((line) => `<li>${escapeHtml(line)}</li>`).join('')}</ul>`);
  if (report.warnings?.length) parts.push('<h3>Warnings</h3>', `<ul>${report.warnings.map((w) => `<li>${escapeHtml(w)}</li>`).join('')}</ul>`);
  if (report.candidate.declaration.errors?.length) {
    parts.push('<h3>Declaration problems</h3>', `<ul>${report.candidate.declaration.errors.map((e) => `<li><code>${escapeHtml(e)}</code></li>`).join('')}</ul>`);
  }
  return parts.length > 0 ? ['<section aria-labelledby="notes-heading">', '<h2 id="notes-heading">Notes</h2>', ...parts, '</section>'].join('\n') : '';
}

/** The page's colours as custom properties, shared with the batch dashboard (src/batch/dashboard.ts). */
export const ROOT_CSS = `:root{color-scheme:light;--text:${HTML_TEXT.fg};--muted:${HTML_TEXT.muted};--link:${HTML_TEXT.link};--page:${HTML_TEXT.bg};--line:#d0d7de}
*{box-sizing:border-box}`;

/** `.v-fail{--fg:…;--bg:…;--accent:…}` for each verdict: the colours every verdict-coloured element takes. */
export function verdictCss(): string {
  return STATUSES.map((status) => {
    const { fg, bg, accent } = HTML_PALETTE[status];
    return `.${statusClass(status)}{--fg:${fg};--bg:${bg};--accent:${accent}}`;
  }).join('\n');
}

function styles(): string {
  const verdictRules = verdictCss();
  return `
${ROOT_CSS}
body{margin:0;background:var(--page);color:var(--text);font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","DejaVu Sans",sans-serif}
a{color:var(--link)}
a:focus-visible{outline:3px solid var(--link);outline-offset:2px}
code{font-family:ui-monospace,"SFMono-Regular",Menlo,Consolas,"DejaVu Sans Mono",monospace;font-size:.9em;background:#f3f4f6;padding:.05em .3em;border-radius:4px;overflow-wrap:anywhere}
.skip{position:absolute;left:-999px}
.skip:focus{left:1rem;top:1rem;background:var(--page);padding:.5rem;z-index:1}
.page-header,main,footer{max-width:72rem;margin:0 auto;padding:0 1.5rem}
.page-header{padding-top:1.5rem}
.eyebrow{margin:0;color:var(--muted);font-size:.9rem}
h1{margin:.2rem 0 .5rem;font-size:2rem;overflow-wrap:anywhere}
h2{font-size:1.35rem;margin:2rem 0 .75rem;border-bottom:1px solid var(--line);padding-bottom:.3rem}
h3{font-size:1.1rem;margin:1.5rem 0 .5rem}
.overall{font-size:1.15rem;margin:.25rem 0 1rem}
.overall-counts{color:var(--muted);font-size:.95rem}
.facts{display:flex;flex-wrap:wrap;gap:.25rem 2rem;margin:0}
.facts div{display:flex;gap:.5rem}
.facts dt{color:var(--muted)}
.facts dd{margin:0;overflow-wrap:anywhere}
${verdictRules}
.badge{display:inline-block;white-space:nowrap;font-weight:700;font-size:.85em;letter-spacing:.02em;color:var(--fg);background:var(--bg);border:1px solid var(--accent);border-radius:999px;padding:0 .55em}
.matrix{list-style:none;margin:0;padding:0;display:grid;grid-template-columns:repeat(auto-fill,minmax(10.5rem,1fr));gap:.75rem}
.cell a{display:flex;flex-direction:column;height:100%;padding:.7rem .85rem;color:var(--fg);background:var(--bg);border:1px solid var(--accent);border-left:.45rem solid var(--accent);border-radius:8px;text-decoration:none}
.cell a:hover .cell-title{text-decoration:underline}
.cell-id{font-weight:700;font-size:1.35rem;line-height:1.2}
.cell-title{font-size:.9rem;flex:1}
.cell-verdict{font-weight:800;font-size:1.05rem;margin-top:.35rem;letter-spacing:.03em}
.cell-counts{font-size:.8rem}
.legend-heading{font-size:1rem;margin-top:1.25rem}
.legend{list-style:none;padding:0;margin:0;display:flex;flex-wrap:wrap;gap:.35rem 1.5rem;font-size:.92rem}
.indicator-id{display:inline-block;min-width:1.8em}
.findings{list-style:none;padding:0;margin:0;display:grid;gap:.6rem}
.finding{border:1px solid var(--line);border-left:.35rem solid var(--accent);border-radius:6px;padding:.6rem .85rem}
.finding p{margin:.2rem 0}
.finding-head .message{overflow-wrap:anywhere}
.rule{color:var(--muted);font-size:.85rem}
.alias{font-style:italic}
.evidence{margin:.3rem 0;padding-left:1.25rem;font-size:.92rem;overflow-wrap:anywhere}
.remedy{background:#f6f8fa;border-radius:4px;padding:.35rem .6rem!important}
.none{color:var(--muted)}
table{border-collapse:collapse;width:100%;font-size:.92rem}
caption{text-align:left;color:var(--muted);padding-bottom:.4rem}
th,td{text-align:left;border-bottom:1px solid var(--line);padding:.35rem .5rem;vertical-align:top;overflow-wrap:anywhere}
footer{color:var(--muted);font-size:.85rem;padding-top:1rem;padding-bottom:2rem;border-top:1px solid var(--line);margin-top:2.5rem}
@media print{.cell a,.badge,.finding{-webkit-print-color-adjust:exact;print-color-adjust:exact}.skip{display:none}}
`;
}

/**
 * The opening of a self-contained page, up to its styles: a Content-Security-Policy that allows nothing from
 * outside (and, for the dashboard, only its own script, by hash), no referrer, the generator. Shared by the
 * report page and the batch dashboard (src/batch/dashboard.ts).
 */
export function pageHead(page: { title: string; generator: string; css: string; scriptHash?: string }): string {
  const script = page.scriptHash ? ` script-src '${page.scriptHash}';` : '';
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline';${script} img-src data:; base-uri 'none'; form-action 'none'">
<meta name="referrer" content="no-referrer">
<meta name="generator" content="${escapeHtml(page.generator)}">
<title>${escapeHtml(page.title)}</title>
<style>${page.css}</style>`;
}

export function renderHtml(report: Report, options: HtmlOptions = {}): string {
  const linkBase = options.linkBase ?? sourceLinkBase(report);
  const title = `DPG Standard check: ${label(report.verdict).word} — ${report.candidate.name}`;
  return `${pageHead({ title, generator: `${report.tool.name} ${report.tool.version}`, css: styles() })}
</head>
<body>
<a class="skip" href="#findings">Skip to the findings</a>
${header(report)}
<main>
${matrix(report)}
${findingsSection(report, options, linkBase)}
${licencesSection(report)}
${notesSection(report)}
</main>
<footer>
<p>A <strong>gap</strong> is evidence that is missing or that a person must judge; it is never counted as a failure. An indicator fails if any of its findings fails, else it is an error if a rule could not run, else a gap if any finding is a gap, else it passes; n/a when nothing applies.
Report by ${escapeHtml(report.tool.name)} ${escapeHtml(report.tool.version)} against the <a href="https://github.com/DPGAlliance/DPG-Standard/blob/main/standard.md" rel="nofollow noopener noreferrer">${escapeHtml(report.standard.name)} ${escapeHtml(report.standard.version)}</a>.</p>
</footer>
</body>
</html>
`;
}
