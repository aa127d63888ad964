/**
 * The declaration as rules see it.
 */
import type { Evidence } from '../model.js';
import type { DeclarationView } from '../rule-api.js';
import type { LoadedDeclaration } from './errors.js';
import { DECLARATION_FILE_NAMES } from './discovery.js';
import { deepFreeze } from '../freeze.js';

/**
 * The declaration as rules see it. The data is a frozen copy, so no rule can
 * change what another rule reads. Without a declaration, evidence points at
 * `dpg.yml`, where the answer would go.
 */
export function makeDeclarationView(loaded: LoadedDeclaration | undefined): DeclarationView {
  if (!loaded) {
    return Object.freeze({
      data: undefined,
      path: null,
      valid: false,
      locate: () => undefined,
      evidence: (key: string): Evidence => ({ kind: 'declaration', path: DECLARATION_FILE_NAMES[0]!, key }),
    });
  }
  const data = loaded.data === undefined ? undefined : deepFreeze(structuredClone(loaded.data));
  const file = loaded.file;
  return Object.freeze({
    data,
    path: file,
    valid: loaded.valid,
    locate: (key: string) => loaded.locate(key),
    evidence: (key: string): Evidence => {
      const position = loaded.locate(key);
      return position
        ? { kind: 'declaration', path: file, key, line: position.line, column: position.column }
        : { kind: 'declaration', path: file, key };
    },
  });
}
