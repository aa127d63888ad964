import { describe, it, expect } from 'vitest';
import { RuleTester, runRuleCase } from '../../src/testing/rule-tester.js';
import type { Declaration } from '../../src/declaration/types.js';
import { rules } from '../../rules/1-sdg-relevance/index.js';
import { sdgsDeclared } from '../../rules/1-sdg-relevance/sdgs-declared.js';
import { sdgExplained, targetsOf } from '../../rules/1-sdg-relevance/sdg-explained.js';

const base: Declaration = { name: 'Example', types: ['software'] };
const HEALTH = 'The solution lets community health workers register patients offline and follow up on missed vaccinations, which widens access to essential health services.';
const EDUCATION = 'Teachers in rural schools use it to share open lesson plans and track reading progress, so more children complete primary education with basic literacy.';

describe('indicator 1 rules', () => {
  it('exports both rules with stable ids', () => {
    expect(rules.map((r) => `${r.meta.id} ${r.meta.alias}`)).toEqual(['dpg-1-01 sdgs-declared', 'dpg-1-02 sdg-explained']);
  });
});

RuleTester.run(sdgsDeclared, {
  valid: [
    { name: 'one SDG declared', declaration: { ...base, sdgs: [{ sdg: 3, explanation: HEALTH }] }, expect: [{ status: 'pass', messageId: 'declared', evidence: 'sdgs' }] },
    { name: 'several SDGs, even without explanations', declaration: { ...base, sdgs: [{ sdg: 3 }, { sdg: 4 }, { sdg: 3 }] }, expect: [{ status: 'pass', messageId: 'declared' }] },
  ],
  invalid: [
    { name: 'no declaration', declaration: null, expect: [{ status: 'gap', messageId: 'noDeclaration' }] },
    { name: 'declaration without sdgs', declaration: base, expect: [{ status: 'gap', messageId: 'noneDeclared', evidence: 'sdgs' }] },
    { name: 'empty sdgs list', declaration: { ...base, sdgs: [] }, expect: [{ status: 'gap', messageId: 'noneDeclared' }] },
    {
      name: 'no sdgs, but the README and topics point at some',
      declaration: base,
      files: { 'README.md': '# Tool\n\nBuilt for SDG 4 (quality education).\n' },
      host: { topics: ['sdg-3', 'health'] },
      expect: [{ status: 'gap', messageId: 'noneDeclared', evidence: 'README.md' }],
    },
  ],
});

RuleTester.run(sdgExplained, {
  valid: [
    { name: 'one well explained SDG', declaration: { ...base, sdgs: [{ sdg: 3, explanation: HEALTH }] }, expect: [{ status: 'pass', messageId: 'explained', evidence: 'sdgs[0].explanation' }] },
    {
      name: 'two SDGs, each its own explanation, one naming targets',
      declaration: { ...base, sdgs: [{ sdg: 3, explanation: HEALTH, targets: ['3.8'] }, { sdg: 4, explanation: `${EDUCATION} It serves target 4.1 and 4.6.` }] },
      expect: [{ status: 'pass', messageId: 'explainedWithTargets' }, { status: 'pass', messageId: 'explainedWithTargets', evidence: 'sdgs[1].explanation' }],
    },
  ],
  invalid: [
    { name: 'no declaration', declaration: null, expect: [{ status: 'gap', messageId: 'noDeclaration' }] },
    { name: 'no sdgs', declaration: base, expect: [{ status: 'gap', messageId: 'noSdgs' }] },
    { name: 'missing explanation', declaration: { ...base, sdgs: [{ sdg: 5 }] }, expect: [{ status: 'gap', messageId: 'missing', evidence: 'sdgs[0]' }] },
    { name: 'too short', declaration: { ...base, sdgs: [{ sdg: 3, explanation: 'Improves health outcomes.' }] }, expect: [{ status: 'gap', messageId: 'tooShort', evidence: 'sdgs[0].explanation' }] },
    {
      name: 'placeholders',
      declaration: { ...base, sdgs: [{ sdg: 1, explanation: 'TBD' }, { sdg: 2, explanation: 'Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore.' }] },
      expect: [{ status: 'gap', messageId: 'placeholder' }, { status: 'gap', messageId: 'placeholder', evidence: 'sdgs[1].explanation' }],
    },
    {
      name: 'the same text copied under two SDGs, a third one fine',
      declaration: { ...base, sdgs: [{ sdg: 3, explanation: HEALTH }, { sdg: 10, explanation: `  ${HEALTH.toUpperCase()} ` }, { sdg: 4, explanation: EDUCATION }] },
      expect: [{ status: 'gap', messageId: 'duplicate' }, { status: 'gap', messageId: 'duplicate', evidence: 'sdgs[1].explanation' }, { status: 'pass', messageId: 'explained' }],
    },
  ],
});

describe('sdg-explained details', () => {
  it('names the other SDG in a duplicate and honours minWords', async () => {
    const findings = await runRuleCase(sdgExplained, { name: 'dup', declaration: { ...base, sdgs: [{ sdg: 3, explanation: HEALTH }, { sdg: 10, explanation: HEALTH }] } });
    expect(findings[0]?.message).toContain('SDG 10');
    const strict = await runRuleCase(sdgExplained, { name: 'strict', declaration: { ...base, sdgs: [{ sdg: 3, explanation: HEALTH }] }, options: { minWords: 100 } });
    expect(strict[0]?.messageId).toBe('tooShort');
    expect(strict[0]?.message).toContain('fewer than 100');
  });

  it('takes template markers as placeholders only in short texts', async () => {
    const long = 'This project is designed to fill in the gap for people learning alone; its todo lists and course plans help them finish a quality education without paying for a school.';
    const short = 'TODO: explain how the solution helps with this goal, to be added later.';
    const findings = await runRuleCase(sdgExplained, { name: 'markers', declaration: { ...base, sdgs: [{ sdg: 4, explanation: long }, { sdg: 3, explanation: short }] } });
    expect(findings.map((f) => f.messageId)).toEqual(['explained', 'placeholder']);
  });

  it('reports targets of the SDG only, not quantities', () => {
    expect(targetsOf({ sdg: 3, explanation: 'It contributes to targets 3.8 and 3.d, and to 4.1.' })).toEqual(['3.8', '3.d']);
    expect(targetsOf({ sdg: 3, explanation: 'Serves 3.5 million people a year in twelve districts of the country.' })).toEqual([]);
    expect(targetsOf({ sdg: 3, explanation: 'Works towards SDG 3.8 in every district.' })).toEqual(['3.8']);
    expect(targetsOf({ sdg: 3, targets: ['3.8', '4.1', 'x'] })).toEqual(['3.8']);
  });

  it('gives hints with where they came from', async () => {
    const findings = await runRuleCase(sdgsDeclared, { name: 'hints', declaration: base, files: { 'README.md': 'Supports Sustainable Development Goal 13.\nWorks towards SDG 5.1 and SDG 2030 plans.\n' }, host: { topics: ['sdg3'] } });
    expect(findings[0]?.message).toContain('SDG 3 (topic `sdg3`)');
    expect(findings[0]?.message).toContain('SDG 13 (README.md line 1)');
    expect(findings[0]?.message).toContain('SDG 5 (README.md line 2)');
    expect(findings[0]?.message).not.toContain('SDG 20');
  });
});
