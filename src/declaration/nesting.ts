/**
 * Measuring how deep a document nests before the YAML composer sees it.
 */
import { CST, Lexer, Parser } from 'yaml';

/**
 * Real declarations nest five or six levels. The YAML composer recurses once
 * per level, and near the stack limit V8 can abort the whole process (a fatal
 * "RegExpCompiler Allocation failed", not a catchable RangeError) — ten
 * kilobytes of `[` were enough. So depth is measured before composing.
 */
export const MAX_NESTING_DEPTH = 64;

/**
 * Offset where nesting first exceeds MAX_NESTING_DEPTH, or undefined. A lexer
 * pass (iterative, stops at the first excess) catches flow brackets and
 * same-line `- - -` exactly and bounds block nesting by indentation; only when
 * that bound is inconclusive is the iterative CST parser asked for the exact depth.
 */
export function excessiveNesting(source: string): number | undefined {
  // Cheapest bound first: every flow collection needs a bracket, and a block
  // collection starts after its line's indentation plus the `-` / `?` on it.
  let brackets = 0;
  for (let i = source.indexOf('['); i !== -1; i = source.indexOf('[', i + 1)) brackets += 1;
  for (let i = source.indexOf('{'); i !== -1; i = source.indexOf('{', i + 1)) brackets += 1;
  let widestLine = 0;
  for (const line of source.split(/\r?\n|\r/)) {
    let width = /^ */.exec(line)![0].length;
    for (let i = line.indexOf('-'); i !== -1; i = line.indexOf('-', i + 1)) width += 1;
    for (let i = line.indexOf('?'); i !== -1; i = line.indexOf('?', i + 1)) width += 1;
    widestLine = Math.max(widestLine, width);
  }
  if (brackets + 2 * (widestLine + 1) <= MAX_NESTING_DEPTH) return undefined;

  let offset = 0;
  let flowDepth = 0;
  let maxFlowDepth = 0;
  let indent = 0;
  let indicatorsOnLine = 0;
  let blockBound = 0;
  let atLineStart = true;
  for (const token of new Lexer().lex(source)) {
    const type = CST.tokenType(token);
    switch (type) {
      case 'flow-map-start':
      case 'flow-seq-start':
        flowDepth += 1;
        if (flowDepth > MAX_NESTING_DEPTH) return offset;
        maxFlowDepth = Math.max(maxFlowDepth, flowDepth);
        break;
      case 'flow-map-end':
      case 'flow-seq-end':
        flowDepth = Math.max(0, flowDepth - 1);
        break;
      case 'seq-item-ind':
      case 'explicit-key-ind':
        // Each `-` or `?` on one line opens a collection inside the previous one.
        if (flowDepth === 0 && ++indicatorsOnLine > MAX_NESTING_DEPTH) return offset;
        break;
      case 'space':
        if (atLineStart) indent = /^ */.exec(token)![0].length;
        break;
      case 'newline':
        blockBound = Math.max(blockBound, indent + 2 * indicatorsOnLine);
        indent = 0;
        indicatorsOnLine = 0;
        break;
      default:
        break;
    }
    atLineStart = type === 'newline';
    // The lexer's control tokens mark structure; they are not characters of the source.
    if (type !== 'doc-mode' && type !== 'scalar' && type !== 'flow-error-end') offset += token.length;
  }
  blockBound = Math.max(blockBound, indent + 2 * indicatorsOnLine);
  // A nested block collection starts further right than its parent (a list under a key may share its column).
  if (2 * (blockBound + 1) + maxFlowDepth <= MAX_NESTING_DEPTH) return undefined;
  return cstExcessiveNesting(source);
}

function cstExcessiveNesting(source: string): number | undefined {
  const COLLECTIONS = new Set(['block-map', 'block-seq', 'flow-collection']);
  const pending: [unknown, number][] = [];
  for (const token of new Parser().parse(source)) pending.push([token, 0]);
  while (pending.length > 0) {
    const [node, depth] = pending.pop()!;
    if (Array.isArray(node)) {
      for (const child of node) pending.push([child, depth]);
      continue;
    }
    if (typeof node !== 'object' || node === null) continue;
    const record = node as Record<string, unknown>;
    const nodeDepth = COLLECTIONS.has(String(record.type)) ? depth + 1 : depth;
    if (nodeDepth > MAX_NESTING_DEPTH) return typeof record.offset === 'number' ? record.offset : 0;
    for (const field of ['items', 'key', 'value', 'sep', 'start', 'end']) {
      if (field in record) pending.push([record[field], nodeDepth]);
    }
  }
  return undefined;
}
