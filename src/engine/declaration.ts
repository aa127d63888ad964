/**
 * Where a candidate's declaration comes from: `--declaration` (a file on this
 * machine), the target itself (declaration-only candidates), or the
 * candidate's own files — read in place from its folder, or from the snapshot
 * of a remote one.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Snapshot } from '../snapshot/types.js';
import type { OpenedCandidate } from '../sources/adapter.js';
import { findDeclaration, readDeclarationFile, type LoadedDeclaration } from '../declaration/load.js';
import { CheckError } from './errors.js';

/** The candidate's declaration, or undefined when it has none. Throws `CheckError` when a named one cannot be read. */
export function loadDeclaration(opened: OpenedCandidate, declarationFile: string | undefined): LoadedDeclaration | undefined {
  if (declarationFile) {
    if (!fs.existsSync(declarationFile)) throw new CheckError(`cannot read the declaration ${declarationFile}: no such file`);
    return readDeclarationFile(path.resolve(declarationFile), declarationFile);
  }
  if (opened.declaration) return opened.declaration;
  const found = findDeclaration((p) => opened.snapshot.has(p));
  if (!found) return undefined;
  return opened.directory !== undefined ? readDeclarationFile(path.join(opened.directory, found), found) : fromSnapshot(opened.snapshot, found);
}

/**
 * The declaration from the snapshot, through the same loader as a local
 * file (so size, encoding and syntax problems read exactly alike): its text
 * goes to a private temporary file that is removed at once.
 */
function fromSnapshot(snapshot: Snapshot, found: string): LoadedDeclaration {
  const file = snapshot.read(found);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `dpg-check-declaration-${process.pid}-`));
  try {
    const temporary = path.join(dir, path.basename(found));
    if (file === undefined) {
      const reason = snapshot.skipped(found);
      // A binary declaration is reported by the loader itself; other reasons are located here.
      if (reason !== 'binary') throw new CheckError(`cannot read the declaration ${found} (${reason ?? 'unreadable'})`);
      fs.writeFileSync(temporary, Buffer.from([0]));
    } else if (file.truncated) {
      // Over the read cap: a sparse file of the real size gets the loader's own "too large" message.
      fs.writeFileSync(temporary, '');
      fs.truncateSync(temporary, file.size);
    } else {
      fs.writeFileSync(temporary, file.text, file.encoding === 'latin1' ? 'latin1' : 'utf8');
    }
    return readDeclarationFile(temporary, found);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
