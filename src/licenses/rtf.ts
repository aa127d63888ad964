/**
 * The text of a Rich Text Format document, for licence files written as RTF: Windows installers show their
 * licence from one (WiX's `License.rtf`; OptiKey's `installer/resources/LICENSE.rtf` is the GPL-3.0 so). Read as
 * plain text, its control words ("\par", "\ldblquote", "\b0") were words of the licence, and a verbatim GPL-3.0
 * was "modified".
 *
 * Not a full RTF reader: the text of the body, with destinations that are not text (font and colour tables, style
 * sheets, pictures, field instructions, every `{\*…}` group) left out, `\'hh` and `\uN` decoded, quotes and dashes
 * as their characters, and paragraph marks as spaces. The file's own line breaks are kept, which RTF ignores, so
 * that a finding's line is a line of the file.
 */

/** Whether the text is an RTF document (`{\rtf1…`). */
export function isRtf(text: string): boolean {
  return /^\uFEFF?\s*\{\\rtf/.test(text);
}

/** Destinations whose content is not text (https://www.biblioscape.com/rtf15_spec.htm). */
const NOT_TEXT = new Set([
  'fonttbl', 'colortbl', 'stylesheet', 'info', 'pict', 'header', 'headerl', 'headerr', 'headerf', 'footer', 'footerl',
  'footerr', 'footerf', 'listtable', 'listoverridetable', 'rsidtbl', 'generator', 'xmlnstbl', 'fldinst', 'object',
  'nonshppict', 'shp', 'themedata', 'colorschememapping', 'datastore', 'latentstyles', 'filetbl', 'revtbl',
]);

/** Control words that stand for a character. */
const CHARACTERS: Readonly<Record<string, string>> = {
  par: ' ', line: ' ', tab: ' ', cell: ' ', row: ' ', sect: ' ', page: ' ', bullet: ' ',
  lquote: '\u2018', rquote: '\u2019', ldblquote: '\u201c', rdblquote: '\u201d', emdash: '\u2014', endash: '\u2013',
  emspace: ' ', enspace: ' ', qmspace: ' ',
};

/** Windows-1252's characters where Latin-1 has control codes (the `\'hh` of an `\ansi` document). */
const WINDOWS_1252: Readonly<Record<number, string>> = {
  0x85: '\u2026', 0x91: '\u2018', 0x92: '\u2019', 0x93: '\u201c', 0x94: '\u201d', 0x95: '\u2022', 0x96: '\u2013', 0x97: '\u2014',
};

const CONTROL_WORD = /\\([a-zA-Z]{1,32})(-?\d{1,10})? ?/y;

/** The document's text (see the module comment). */
export function rtfToText(rtf: string): string {
  const out: string[] = [];
  // Per open group: whether its content is left out.
  const skipped: boolean[] = [false];
  let i = 0;
  while (i < rtf.length) {
    const c = rtf[i] as string;
    const skipping = skipped[skipped.length - 1] as boolean;
    if (c === '{') {
      i++;
      let skip = skipping || rtf.startsWith('\\*', i);
      if (!skip) {
        CONTROL_WORD.lastIndex = i;
        const word = CONTROL_WORD.exec(rtf);
        skip = word !== null && NOT_TEXT.has(word[1] as string);
      }
      skipped.push(skip);
      continue;
    }
    if (c === '}') {
      if (skipped.length > 1) skipped.pop();
      i++;
      continue;
    }
    if (c === '\n' || c === '\r') {
      if (c === '\n') out.push('\n');
      i++;
      continue;
    }
    if (c !== '\\') {
      if (!skipping) out.push(c);
      i++;
      continue;
    }
    const next = rtf[i + 1];
    if (next === '\\' || next === '{' || next === '}') {
      if (!skipping) out.push(next);
      i += 2;
    } else if (next === "'") {
      const code = parseInt(rtf.slice(i + 2, i + 4), 16);
      if (!skipping && Number.isFinite(code)) out.push(WINDOWS_1252[code] ?? String.fromCharCode(code));
      i += 4;
    } else if (next === '\n' || next === '\r') {
      // A backslash before a line break is a paragraph mark; the break itself is kept as the file's line.
      if (!skipping) out.push(' ');
      i++;
    } else {
      CONTROL_WORD.lastIndex = i;
      const word = CONTROL_WORD.exec(rtf);
      if (word === null) {
        // A control symbol: `\~` (a non-breaking space), `\-` (an optional hyphen), `\_` (a non-breaking hyphen).
        if (!skipping && next === '~') out.push(' ');
        if (!skipping && next === '_') out.push('-');
        i += 2;
        continue;
      }
      i = CONTROL_WORD.lastIndex;
      const name = word[1] as string;
      if (skipping) continue;
      if (name === 'u' && word[2] !== undefined) {
        const code = Number(word[2]);
        out.push(String.fromCharCode(code < 0 ? code + 65536 : code));
        // The reader's fallback for \uN: one character (`?`) or one `\'hh`.
        if (rtf[i] === '\\' && rtf[i + 1] === "'") i += 4;
        else if (rtf[i] !== undefined && rtf[i] !== '\\' && rtf[i] !== '{' && rtf[i] !== '}' && rtf[i] !== '\n') i++;
      } else if (Object.hasOwn(CHARACTERS, name)) {
        out.push(CHARACTERS[name] as string);
      }
    }
  }
  return out.join('');
}
