/**
 * Minimal typings for the two CommonJS SPDX packages the licence policy uses.
 * Only what we call is declared; both export a single function.
 */
declare module 'spdx-expression-parse' {
  namespace parse {
    /** One licence: `MIT`, `GPL-3.0+` (`plus`), `Apache-2.0 WITH LLVM-exception` (`exception`), `LicenseRef-x`. */
    interface LicenseNode {
      license: string;
      plus?: true;
      exception?: string;
    }
    /** `left AND right` / `left OR right`; the parser makes chains right-nested. */
    interface ConjunctionNode {
      left: ExpressionNode;
      conjunction: 'and' | 'or';
      right: ExpressionNode;
    }
    type ExpressionNode = LicenseNode | ConjunctionNode;
  }
  /** Parses an SPDX licence expression; throws on anything that is not one (ids are case-sensitive). */
  function parse(source: string): parse.ExpressionNode;
  export = parse;
}

declare module 'spdx-satisfies' {
  /** Whether `expression` is satisfied by the simple licence ids (or `id+` ranges) in `approved`. Throws on bad input. */
  function satisfies(expression: string, approved: readonly string[]): boolean;
  export = satisfies;
}

declare module 'spdx-correct' {
  /** The SPDX expression a licence name most likely means, or null; `upgrade: false` keeps deprecated ids (`GPL-3.0`) rather than guessing `-or-later`. */
  function correct(value: string, options?: { upgrade?: boolean }): string | null;
  export = correct;
}
