/**
 * Version specifications as the ecosystems write them, turned into spans of
 * versions, so a data table's "closed from 7.4 up to 8" can be compared with
 * `^7.4.0` (npm), `~=7.4` (PEP 440), `~> 7.4` (RubyGems, Hex), `[7.4,8)`
 * (Maven, NuGet) or an image tag `7.4.2-alpine`. Approximate on purpose where
 * precision cannot change an answer (`>7.3` is read as `>=7.3`).
 */

/** Numeric version components: `7.4.1` → [7, 4, 1]. */
export type Version = readonly number[];

/** Versions from `low` (inclusive) to `high` (exclusive); no `high`: no upper bound. */
export interface VersionSpan {
  low: Version;
  high?: Version;
}

/** `composer`: `~1.2` means >=1.2 <2.0; `npm` (and Poetry, pub): >=1.2 <1.3. */
export type TildeStyle = 'npm' | 'composer';

const ANY: VersionSpan = { low: [0] };

/**
 * The leading numeric part of a version or tag: `v7.4.1-alpine` → [7, 4, 1],
 * `8.x` → [8], `latest` → undefined.
 */
export function leadingVersion(text: string): number[] | undefined {
  const match = /^\s*[vV]?(\d+(?:\.\d+)*)/.exec(text);
  if (!match) return undefined;
  return (match[1] as string).split('.').map((part) => Number(part));
}

/** Every version a prefix stands for: 7.4 → [7.4, 7.5); 7 → [7, 8). */
export function prefixSpan(version: Version): VersionSpan {
  const high = [...version];
  high[high.length - 1] = (high[high.length - 1] as number) + 1;
  return { low: [...version], high };
}

/** Numeric comparison, missing components counting as 0 (7.4 = 7.4.0). */
export function compareVersions(a: Version, b: Version): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/**
 * An image tag's versions: `7.4.2-alpine` is exactly 7.4.2, `7.4` every 7.4.x,
 * `7` every 7.x; `latest`, `alpine` or no tag say nothing (undefined).
 */
export function tagSpans(tag: string | undefined): VersionSpan[] | undefined {
  if (tag === undefined) return undefined;
  const version = leadingVersion(tag);
  return version ? [prefixSpan(version)] : undefined;
}

/**
 * The versions a specification allows, as a union of spans; undefined when it
 * names no version at all (a git URL, a path, a workspace link, an unresolved
 * `${property}`). `*`, `latest` and the empty string allow every version.
 */
export function versionSpans(spec: string | undefined, tilde: TildeStyle = 'npm'): VersionSpan[] | undefined {
  if (spec === undefined) return [ANY];
  const text = spec.trim();
  if (text === '' || text === '*' || /^(latest|x|any|next)$/i.test(text)) return [ANY];
  if (/^(git|https?|file|link|workspace|portal|patch|github|npm):|[/\\]|\$\{|^\$/i.test(text)) return undefined;
  if (/^[[(]/.test(text)) return intervalSpans(text);
  const spans: VersionSpan[] = [];
  for (const alternative of text.split(/\s*\|\|?\s*/)) {
    const span = clauseSpan(alternative, tilde);
    if (span === undefined) return undefined;
    spans.push(span);
  }
  return spans.length > 0 ? spans : undefined;
}

/** Maven / NuGet intervals: `[1.0,2.0)`, `(,1.0]`, `[1.2]`, several separated by commas. */
function intervalSpans(text: string): VersionSpan[] | undefined {
  const spans: VersionSpan[] = [];
  const pattern = /([[(])\s*([^,\])]*?)\s*(?:,\s*([^\])]*?)\s*)?([\])])/g;
  for (const match of text.matchAll(pattern)) {
    const [, , lowText = '', highText, closing] = match;
    const low = lowText === '' ? [0] : leadingVersion(lowText);
    if (!low) return undefined;
    if (highText === undefined) {
      spans.push(prefixSpan(low));
      continue;
    }
    if (highText === '') {
      spans.push({ low });
      continue;
    }
    const high = leadingVersion(highText);
    if (!high) return undefined;
    spans.push({ low, high: closing === ']' ? prefixSpan(high).high as Version : high });
  }
  return spans.length > 0 ? spans : undefined;
}

