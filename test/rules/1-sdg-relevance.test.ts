import { describe, it, expect } from 'vitest';
import { RuleTester, runRuleCase } from '../../src/testing/rule-tester.js';
import type { Declaration } from '../../src/declaration/types.js';
import { rules } from '../../rules/1-sdg-relevance/index.js';
import { sdgsDeclared as sdgsDeclaredDraft } from '../../rules/1-sdg-relevance/sdgs-declared.js';
import { sdgExplained as sdgExplainedDraft, targetsOf } from '../../rules/1-sdg-relevance/sdg-explained.js';
import { builtIn } from '../rules-support.js';

const sdgsDeclared = builtIn(sdgsDeclaredDraft);
const sdgExplained = builtIn(sdgExplainedDraft);

const base: Declaration = { name: 'Example', types: ['software'] };
const CLIMATE = 'Farmers receive seasonal rainfall forecasts by SMS and adapt planting dates, which lowers crop losses in droughts and builds resilience to climate hazards.';
const HEALTH = 'The solution lets community health workers register patients offline and follow up on missed vaccinations, which widens access to essential health services.';
const EDUCATION = 'Teachers in rural schools use it to share open lesson plans and track reading progress, so more children complete primary education with basic literacy.';

describe('indicator 1 rules', () => {
  it('exports both rules with stable ids', () => {
    expect(rules.map((r) => `${r.meta.id} ${r.meta.alias}`)).toEqual(['dpg-1-01 sdgs-declared', 'dpg-1-02 sdg-explained']);
  });
});

