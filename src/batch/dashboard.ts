/**
 * The batch dashboard: `summary.html` in the output folder, one page a
 * reviewer triages a cohort from. The candidates × eleven indicators matrix,
 * the counts per indicator and verdict at the top (each count filters the
 * matrix), filters by overall verdict, indicator verdict and solution type, a
 * search box, sortable columns, and each candidate linking to its own HTML
 * report (reports/<name>.html, written here beside its JSON report by the
 * HTML reporter).
 *
 * Self-contained and offline: inline CSS and one inline script, no request
 * of any kind; a Content-Security-Policy allows nothing else, the script by
 * its hash only. Without JavaScript the page is the full table, in id order.
 *
 * Built for cohorts of thousands: the rows are in the HTML (the browser's
 * parser builds the table once, fast), the script reads the embedded data,
 * filters by toggling each row's `hidden`, sorts by moving the existing rows
 * in one fragment, and debounces the search; no cell is ever re-rendered.
 *
 * Everything from the candidates (names, ids, locations, messages) is hostile
 * input: escaped in the HTML, `<`-escaped in the embedded JSON, and only ever
 * set as text by the script.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { INDICATOR_IDS, INDICATOR_TITLES, SOLUTION_TYPES, type Report, type Status } from '../model.js';
import { STATUS_LABELS } from '../reporters/common.js';
import { HTML_PALETTE, HTML_TEXT, ROOT_CSS, escapeHtml, pageHead, renderHtml, statusClass, verdictCss } from '../reporters/html.js';
import { REPORTS_DIR, SUMMARY_FILES, htmlPathFor, writeFileAtomic } from './output.js';
import type { Summary, SummaryRow } from './summary.js';

/** Verdicts from the most to the least in need of attention: the default sort order and the order of the counts. */
const SEVERITY: readonly Status[] = ['fail', 'error', 'gap', 'pass', 'n/a'];

export interface DashboardOptions {
  /** Candidate id → link to its HTML report, relative to the dashboard; candidates without one are not linked. */
  links?: ReadonlyMap<string, string>;
}

function verdictClass(status: Status | null): string {
  return status === null ? 'v-none' : statusClass(status);
}

function verdictCell(status: Status | null): string {
  if (status === null) return '<td class="v v-none">–</td>';
  return `<td class="v ${verdictClass(status)}">${escapeHtml(STATUS_LABELS[status].word)}</td>`;
}

/** A row's link is only ever one this module wrote: `reports/<safe file name>.html`. */
function safeLink(href: string | undefined): string | undefined {
  return href && new RegExp(`^${REPORTS_DIR}/[A-Za-z0-9._-]+\\.html$`).test(href) ? href : undefined;
}

function row(item: SummaryRow, index: number, links: ReadonlyMap<string, string>): string {
  const href = safeLink(links.get(item.id));
  const name = href ? `<a href="${escapeHtml(href)}">${escapeHtml(item.name)}</a>` : `<span class="name">${escapeHtml(item.name)}</span>`;
  const detail = item.status === 'error'
    ? `<span class="why">could not be checked: ${escapeHtml(item.message ?? 'unknown reason')}</span>`
    : item.name !== item.id ? `<span class="id">${escapeHtml(item.id)}</span>` : '';
  const stage = item.stage ? ` <span class="stage">${escapeHtml(item.stage)}</span>` : '';
  return [
    `<tr data-row="${index}">`,
    `<th scope="row">${name}${stage}${detail}</th>`,
    verdictCell(item.verdict),
    `<td class="types">${escapeHtml(item.types.join(', '))}</td>`,
    ...INDICATOR_IDS.map((id) => verdictCell(item.indicators[id] ?? null)),
    `<td class="n">${item.findings.fail}</td><td class="n">${item.findings.gap}</td>`,
    '</tr>',
  ].join('');
}