/** One AND-clause: comparators separated by spaces or commas, or a hyphen range. */
function clauseSpan(clause: string, tilde: TildeStyle): VersionSpan | undefined {
  const hyphen = /^\s*([^\s]+)\s+-\s+([^\s]+)\s*$/.exec(clause);
  if (hyphen) {
    const low = leadingVersion(hyphen[1] as string);
    const high = leadingVersion(hyphen[2] as string);
    if (!low || !high) return undefined;
    return { low, high: prefixSpan(high).high as Version };
  }
  // `>= 1.2` → `>=1.2`, so that spaces only separate comparators.
  const comparators = clause.replace(/(~>|~=|===|==|!=|>=|<=|\^|~|>|<|=)\s+/g, '$1').split(/[\s,]+/).filter((c) => c !== '');
  let span: VersionSpan = ANY;
  let any = false;
  for (const comparator of comparators) {
    const next = comparatorSpan(comparator, tilde);
    if (next === null) continue; // `!=`: excludes a point, which never decides a span
    if (next === undefined) return undefined;
    span = intersect(span, next);
    any = true;
  }
  return any ? span : ANY;
}

/** undefined: not a version; null: says nothing about the span. */
function comparatorSpan(comparator: string, tilde: TildeStyle): VersionSpan | undefined | null {
  const match = /^(~>|~=|===|==|!=|>=|<=|\^|~|>|<|=)?[vV]?(.*)$/.exec(comparator);
  if (!match) return undefined;
  const operator = match[1] ?? '';
  const rest = match[2] as string;
  if (/^[*xX]$/.test(rest)) return ANY;
  const version = leadingVersion(rest);
  if (!version) return undefined;
  switch (operator) {
    case '!=':
      return null;
    case '>=':
    case '>':
      return { low: version };
    case '<':
      return { low: [0], high: version };
    case '<=':
      return { low: [0], high: prefixSpan(version).high as Version };
    case '^':
      return caret(version);
    case '~':
      return tilde === 'composer' ? pessimistic(version) : tildeNpm(version);
    case '~>':
    case '~=':
      return pessimistic(version);
    default:
      // `=`, `==`, `===` and bare versions: this version, or every version of a prefix (`1.2`, `1.2.x`).
      return prefixSpan(version);
  }
}

/** npm caret: changes that do not modify the left-most non-zero component. */
function caret(version: Version): VersionSpan {
  const index = version.findIndex((part) => part !== 0);
  const upto = index === -1 ? version.length - 1 : index;
  const high = version.slice(0, upto + 1).map((part, i) => (i === upto ? part + 1 : part));
  return { low: [...version], high };
}

/** npm tilde: patch changes if a minor is given, else minor changes. */
function tildeNpm(version: Version): VersionSpan {
  if (version.length >= 2) return { low: [...version], high: [version[0] as number, (version[1] as number) + 1] };
  return prefixSpan(version);
}

/** Pessimistic `~>` / `~=` (and Composer's `~`): the last given component may grow. */
function pessimistic(version: Version): VersionSpan {
  if (version.length < 2) return { low: [...version] };
  return { low: [...version], high: prefixSpan(version.slice(0, -1)).high as Version };
}

function intersect(a: VersionSpan, b: VersionSpan): VersionSpan {
  const low = compareVersions(a.low, b.low) >= 0 ? a.low : b.low;
  let high: Version | undefined;
  if (a.high === undefined) high = b.high;
  else if (b.high === undefined) high = a.high;
  else high = compareVersions(a.high, b.high) <= 0 ? a.high : b.high;
  return high === undefined ? { low } : { low, high };
}

/** A range of a data table: closed from `from` (inclusive) to `before` (exclusive; absent: no end). */
export interface ClosedRange {
  from: string;
  before?: string;
}

export type SpanStatus = 'closed' | 'open' | 'unknown';

/**
 * Whether the versions a specification allows are inside a closed range
 * (`closed`), outside every one (`open`) or on both sides of a boundary
 * (`unknown`). No ranges: every version is closed. Several spans (an `||`)
 * decide only when they agree.
 */
export function spanStatus(ranges: readonly ClosedRange[] | undefined, spans: readonly VersionSpan[] | undefined): SpanStatus {
  if (!ranges || ranges.length === 0) return 'closed';
  if (!spans || spans.length === 0) return 'unknown';
  const statuses = new Set(spans.map((span) => oneSpanStatus(ranges, span)));
  return statuses.size === 1 ? [...statuses][0] as SpanStatus : 'unknown';
}

function oneSpanStatus(ranges: readonly ClosedRange[], span: VersionSpan): SpanStatus {
  let straddles = false;
  for (const range of ranges) {
    const from = leadingVersion(range.from) ?? [0];
    const before = range.before !== undefined ? leadingVersion(range.before) : undefined;
    const startsInside = compareVersions(span.low, from) >= 0;
    const endsInside = before === undefined || (span.high !== undefined && compareVersions(span.high, before) <= 0);
    if (startsInside && endsInside) return 'closed';
    const below = span.high !== undefined && compareVersions(span.high, from) <= 0;
    const above = before !== undefined && compareVersions(span.low, before) >= 0;
    if (!below && !above) straddles = true;
  }
  return straddles ? 'unknown' : 'open';
}
