/**
 * Where a candidate's declaration is looked for.
 */

/** Candidate-root paths searched for a declaration, in discovery order. */
export const DECLARATION_FILE_NAMES: readonly string[] = Object.freeze(['dpg.yml', 'dpg.yaml', 'dpg.json', '.github/dpg.yml']);

export function findDeclaration(has: (relPath: string) => boolean): string | undefined {
  return DECLARATION_FILE_NAMES.find((name) => has(name));
}