/** The counts at the top: verdicts down, overall and the eleven indicators across; every non-zero count is a filter. */
function countsTable(summary: Summary): string {
  const columns: { key: string; label: string; title: string; verdictOf: (row: SummaryRow) => Status | null }[] = [
    { key: '', label: 'Overall', title: 'overall verdict', verdictOf: (r) => r.verdict },
    ...INDICATOR_IDS.map((id) => ({ key: id, label: id, title: `${id} ${INDICATOR_TITLES[id]}`, verdictOf: (r: SummaryRow) => r.indicators[id] ?? null })),
  ];
  const head = columns.map((c) => `<th scope="col"><abbr title="${escapeHtml(c.title)}">${escapeHtml(c.label)}</abbr></th>`).join('');
  const body = SEVERITY.map((status) => {
    const cells = columns.map((c) => {
      const count = summary.rows.filter((r) => c.verdictOf(r) === status).length;
      if (count === 0) return '<td class="zero">0</td>';
      const what = c.key ? `indicator ${c.key} ${STATUS_LABELS[status].word}` : `overall ${STATUS_LABELS[status].word}`;
      return `<td><button type="button" class="count ${verdictClass(status)}" data-indicator="${escapeHtml(c.key)}" data-verdict="${escapeHtml(status)}" aria-label="${escapeHtml(`${count} candidate${count === 1 ? '' : 's'}: ${what}; show them`)}">${count}</button></td>`;
    }).join('');
    return `<tr><th scope="row"><span class="badge ${verdictClass(status)}">${escapeHtml(STATUS_LABELS[status].word)}</span></th>${cells}</tr>`;
  }).join('\n');
  return `<table class="counts"><caption>Candidates per verdict, overall and per indicator (select a count to show those candidates)</caption><thead><tr><td></td>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

function options(values: readonly { value: string; label: string }[]): string {
  return values.map((v) => `<option value="${escapeHtml(v.value)}">${escapeHtml(v.label)}</option>`).join('');
}

function controls(summary: Summary): string {
  const verdicts = [{ value: '', label: 'any' }, ...SEVERITY.map((s) => ({ value: s, label: STATUS_LABELS[s].word }))];
  const types = SOLUTION_TYPES.filter((type) => summary.rows.some((r) => r.types.includes(type)));
  return [
    '<form class="controls" id="controls" role="search" aria-label="Filter the candidates">',
    '<label>Search <input type="search" id="search" placeholder="name, id or location" autocomplete="off"></label>',
    `<label>Overall verdict <select id="filter-verdict">${options(verdicts)}</select></label>`,
    `<label>Indicator <select id="filter-indicator">${options([{ value: '', label: 'any' }, ...INDICATOR_IDS.map((id) => ({ value: id, label: `${id} ${INDICATOR_TITLES[id]}` }))])}</select></label>`,
    `<label>is <select id="filter-indicator-verdict">${options(verdicts)}</select></label>`,
    `<label>Solution type <select id="filter-type">${options([{ value: '', label: 'any' }, ...types.map((t) => ({ value: t, label: t }))])}</select></label>`,
    '<button type="reset" id="clear">Clear filters</button>',
    `<p id="shown" role="status" aria-live="polite">${summary.rows.length} of ${summary.rows.length} candidates</p>`,
    '</form>',
  ].join('\n');
}

function matrix(summary: Summary, links: ReadonlyMap<string, string>): string {
  const sortable = (key: string, label: string, title?: string): string =>
    `<th scope="col" data-sort="${escapeHtml(key)}" aria-sort="none"><button type="button">${title ? `<abbr title="${escapeHtml(title)}">${escapeHtml(label)}</abbr>` : escapeHtml(label)}</button></th>`;
  const head = [
    sortable('name', 'Candidate'), sortable('verdict', 'Verdict'), sortable('types', 'Types'),
    ...INDICATOR_IDS.map((id) => sortable(id, id, `${id} ${INDICATOR_TITLES[id]}`)),
    sortable('fail', 'Fails', 'requirement findings that fail'), sortable('gap', 'Gaps', 'requirement findings with an evidence gap'),
  ].join('');
  const rows = summary.rows.map((item, index) => row(item, index, links)).join('\n');
  return [
    '<table class="matrix" id="matrix">',
    '<caption>Every candidate with its overall verdict and the verdict of each indicator (select a column heading to sort)</caption>',
    `<colgroup><col class="c-name"><col class="c-verdict"><col class="c-types">${INDICATOR_IDS.map(() => '<col class="c-indicator">').join('')}<col class="c-count"><col class="c-count"></colgroup>`,
    `<thead><tr>${head}</tr></thead>`,
    `<tbody>\n${rows}\n</tbody>`,
    '</table>',
    '<p id="nothing" class="nothing" hidden>No candidate matches these filters.</p>',
  ].join('\n');
}

/** What the script reads: one compact entry per row, in the table's order. */
function embeddedData(summary: Summary): string {
  const rank = (status: Status | null): number => (status === null ? SEVERITY.length : SEVERITY.indexOf(status));
  const rows = summary.rows.map((r) => ({
    name: r.name,
    // Searched, never shown by the script.
    text: `${r.name} ${r.id} ${r.location} ${r.stage ?? ''}`.toLowerCase(),
    verdict: r.verdict,
    types: r.types,
    indicators: INDICATOR_IDS.map((id) => r.indicators[id] ?? null),
    rank: [rank(r.verdict), ...INDICATOR_IDS.map((id) => rank(r.indicators[id] ?? null))],
    fail: r.findings.fail,
    gap: r.findings.gap,
  }));
  // `<` escaped: no candidate string can close the data element or open a comment.
  return JSON.stringify({ indicators: INDICATOR_IDS, rows }).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/**
 * The page's behaviour. Plain ES2017, no framework: it reads `#dashboard-data`,
 * keeps one entry per existing row, and changes only `hidden`, the rows' order
 * and the status line. `data-ready` on <html> marks the table as interactive
 * (tests and the load-time measurement wait for it).
 */
const SCRIPT = String.raw`(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('dashboard-data').textContent);
  var table = document.getElementById('matrix');
  var body = table.tBodies[0];
  var trs = body.rows;
  var items = [];
  for (var k = 0; k < data.rows.length; k++) {
    var entry = data.rows[k];
    entry.tr = trs[k];
    entry.order = k;
    items.push(entry);
  }
  var byIndicator = {};
  data.indicators.forEach(function (id, i) { byIndicator[id] = i; });
  var $ = function (id) { return document.getElementById(id); };
  var search = $('search'), verdict = $('filter-verdict'), indicator = $('filter-indicator'), indicatorVerdict = $('filter-indicator-verdict'), type = $('filter-type');
  var shown = $('shown'), nothing = $('nothing');

  function matches(item, query, want) {
    if (want.verdict && item.verdict !== want.verdict) return false;
    if (want.type && item.types.indexOf(want.type) < 0) return false;
    if (want.indicatorVerdict) {
      if (want.indicator) {
        if (item.indicators[byIndicator[want.indicator]] !== want.indicatorVerdict) return false;
      } else if (item.indicators.indexOf(want.indicatorVerdict) < 0) return false;
    }
    return !query || item.text.indexOf(query) >= 0;
  }

  function apply() {
    var query = search.value.trim().toLowerCase();
    var want = { verdict: verdict.value, type: type.value, indicator: indicator.value, indicatorVerdict: indicatorVerdict.value };
    var count = 0;
    for (var i = 0; i < items.length; i++) {
      var visible = matches(items[i], query, want);
      if (items[i].tr.hidden === visible) items[i].tr.hidden = !visible;
      if (visible) count++;
    }
    shown.textContent = count + ' of ' + items.length + ' candidates';
    nothing.hidden = count > 0;
  }

  var timer;
  search.addEventListener('input', function () {
    clearTimeout(timer);
    timer = setTimeout(apply, 120);
  });
  [verdict, indicator, indicatorVerdict, type].forEach(function (select) { select.addEventListener('change', apply); });
  $('clear').addEventListener('click', function () { setTimeout(apply, 0); });
  // Enter in the search box filters at once; the form never goes anywhere.
  $('controls').addEventListener('submit', function (event) { event.preventDefault(); clearTimeout(timer); apply(); });

  var collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });
  function key(item, column) {
    if (column === 'name') return item.name;
    if (column === 'types') return item.types.join(', ');
    if (column === 'verdict') return item.rank[0];
    if (column === 'fail' || column === 'gap') return -item[column];
    return item.rank[1 + byIndicator[column]];
  }
  function sortBy(th) {
    var column = th.getAttribute('data-sort');
    var ascending = th.getAttribute('aria-sort') !== 'ascending';
    var sign = ascending ? 1 : -1;
    items.sort(function (a, b) {
      var x = key(a, column), y = key(b, column);
      var order = typeof x === 'string' ? collator.compare(x, y) : x - y;
      return sign * order || a.order - b.order;
    });
    var fragment = document.createDocumentFragment();
    for (var i = 0; i < items.length; i++) fragment.appendChild(items[i].tr);
    body.appendChild(fragment);
    var heads = table.tHead.rows[0].cells;
    for (var j = 0; j < heads.length; j++) heads[j].setAttribute('aria-sort', heads[j] === th ? (ascending ? 'ascending' : 'descending') : 'none');
  }
  table.tHead.addEventListener('click', function (event) {
    var th = event.target.closest('th[data-sort]');
    if (th) sortBy(th);
  });

  document.querySelector('.counts').addEventListener('click', function (event) {
    var button = event.target.closest('button.count');
    if (!button) return;
    var id = button.getAttribute('data-indicator');
    if (id) {
      verdict.value = '';
      indicator.value = id;
      indicatorVerdict.value = button.getAttribute('data-verdict');
    } else {
      verdict.value = button.getAttribute('data-verdict');
      indicator.value = '';
      indicatorVerdict.value = '';
    }
    apply();
    table.scrollIntoView({ block: 'start' });
  });

  apply();
  document.documentElement.setAttribute('data-ready', String(Math.round(performance.now())));
})();`;

const SCRIPT_HASH = `sha256-${crypto.createHash('sha256').update(SCRIPT, 'utf8').digest('base64')}`;

function styles(): string {
  return `
${ROOT_CSS}
body{margin:0;background:var(--page);color:var(--text);font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","DejaVu Sans",sans-serif}
a{color:var(--link)}
:focus-visible{outline:3px solid var(--link);outline-offset:2px}
header,main,footer{padding:0 1.25rem}
header{padding-top:1.25rem}
h1{font-size:1.6rem;margin:0 0 .25rem}
.lede{margin:0 0 1rem;color:var(--muted)}
${verdictCss()}
.v-none{--fg:${HTML_TEXT.muted};--bg:#ffffff;--accent:#d0d7de}
.badge{display:inline-block;font-weight:700;font-size:.8rem;color:var(--fg);background:var(--bg);border:1px solid var(--accent);border-radius:999px;padding:0 .5em;white-space:nowrap}
table{border-collapse:collapse}
caption{text-align:left;color:var(--muted);padding:.3rem 0;font-size:.9rem}
.counts th,.counts td{padding:.15rem .3rem;text-align:center;border-bottom:1px solid var(--line)}
.counts th[scope=row]{text-align:left}
.counts .zero{color:#8a8f98}
abbr{text-decoration:none}
button.count{font:inherit;font-weight:700;min-width:3.2em;color:var(--fg);background:var(--bg);border:1px solid var(--accent);border-radius:4px;padding:.05rem .35rem;cursor:pointer}
button.count:hover{text-decoration:underline}
.controls{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:end;margin:1.25rem 0 .5rem;padding:.75rem;background:#f6f8fa;border:1px solid var(--line);border-radius:6px}
.controls label{display:flex;flex-direction:column;font-size:.85rem;color:var(--muted)}
.controls input,.controls select,.controls button{font:inherit;color:var(--text);padding:.25rem .4rem;border:1px solid #8c959f;border-radius:4px;background:#fff}
.controls input{min-width:16rem}
.controls select{max-width:16rem}
#shown{margin:0 0 0 auto;font-weight:600}
/* Fixed layout: column widths come from the colgroup, so thousands of rows never need measuring to lay out. */
.matrix{width:100%;font-size:.88rem;table-layout:fixed}
.matrix col.c-name{width:auto}
.matrix col.c-verdict{width:5rem}
.matrix col.c-types{width:6.5rem}
.matrix col.c-indicator{width:3.6rem}
.matrix col.c-count{width:3.6rem}
.matrix thead th{position:sticky;top:0;background:#f6f8fa;border-bottom:2px solid var(--line);z-index:1;padding:0}
.matrix thead button{font:inherit;font-weight:700;background:none;border:0;padding:.35rem .4rem;cursor:pointer;width:100%;text-align:left;color:var(--text)}
.matrix thead th[aria-sort=ascending] button::after{content:" ▲"}
.matrix thead th[aria-sort=descending] button::after{content:" ▼"}
.matrix th[scope=row]{text-align:left;font-weight:600;padding:.2rem .4rem;max-width:26rem;overflow-wrap:anywhere}
.matrix td{padding:.2rem .35rem;border-bottom:1px solid #eaeef2;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
.matrix tbody tr:hover{background:#f6f8fa}
.matrix td.v{color:var(--fg);background:var(--bg);font-weight:700;font-size:.78rem;text-align:center;border-left:1px solid #fff}
.matrix td.n{text-align:right;font-variant-numeric:tabular-nums}
.matrix .types{color:var(--muted);font-size:.82rem}
.id,.why,.stage{display:block;font-weight:400;color:var(--muted);font-size:.8rem}
.stage{display:inline;border:1px solid var(--line);border-radius:4px;padding:0 .3em;margin-left:.3em}
.why{color:${HTML_PALETTE.error.fg}}
.nothing{padding:1rem;color:var(--muted)}
footer{color:var(--muted);font-size:.85rem;padding-top:1rem;padding-bottom:2rem;border-top:1px solid var(--line);margin-top:2rem}
@media print{.controls{display:none}td.v,.badge,button.count{-webkit-print-color-adjust:exact;print-color-adjust:exact}}
`;
}

export function renderDashboard(summary: Summary, options: DashboardOptions = {}): string {
  const links = options.links ?? new Map<string, string>();
  const { counts } = summary;
  const pending = summary.complete ? '' : `, ${counts.pending} not checked yet (the batch was interrupted: finish it with --resume)`;
  const lede = `${counts.candidates} candidate${counts.candidates === 1 ? '' : 's'}: ${counts.checked} checked, ${counts.errors} could not be checked${pending}. Checked against the ${summary.standard.name} ${summary.standard.version} by ${summary.tool.name} ${summary.tool.version}.`;
  return `${pageHead({ title: `DPG Standard batch: ${counts.candidates} candidates`, generator: `${summary.tool.name} ${summary.tool.version}`, css: styles(), scriptHash: SCRIPT_HASH })}
</head>
<body>
<header>
<h1>DPG Standard batch</h1>
<p class="lede">${escapeHtml(lede)}</p>
${countsTable(summary)}
</header>
<main>
${controls(summary)}
${matrix(summary, links)}
</main>
<footer>
<p>A <strong>gap</strong> is evidence that is missing or that a person must judge; it is never counted as a failure. Each candidate links to its own report; the same rows are in summary.json and summary.csv.</p>
</footer>
<script type="application/json" id="dashboard-data">${embeddedData(summary)}</script>
<script>${SCRIPT}</script>
</body>
</html>
`;
}

/**
 * Writes each checked candidate's HTML report beside its JSON report, unless
 * one newer than it is there (the batch writes both as each candidate is
 * checked; a merge or an older batch folder may have only the JSON), then
 * the dashboard linking them; removes HTML reports no row has any more (a
 * candidate gone from the input, or now an error). A JSON report that cannot
 * be read leaves its candidate unlinked rather than stopping the batch.
 */
export function writeDashboard(out: string, summary: Summary): void {
  const links = new Map<string, string>();
  for (const item of summary.rows) {
    if (!item.report || !/\.json$/.test(item.report)) continue;
    const href = htmlPathFor(item.report);
    try {
      // A page newer than its JSON report (a resumed batch) is already this report's.
      const json = fs.statSync(path.join(out, item.report));
      const page = fs.statSync(path.join(out, href), { throwIfNoEntry: false });
      if (!page || page.mtimeMs < json.mtimeMs) {
        writeFileAtomic(path.join(out, href), renderHtml(JSON.parse(fs.readFileSync(path.join(out, item.report), 'utf8')) as Report));
      }
    } catch {
      continue;
    }
    links.set(item.id, href);
  }
  const kept = new Set([...links.values()].map((href) => path.basename(href)));
  let names: string[] = [];
  try {
    names = fs.readdirSync(path.join(out, REPORTS_DIR));
  } catch {
    names = [];
  }
  for (const name of names) if (name.endsWith('.html') && !kept.has(name)) fs.rmSync(path.join(out, REPORTS_DIR, name), { force: true });
  writeFileAtomic(path.join(out, SUMMARY_FILES.html), renderDashboard(summary, { links }));
}

