/**
 * Deep freezing, the cheap half of rule isolation: what one rule is handed
 * (the declaration, options, host metadata) cannot be changed for the rules
 * after it — in strict mode a write throws, and becomes that rule's `error`.
 */

/**
 * Freezes `value` and everything reachable from it, in place, and returns it.
 * The object is frozen before its children, so a cycle (YAML aliases can make
 * one) ends where it started; typed arrays and Buffers, which cannot be
 * frozen, are left as they are.
 */
export function deepFreeze<T>(value: T): T {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value) || ArrayBuffer.isView(value)) return value;
  Object.freeze(value);
  for (const child of Object.values(value)) deepFreeze(child);
  return value;
}
