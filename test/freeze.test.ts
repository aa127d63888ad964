import { describe, expect, it } from 'vitest';
import { deepFreeze } from '../src/freeze.js';

describe('deepFreeze', () => {
  it('freezes everything reachable, survives a cycle, and leaves typed arrays alone', () => {
    const cyclic: { name: string; nested: { list: number[] }; self?: unknown; bytes: Buffer } = { name: 'x', nested: { list: [1, 2] }, bytes: Buffer.from('ab') };
    cyclic.self = cyclic;
    expect(deepFreeze(cyclic)).toBe(cyclic);
    expect(Object.isFrozen(cyclic)).toBe(true);
    expect(Object.isFrozen(cyclic.nested)).toBe(true);
    expect(Object.isFrozen(cyclic.nested.list)).toBe(true);
    expect(() => { 'use strict'; cyclic.nested.list.push(3); }).toThrow(TypeError);
    expect(Object.isFrozen(cyclic.bytes)).toBe(false);
    expect(deepFreeze(null)).toBeNull();
    expect(deepFreeze('text')).toBe('text');
  });
});
