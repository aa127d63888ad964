/**
 * Where things are written in the declaration's YAML document, so that every
 * problem can be shown at `file:line:col`.
 */
import { isAlias, isMap, isScalar, isSeq, visit, type Document, type LineCounter, type Node as YamlNode } from 'yaml';
import type { SourcePosition } from './types.js';
import type { Segment } from './key-paths.js';

interface Located {
  /** The key of a mapping entry (absent for sequence items and the root). */
  keyNode?: YamlNode;
  /** The value; `null` for `key:` with nothing after it. */
  valueNode: YamlNode | null;
}


export interface SourceMap {
  doc: Document.Parsed;
  lineCounter: LineCounter;
}

export function positionOf(map: SourceMap, node: YamlNode | null | undefined): SourcePosition | undefined {
  const offset = node?.range?.[0];
  if (offset === undefined) return undefined;
  const { line, col } = map.lineCounter.linePos(offset);
  return { line, column: col };
}

function scalarKey(node: unknown): string | undefined {
  if (isScalar(node)) return String(node.value);
  return undefined;
}

function findNode(map: SourceMap, segments: readonly Segment[]): Located | undefined {
  let located: Located = { valueNode: (map.doc.contents as YamlNode | null) ?? null };
  for (const segment of segments) {
    let current: unknown = located.valueNode;
    // Follow an alias only to go deeper; the alias itself is where its value is written.
    if (isAlias(current)) current = current.resolve(map.doc);
    if (isMap(current)) {
      // The last entry wins, as it does when the document is converted to data.
      const pair = [...current.items].reverse().find((item) => scalarKey(item.key) === String(segment));
      if (!pair) return undefined;
      located = { keyNode: pair.key as YamlNode, valueNode: (pair.value as YamlNode | null) ?? null };
    } else if (isSeq(current) && typeof segment === 'number') {
      const item = current.items[segment];
      if (item === undefined) return undefined;
      located = { valueNode: (item as YamlNode | null) ?? null };
    } else {
      return undefined;
    }
  }
  return located;
}

/** Where a key is written: the key of a mapping entry, the start of a list item. */
export function keyPosition(map: SourceMap, segments: readonly Segment[]): SourcePosition | undefined {
  const located = findNode(map, segments);
  if (!located) return undefined;
  return positionOf(map, located.keyNode) ?? positionOf(map, located.valueNode) ?? { line: 1, column: 1 };
}

/** Where a value is written; for an empty value (`key:`), its key. */
export function valuePosition(map: SourceMap, segments: readonly Segment[]): SourcePosition | undefined {
  const located = findNode(map, segments);
  if (!located) return undefined;
  const value = located.valueNode;
  const empty = value === null || (isScalar(value) && value.value === null && value.range != null && value.range[0] === value.range[1]);
  return (empty ? undefined : positionOf(map, value)) ?? positionOf(map, located.keyNode) ?? { line: 1, column: 1 };
}

export function firstAliasPosition(map: SourceMap): SourcePosition | undefined {
  let first: YamlNode | undefined;
  visit(map.doc, {
    Alias(_key, node) {
      first = node;
      return visit.BREAK;
    },
  });
  return positionOf(map, first);
}
