/**
 * dpg-2-03 license-file: the licence text travels with the solution — a
 * licence file (LICENSE, COPYING…) or a REUSE `LICENSES/` folder is in the
 * candidate. Code in a repository without a licence file is, by default, all
 * rights reserved, so for software (and AI systems, whose code is software)
 * its absence is a failure. Content and data are often published on portals
 * that state their licence; with a declared licence URL the absence is a gap.
 * Content or data whose README marks it with its licence (a notice naming
 * the licence with a link to it, as Creative Commons asks works to be marked)
 * carries its licence with it: that passes.
 */
import { defineRuleDraft, isUrl, type RuleContext, type RuleOutcome } from '../../src/rule-api.js';
import type { Evidence } from '../../src/rule-api.js';
import { declared, hasRepositoryFiles, listOf, readText, REQUIREMENT } from '../../src/helpers.js';
import { REUSE_FOLDER, declaredLicenses, foundEvidence, foundLicenses, foundWhere, isComponent, ownLicenseFiles } from '../lib/licensing.js';
import { checkedRepository, repositoryOfUrl } from '../lib/repository-url.js';


export const licenseFile = defineRuleDraft({
  meta: {
    id: 'dpg-2-03',
    alias: 'license-file',
    level: 'requirement',
    requirement: REQUIREMENT['2'],
    policy: {
      fail: 'software or an AI system has no licence file and its licence evidence is none or this very repository; another part has neither a licence file nor a declared licence URL',
      gap: 'no licence file is in the repository, but the declared licence evidence is elsewhere (another repository, a web page), or none of its licence files can be read as text (binary, too large, unreadable)',
    },
    title: 'A licence file is in the repository',
    appliesTo: 'all',
    motivation: 'The evidence of an open licence the DPGA asks for is typically the licence file in the repository; without one, nobody receiving a copy knows their rights, and code is all rights reserved by default.',
    messages: {
      present: 'Licence file(s) in the candidate: {files}.',
      contentNotice: 'No licence file is in the repository, but {where} marks the content with {license} ({how}): that is how Creative Commons asks a licensed work to be marked, a notice naming the licence with a link to it. A LICENSE file with the licence text would also travel with copies of single files.',
      unreadable: 'The licence file(s) {files} could not be read as text, so the licence they hold is not shown: replace them with the plain-text licence.',
      declarationOnly: 'A declaration-only candidate (no repository was given): there is no licence file to look for; the declared licence is judged by dpg-2-02.',
      noFiles: 'The candidate has no repository files to look at (declaration only), so the licence file cannot be checked: add the repository to the candidate, or check that its root holds the licence text (LICENSE).',
      missingSoftware: 'No licence file (LICENSE, LICENCE, COPYING…) or REUSE `LICENSES/` folder is in the repository: code without a licence file is not openly licensed. Add the full text of {license} as LICENSE at the root.',
      missingWithUrl: 'No licence file is in the repository; the declaration points to {urls} for the licence. Add the licence text as LICENSE at the root (or under LICENSES/) so it travels with every copy.',
      missingSoftwareElsewhere: 'No licence file is in the repository; the declaration points outside it for the licence, to {urls}: does that licence cover this repository\'s code? Add the full text of {license} as LICENSE at the root, so that it travels with every copy of the code.',
      declaredFileMissing: 'No licence file is in the repository, although the declaration gives {url}, in this repository, as the licence\'s evidence: the checked tree does not hold it (removed, or on another branch). Add the full text of {license} as LICENSE at the root.',
      missing: 'No licence file (LICENSE, LICENCE, COPYING…) or REUSE `LICENSES/` folder is in the repository, and no public licence URL is declared: add the full text of {license} as LICENSE at the root.',
    },
    remediation: 'Add the full, unmodified text of the licence as LICENSE (or LICENSE.md / COPYING) at the repository root; for several licences use the REUSE layout (LICENSES/<SPDX-id>.txt).',
    reads: ['LICENSE*', 'LICENCE*', 'COPYING*', 'UNLICENSE*', 'LICENSES/'],
  },
  check(context: RuleContext): RuleOutcome {
    const { snapshot, facts, declaration } = context;
    // A library copied whole into the tree (`static/fontawesome-free-5.13.1-web/LICENSE.txt`) carries its own
    // licence, not the candidate's: only the candidate's files are listed, and they alone count.
    const files = ownLicenseFiles(facts, snapshot.paths);
    const ownFiles = files.filter((path) => path !== REUSE_FOLDER);
    const reuse = files.length > ownFiles.length;
    // A LICENSE that is random bytes, a 2 GB sparse file or unreadable shows no licence: a gap, as for the README.
    const unreadable = ownFiles.filter((path) => readText(snapshot, path) === undefined);
    if (!reuse && unreadable.length > 0 && unreadable.length === ownFiles.length) {
      const shown = unreadable.slice(0, 10).map((path) => `${path} (${snapshot.skipped(path) ?? 'unreadable'})`);
      return { status: 'gap', messageId: 'unreadable', data: { files: listOf(shown) }, evidence: unreadable.slice(0, 10).map((path): Evidence => ({ kind: 'file', path })) };
    }
    if (files.length > 0) {
      const evidence: Evidence[] = files.slice(0, 10).map((path) => ({ kind: 'file', path }));
      // Each file with the licence identified in it, so the report shows what the files are.
      const found = foundLicenses(facts);
      const label = (path: string): string => {
        const here = found.filter((l) => (path === REUSE_FOLDER ? l.path.startsWith(REUSE_FOLDER) : l.path === path));
        const names = [...new Set(here.map((l) => (l.spdx === 'NOASSERTION' ? 'licence not identified' : l.review ? `probably ${l.spdx}, modified` : l.spdx)))];
        return names.length > 0 ? `${path} (${names.join(', ')})` : path;
      };
      const shown = files.slice(0, 10).map(label);
      return { status: 'pass', messageId: 'present', data: { files: listOf(files.length > 10 ? [...shown, `${files.length - 10} more`] : shown) }, evidence };
    }
    // A declaration-only candidate (a registry entry) has no repository to look in: nothing here to check, as for
    // the other repository rules; its licence is judged on the declaration by dpg-2-02.
    if (snapshot.source.kind === 'declaration-only') return { status: 'n/a', messageId: 'declarationOnly' };
    if (!hasRepositoryFiles(snapshot)) return { status: 'gap', messageId: 'noFiles', evidence: [{ kind: 'note', text: 'declaration-only candidate' }] };
    const licenses = declaredLicenses(declaration);
    const named = licenses.length > 0 ? listOf(licenses.map((l) => l.spdx)) : 'the licence';
    const isCode = facts.types.some((t) => t === 'software' || t === 'aimodel');
    // xr-accessibility-project: the Creative Commons snippet as its README's last lines.
    const notice = isCode ? undefined : foundLicenses(facts).find((l) => l.method === 'notice' && !l.path.includes('/') && !isComponent(l) && l.review !== true && l.spdx !== 'NOASSERTION');
    if (notice) return { status: 'pass', messageId: 'contentNotice', data: { where: foundWhere(notice), license: notice.spdx, how: notice.note ?? 'a licence notice' }, evidence: [foundEvidence(notice)] };
    const none: Evidence = { kind: 'note', text: 'no LICENSE/LICENCE/COPYING file or LICENSES/ folder outside vendored trees' };
    const urls = [...new Set(licenses.flatMap((l) => l.evidence.filter(isUrl).map((u) => u.trim())))];
    if (urls.length === 0) return { status: 'fail', messageId: isCode ? 'missingSoftware' : 'missing', data: { license: named }, evidence: [none] };
    const pointed: Evidence[] = [...urls.map((url): Evidence => ({ kind: 'url', url })), declared(declaration, 'licenses')];
    if (!isCode) return { status: 'gap', messageId: 'missingWithUrl', data: { urls: listOf(urls) }, evidence: pointed };
    // The questionnaire takes "a license file in GitHub repository or a public URL on the project website" as the
    // evidence (https://github.com/DPGAlliance/DPG-Standard/blob/main/docs/questions.md, indicator 2). Evidence in
    // this very repository that the tree lacks is code without its licence; evidence elsewhere (another of the
    // candidate's repositories, the project's website) is a question for the reviewer: does it cover this code?
    const here = checkedRepository(snapshot.source, declaration);
    const own = here === undefined ? undefined : urls.find((url) => repositoryOfUrl(url) === here);
    if (own !== undefined) return { status: 'fail', messageId: 'declaredFileMissing', data: { url: own, license: named }, evidence: [{ kind: 'url', url: own }, none] };
    return { status: 'gap', messageId: 'missingSoftwareElsewhere', data: { urls: listOf(urls), license: named }, evidence: pointed };
  },
});