RuleTester.run(sdgExplained, {
  valid: [
    // A text that speaks of both goals explains both, even when nearly the same under each.
    { name: 'nearly the same text under two SDGs it speaks of', declaration: { ...base, sdgs: [{ sdg: 2, explanation: CLIMATE }, { sdg: 13, explanation: CLIMATE.replace('seasonal', 'monthly') }] }, expect: [{ status: 'pass', messageId: 'explained' }, { status: 'pass', messageId: 'explained' }] },
    { name: 'one text naming each SDG by number', declaration: { ...base, sdgs: [{ sdg: 1, explanation: 'Microfinance institutions use it to lend to the poorest (SDG 1) and to small businesses that create jobs (SDG 8).' }, { sdg: 8, explanation: 'Microfinance institutions use it to lend to the poorest (SDG 1) and to small businesses that create jobs (SDG 8).' }] }, expect: [{ status: 'pass', messageId: 'sharedExplained' }, { status: 'pass', messageId: 'sharedExplained' }] },
    // The registry's form took an evidence text or URL per SDG; approved DPGs answered with links alone.
    { name: 'an SDG supported by a link, with no text', declaration: { ...base, sdgs: [{ sdg: 16, evidence: ['https://example.org/our-work-and-the-sdgs'] }] }, expect: [{ status: 'pass', messageId: 'evidenceOnly', evidence: 'https://example.org/our-work-and-the-sdgs' }] },
    { name: 'a short text with a supporting link', declaration: { ...base, sdgs: [{ sdg: 3, explanation: 'It has empowered health workers in 17 countries.', evidence: ['https://example.org/impact'] }] }, expect: [{ status: 'pass', messageId: 'evidenceOnly' }] },
  ],
  invalid: [
    { name: 'no text and no link', declaration: { ...base, sdgs: [{ sdg: 16 }] }, expect: [{ status: 'gap', messageId: 'missing', evidence: 'sdgs[0]' }] },
  ],
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
    {
      // Issue 10: SDG evidence was never checked, so a path escaping the tree or a missing file passed silently.
      name: 'SDG evidence that escapes the tree or is missing is a gap of its own',
      declaration: { ...base, sdgs: [{ sdg: 3, explanation: HEALTH, evidence: ['../../etc/passwd', 'docs/impact.md', 'README.md'] }] },
      files: { 'README.md': '# Clinic\n' },
      expect: [
        { status: 'pass', messageId: 'explained' },
        { status: 'gap', messageId: 'linkNotFound', evidence: 'sdgs[0].evidence[0]', message: /\.\.\/\.\.\/etc\/passwd points outside the repository/ },
        { status: 'gap', messageId: 'linkNotFound', evidence: 'sdgs[0].evidence[1]', message: /docs\/impact\.md is not a file or folder of the repository/ },
      ],
    },
    { name: 'too short', declaration: { ...base, sdgs: [{ sdg: 3, explanation: 'Improves health outcomes.' }] }, expect: [{ status: 'gap', messageId: 'tooShort', evidence: 'sdgs[0].explanation' }] },
    {
      name: 'placeholders',
      declaration: { ...base, sdgs: [{ sdg: 1, explanation: 'TBD' }, { sdg: 2, explanation: 'Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore.' }] },
      expect: [{ status: 'gap', messageId: 'placeholder' }, { status: 'gap', messageId: 'placeholder', evidence: 'sdgs[1].explanation' }],
    },
    {
      name: 'the same text copied under two SDGs, a third one fine',
      declaration: { ...base, sdgs: [{ sdg: 3, explanation: HEALTH }, { sdg: 10, explanation: `  ${HEALTH.toUpperCase()} ` }, { sdg: 4, explanation: EDUCATION }] },
      // One text for several SDGs counts for the goal it speaks of (SDG 3: health, patients, vaccinations), not for the other.
      expect: [{ status: 'pass', messageId: 'sharedExplained' }, { status: 'gap', messageId: 'duplicate', evidence: 'sdgs[1].explanation' }, { status: 'pass', messageId: 'explained' }],
    },
    {
      // openg2p: one text under ten SDGs, which speaks of poverty; six of the goals are one question, not six.
      name: 'the same text under four SDGs, speaking of one of them',
      declaration: { ...base, sdgs: [{ sdg: 3, explanation: HEALTH }, { sdg: 10, explanation: HEALTH }, { sdg: 4, explanation: EDUCATION }, { sdg: 7, explanation: HEALTH }, { sdg: 13, explanation: HEALTH }] },
      expect: [
        { status: 'pass', messageId: 'sharedExplained' },
        { status: 'gap', messageId: 'duplicates', evidence: 'sdgs[3].explanation', message: 'SDG 10, 7 and 13 have the same explanation as SDG 3, and it speaks of none of them (by number, a target or the goal\'s themes): how does the solution relate to each of them? Answer for each in its own explanation (`sdgs[1].explanation`, `sdgs[3].explanation` and `sdgs[4].explanation`).' },
        { status: 'pass', messageId: 'explained' },
      ],
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

// ---------------------------------------------------------------------------
// Deeper evidence (issue 7): boilerplate, near copies, off-topic explanations, targets checked, topics.


RuleTester.run(sdgExplained, {
  valid: [
    {
      name: 'explanation naming the goal themes in another language (Spanish health words)',
      declaration: { ...base, sdgs: [{ sdg: 3, explanation: 'Las promotoras de salud registran a cada paciente sin conexión y programan visitas de control prenatal en comunidades rurales alejadas.' }] },
      expect: [{ status: 'pass', messageId: 'explained' }],
    },
    {
      name: 'no theme word, but a valid target named in `targets` (false-positive guard)',
      declaration: { ...base, sdgs: [{ sdg: 16, explanation: 'Every newborn in the district gets a record the same day, issued by the village clerk from a tablet, even without a network.', targets: ['16.9'] }] },
      expect: [{ status: 'pass', messageId: 'explainedWithTargets' }],
    },
    {
      // ushahidi's SDG 6: hand washing is hygiene, a theme of the goal.
      name: 'SDG 6 explained by hand washing stations',
      declaration: { ...base, sdgs: [{ sdg: 6, explanation: 'A deployment tracks and publicises handwashing stations across the country so residents can find the nearest one.' }] },
      expect: [{ status: 'pass', messageId: 'explained' }],
    },
    {
      name: 'two SDGs sharing a sentence but each with its own substance (below the similarity threshold)',
      declaration: { ...base, sdgs: [{ sdg: 2, explanation: `${CLIMATE} Yields of staple food crops rise for smallholder families.` }, { sdg: 13, explanation: `${CLIMATE} District planners also receive early warning of floods.` }] },
      expect: [{ status: 'pass', messageId: 'explained' }, { status: 'pass', messageId: 'explained' }],
    },
  ],
  invalid: [
    {
      name: 'restates the goal statement',
      declaration: { ...base, sdgs: [{ sdg: 3, explanation: 'Our solution contributes to SDG 3: ensure healthy lives and promote well-being for all at all ages.' }] },
      expect: [{ status: 'gap', messageId: 'restatesGoal', evidence: 'sdgs[0].explanation' }],
    },
    {
      name: 'nearly the same text under two SDGs (one word changed), speaking of only one',
      declaration: { ...base, sdgs: [{ sdg: 3, explanation: HEALTH }, { sdg: 14, explanation: HEALTH.replace('offline', 'on paper') }] },
      expect: [{ status: 'pass', messageId: 'explained' }, { status: 'gap', messageId: 'nearDuplicate', evidence: 'sdgs[1].explanation' }],
    },
    {
      name: 'off topic: a product description pasted under SDG 14',
      declaration: { ...base, sdgs: [{ sdg: 14, explanation: 'The application is written in TypeScript, runs on any server and offers a modern interface with dashboards and exports for administrators.' }] },
      expect: [{ status: 'gap', messageId: 'offTopic', evidence: 'sdgs[0].explanation' }],
    },
    {
      name: 'targets that do not exist or belong to another goal',
      declaration: { ...base, sdgs: [{ sdg: 3, explanation: HEALTH, targets: ['3.8', '3.14', '4.1', 'SDG 3.e'] }] },
      expect: [{ status: 'pass', messageId: 'explainedWithTargets' }, { status: 'gap', messageId: 'badTargets', evidence: 'sdgs[0].targets' }],
    },
  ],
});

describe('sdg-explained: targets, boilerplate and similarity', () => {
  it('reads targets against the 169 targets of the 2030 Agenda', async () => {
    const { readTargets, goal, restatesGoal, similarity } = await import('../../rules/lib/sdgs.js');
    expect(readTargets({ sdg: 3, targets: ['3.8', '3.14', '4.1', 'target 3.d', '17.19', 'x'] })).toEqual({ valid: ['3.8', '3.d'], unknown: ['3.14', 'x'], otherGoal: ['4.1', '17.19'] });
    // a number in prose that is not a target is never taken for one
    expect(readTargets({ sdg: 3, explanation: 'Serves targets in 3.15 districts and 3.2 million people.' }).valid).toEqual(['3.2']);
    expect(goal(17)?.targets).toHaveLength(19);
    expect([...Array(17).keys()].reduce((n, i) => n + (goal(i + 1)?.targets.length ?? 0), 0)).toBe(169);
    expect(restatesGoal('SDG 13: Take urgent action to combat climate change and its impacts.', 13)).toBe(true);
    expect(restatesGoal(CLIMATE, 13)).toBe(false);
    expect(similarity(CLIMATE, CLIMATE.toUpperCase())).toBe(1);
    expect(similarity(CLIMATE, HEALTH)).toBeLessThan(0.2);
  });
  it('names the goal, its themes and the valid target range in messages', async () => {
    const findings = await runRuleCase(sdgExplained, { name: 'msg', declaration: { ...base, sdgs: [{ sdg: 14, explanation: 'The application is written in TypeScript, runs on any server and offers a modern interface with dashboards.', targets: ['14.9'] }] } });
    expect(findings[0]?.message).toContain('Life Below Water');
    expect(findings[0]?.message).toContain('oceans');
    expect(findings[1]?.message).toContain('14.1–14.7 and 14.a–14.c');
    expect(findings[1]?.message).toContain('14.9, which is not a target');
  });
  it('honours maxSimilarity', async () => {
    const lenient = await runRuleCase(sdgExplained, { name: 'lenient', options: { maxSimilarity: 1 }, declaration: { ...base, sdgs: [{ sdg: 2, explanation: CLIMATE }, { sdg: 13, explanation: CLIMATE.replace('seasonal', 'monthly') }] } });
    expect(lenient.map((f) => f.messageId)).toEqual(['explained', 'explained']);
  });
});

RuleTester.run(sdgsDeclared, {
  valid: [
    {
      name: 'declared SDGs supported by repository topics',
      declaration: { ...base, sdgs: [{ sdg: 3, explanation: HEALTH }] },
      host: { topics: ['sdg-3', 'sdg5', 'health'] },
      expect: [{ status: 'pass', messageId: 'declared', evidence: 'sdgs' }],
    },
  ],
  invalid: [
    { name: 'no declaration, topics only', declaration: null, host: { topics: ['sdg-13'] }, expect: [{ status: 'gap', messageId: 'noDeclaration' }] },
  ],
});

describe('sdgs-declared: topics as supporting evidence', () => {
  it('says which topics agree and which name undeclared SDGs', async () => {
    const findings = await runRuleCase(sdgsDeclared, { name: 'topics', declaration: { ...base, sdgs: [{ sdg: 3, explanation: HEALTH }] }, host: { topics: ['sdg-3', 'sdg5', 'sdg-99', 'health'] } });
    expect(findings[0]?.message).toContain('topics agree: topic `sdg-3` (SDG 3)');
    expect(findings[0]?.message).toContain('also name SDG 5 (topic `sdg5`)');
    expect(findings[0]?.message).not.toContain('99');
    expect(findings[0]?.evidence).toContainEqual({ kind: 'host', key: 'topics', value: 'sdg-3' });
  });
});
