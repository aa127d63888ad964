/**
 * Licence policy beyond the DPGA's published list: OSI approvals newer than
 * the list (SPDX's flag), open hardware licences, and the Creative Commons
 * rules per solution type.
 */
import { describe, it, expect } from 'vitest';
import { createRequire } from 'node:module';
import { judgeLicense, osiAdditions, approvedIdsFor, isOpenHardware } from '../src/licenses/policy.js';
import { APPROVED_LICENSES } from '../rules/lib/licensing.js';
import table from '../rules/2-open-licensing/approved-licenses.json' with { type: 'json' };
import osi from '../rules/2-open-licensing/osi-approved.json' with { type: 'json' };

const require = createRequire(import.meta.url);

describe('osi-approved.json', () => {
  it('records its version and source, and is what osiAdditions() computes from the installed SPDX list', () => {
    expect(osi.standardVersion).toBe('1.1.7');
    expect(osi.source).toMatch(/SPDX License List/);
    const list = require('spdx-license-list/full') as Record<string, { osiApproved: boolean }>;
    const deprecated = new Set(require('spdx-license-ids/deprecated.json') as string[]);
    const flagged = Object.keys(list).filter((id) => list[id]?.osiApproved && !deprecated.has(id) && !id.endsWith('+'));
    const { added, notAdded } = osiAdditions(flagged, table);
    // When this fails after an SPDX list update, regenerate the file (see its "note") and review the additions.
    expect(osi.osiApproved).toEqual(added);
    expect(osi.notAdded).toEqual(notAdded);
  });

  it('leaves out open hardware licences and versions superseded by one the DPGA lists', () => {
    expect(osi.notAdded['CERN-OHL-S-2.0']).toMatch(/open hardware/);
    expect(osi.notAdded['EUPL-1.1']).toBe('superseded: the DPGA lists EUPL-1.2');
    expect(osi.osiApproved).not.toContain('EUPL-1.1');
    expect(osi.osiApproved).toContain('BlueOak-1.0.0');
  });

  it('computes additions from a table: listed families and later versions count', () => {
    const { added, notAdded } = osiAdditions(['Foo-2.0', 'Foo-1.0', 'Bar-1.0', 'GPL-3.0-or-later', 'TAPR-OHL-1.0'], { software: ['Foo-1.5', 'GPL-3.0'] });
    expect(added).toEqual(['Bar-1.0', 'Foo-2.0']);
    expect(notAdded).toEqual({ 'Foo-1.0': 'superseded: the DPGA lists Foo-1.5', 'TAPR-OHL-1.0': 'an open hardware licence, not a software licence' });
  });
});

describe('judgeLicense with the OSI additions', () => {
  it('approves a newer OSI approval for software, saying why', () => {
    const j = judgeLicense('BlueOak-1.0.0', 'software', APPROVED_LICENSES);
    expect(j.verdict).toBe('approved');
    expect(j.reason).toContain('OSI-approved');
    expect(j.reason).toContain('after the DPGA\'s list');
    expect(judgeLicense('MIT OR BlueOak-1.0.0', 'software', APPROVED_LICENSES).reason).toContain('BlueOak-1.0.0: OSI-approved');
  });

  it('keeps the DPGA list as the floor and its omissions as they are', () => {
    expect(judgeLicense('MIT', 'software', APPROVED_LICENSES).reason).toContain('on the DPGA\'s approved list');
    expect(judgeLicense('EUPL-1.1', 'software', APPROVED_LICENSES).verdict).toBe('not-approved');
    expect(approvedIdsFor('content', APPROVED_LICENSES)).not.toContain('BlueOak-1.0.0');
    expect(approvedIdsFor('data', APPROVED_LICENSES)).not.toContain('BlueOak-1.0.0');
  });

  it('rejects open hardware licences for software with their own reason', () => {
    expect(isOpenHardware('CERN-OHL-P-2.0')).toBe(true);
    const j = judgeLicense('CERN-OHL-P-2.0', 'software', APPROVED_LICENSES);
    expect(j.verdict).toBe('not-approved');
    expect(j.reason).toContain('open hardware licence');
  });
});

describe('Creative Commons per solution type', () => {
  it('content under CC-BY-NC-SA-4.0 passes with a note that commercial reuse is not allowed', () => {
    const j = judgeLicense('CC-BY-NC-SA-4.0', 'content', APPROVED_LICENSES);
    expect(j.verdict).toBe('approved');
    expect(j.reason).toContain('forbids commercial reuse');
  });

  it('content under CC-BY-ND-4.0 fails; a data set under CC-BY-NC-4.0 fails', () => {
    expect(judgeLicense('CC-BY-ND-4.0', 'content', APPROVED_LICENSES).verdict).toBe('not-approved');
    const data = judgeLicense('CC-BY-NC-4.0', 'data', APPROVED_LICENSES);
    expect(data.verdict).toBe('not-approved');
    expect(data.reason).toContain('approved for content, not for data');
  });

  it('accepts the IGO ports for content and data', () => {
    expect(judgeLicense('CC-BY-SA-3.0-IGO', 'content', APPROVED_LICENSES).verdict).toBe('approved');
    expect(judgeLicense('CC-BY-3.0-IGO', 'data', APPROVED_LICENSES).verdict).toBe('approved');
  });
});
