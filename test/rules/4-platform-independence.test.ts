import { describe, it, expect } from 'vitest';
import { RuleTester, runRuleCase } from '../../src/testing/rule-tester.js';
import type { Declaration } from '../../src/declaration/types.js';
import { rules } from '../../rules/4-platform-independence/index.js';
import { closedComponentsDeclared } from '../../rules/4-platform-independence/closed-components-declared.js';
import { coreTechnologiesOpen } from '../../rules/4-platform-independence/core-technologies-open.js';
import { KNOWN_CLOSED, knownClosed, parseTechnology, versionStatus } from '../../rules/4-platform-independence/known-closed.js';

const base: Declaration = { name: 'Example', types: ['software'] };
const pi = (platformIndependence: NonNullable<Declaration['platformIndependence']>): Declaration => ({ ...base, platformIndependence });

describe('indicator 4 rules', () => {
  it('exports both rules with stable ids', () => {
    expect(rules.map((r) => `${r.meta.id} ${r.meta.alias}`)).toEqual(['dpg-4-01 closed-components-declared', 'dpg-4-02 core-technologies-open']);
  });
});

RuleTester.run(closedComponentsDeclared, {
  valid: [
    { name: 'no closed components', declaration: pi({ closedComponents: false }), expect: [{ status: 'pass', messageId: 'noClosed', evidence: 'platformIndependence.closedComponents' }] },
    {
      name: 'closed component with alternatives and migration',
      declaration: pi({ closedComponents: true, components: [{ name: 'Google Maps API', openAlternatives: ['OpenStreetMap', 'MapLibre GL JS'], migration: 'Set MAP_PROVIDER=osm in .env; the map layer is behind an adapter.', evidence: ['https://x.org/docs/maps'] }] }),
      expect: [{ status: 'pass', messageId: 'replaceable', evidence: 'https://x.org/docs/maps' }],
    },
  ],
  invalid: [
    { name: 'no declaration', declaration: null, expect: [{ status: 'gap', messageId: 'noDeclaration' }] },
    { name: 'no platformIndependence block', declaration: base, expect: [{ status: 'gap', messageId: 'unanswered', evidence: 'platformIndependence' }] },
    { name: 'core technologies only, question unanswered', declaration: pi({ coreTechnologies: ['Python'] }), expect: [{ status: 'gap', messageId: 'unanswered', evidence: 'platformIndependence.closedComponents' }] },
    { name: 'closed but nothing listed', declaration: pi({ closedComponents: true }), expect: [{ status: 'gap', messageId: 'noneListed' }] },
    {
      name: 'one without alternative, one without migration, one fine',
      declaration: pi({
        closedComponents: true,
        components: [
          { name: 'Oracle Database', openAlternatives: [] },
          { name: 'Firebase', openAlternatives: ['Supabase', 'N/A'] },
          { name: 'Twilio', openAlternatives: ['Jasmin SMS gateway'], migration: 'SMS sending goes through a provider interface; see docs/sms.md.' },
        ],
      }),
      expect: [
        { status: 'fail', messageId: 'noAlternative', evidence: 'platformIndependence.components[0].openAlternatives' },
        { status: 'gap', messageId: 'noMigration', evidence: 'platformIndependence.components[1]' },
        { status: 'pass', messageId: 'replaceable' },
      ],
    },
  ],
});

describe('closed-components-declared messages', () => {
  it('names the component without an alternative and says a "no" rests on the declaration', async () => {
    const [fail] = await runRuleCase(closedComponentsDeclared, { name: 'f', declaration: pi({ closedComponents: true, components: [{ name: 'Oracle Database', openAlternatives: ['none'] }] }) });
    expect(fail?.status).toBe('fail');
    expect(fail?.message).toContain('Oracle Database');
    const [pass] = await runRuleCase(closedComponentsDeclared, { name: 'p', declaration: pi({ closedComponents: false }) });
    expect(pass?.message).toContain('rests on the declaration');
  });
});

RuleTester.run(coreTechnologiesOpen, {
  valid: [
    { name: 'open stack', declaration: pi({ closedComponents: false, coreTechnologies: ['Python', 'Django', 'PostgreSQL', 'MongoDB Compass'] }), expect: [{ status: 'pass', messageId: 'noneKnownClosed', evidence: 'platformIndependence.coreTechnologies' }] },
    { name: 'nothing declared is n/a', declaration: pi({ closedComponents: false }), expect: [{ status: 'n/a', messageId: 'noCoreTechnologies' }] },
    {
      name: 'open versions of partly closed components',
      declaration: pi({ closedComponents: false, coreTechnologies: ['Redis 8.0', 'elasticsearch:8.16.1', 'Kibana (7.10)', 'mapbox-gl v1.13'] }),
      expect: [{ status: 'pass', messageId: 'openVersion' }, { status: 'pass', messageId: 'openVersion' }, { status: 'pass', messageId: 'openVersion' }, { status: 'pass', messageId: 'openVersion', evidence: 'platformIndependence.coreTechnologies[3]' }],
    },
    {
      name: 'closed and declared among the components',
      declaration: pi({ closedComponents: true, coreTechnologies: ['Node.js', 'MongoDB 7.0'], components: [{ name: 'MongoDB', openAlternatives: ['FerretDB'], migration: 'Point MONGO_URL at FerretDB.' }] }),
      expect: [{ status: 'pass', messageId: 'closedListed', evidence: 'platformIndependence.coreTechnologies[1]' }],
    },
  ],
  invalid: [
    { name: 'no declaration', declaration: null, expect: [{ status: 'gap', messageId: 'noDeclaration' }] },
    {
      name: 'closed core technologies while closedComponents is false',
      declaration: pi({ closedComponents: false, coreTechnologies: ['React', 'Firebase', 'Redis 7.4.2', 'Mapbox GL JS 2.15'] }),
      expect: [
        { status: 'fail', messageId: 'closedButDeclaredOpen', evidence: 'platformIndependence.coreTechnologies[1]' },
        { status: 'fail', messageId: 'closedButDeclaredOpen' },
        { status: 'fail', messageId: 'closedButDeclaredOpen', evidence: 'platformIndependence.closedComponents' },
      ],
    },
    {
      name: 'version-less or straddling mentions',
      declaration: pi({ closedComponents: false, coreTechnologies: ['Elasticsearch', 'Redis 7', 'mongodb'] }),
      expect: [{ status: 'gap', messageId: 'versionNeeded' }, { status: 'gap', messageId: 'versionNeeded', evidence: 'platformIndependence.coreTechnologies[1]' }, { status: 'fail', messageId: 'closedButDeclaredOpen' }],
    },
    {
      name: 'closed, but not listed or not answered',
      declaration: pi({ closedComponents: true, coreTechnologies: ['Firestore'], components: [{ name: 'Google Maps', openAlternatives: ['OpenStreetMap'] }] }),
      expect: [{ status: 'gap', messageId: 'closedNotListed' }],
    },
    { name: 'question unanswered', declaration: pi({ coreTechnologies: ['MongoDB Atlas'] }), expect: [{ status: 'gap', messageId: 'closedUnanswered' }] },
  ],
});

describe('core-technologies-open messages and matching', () => {
  it('cites the guide\'s licence and alternatives', async () => {
    const [finding] = await runRuleCase(coreTechnologiesOpen, { name: 'm', declaration: pi({ closedComponents: false, coreTechnologies: ['MongoDB'] }) });
    expect(finding?.message).toContain('SSPL');
    expect(finding?.message).toContain('FerretDB (Apache-2.0)');
    expect(finding?.message).toContain('platform-independence guide');
  });

  it('asks for the version with an example', async () => {
    const [finding] = await runRuleCase(coreTechnologiesOpen, { name: 'v', declaration: pi({ closedComponents: false, coreTechnologies: ['Redis'] }) });
    expect(finding?.message).toContain('e.g. "Redis 8"');
    expect(finding?.message).toContain('platformIndependence.coreTechnologies[0]');
  });

  it('matches whole names only', () => {
    expect(knownClosed(parseTechnology('MongoDB'))?.id).toBe('mongodb');
    expect(knownClosed(parseTechnology('  mongodb   community server ')) ?.id).toBe('mongodb');
    expect(knownClosed(parseTechnology('MongoDB Compass'))).toBeUndefined();
    expect(knownClosed(parseTechnology('Redis client for Python'))).toBeUndefined();
    expect(knownClosed(parseTechnology('Firebase Cloud Messaging'))?.id).toBe('firebase');
    expect(knownClosed(parseTechnology('Elasticsearch-py'))).toBeUndefined();
  });

  it('parses versions in the usual spellings', () => {
    expect(parseTechnology('Redis 7.4.2')).toMatchObject({ name: 'redis', version: [7, 4, 2] });
    expect(parseTechnology('redis:7.4')).toMatchObject({ name: 'redis', version: [7, 4] });
    expect(parseTechnology('Mapbox GL JS v2')).toMatchObject({ name: 'mapbox gl js', version: [2] });
    expect(parseTechnology('Kibana (8.x)')).toMatchObject({ name: 'kibana', version: [8] });
    expect(parseTechnology('Python 3')).toMatchObject({ name: 'python', version: [3] });
    expect(parseTechnology('Elasticsearch')).toEqual({ text: 'Elasticsearch', name: 'elasticsearch' });
  });

  it('decides versions by the guide\'s ranges', () => {
    const es = KNOWN_CLOSED.find((c) => c.id === 'elasticsearch');
    const redis = KNOWN_CLOSED.find((c) => c.id === 'redis');
    const mapbox = KNOWN_CLOSED.find((c) => c.id === 'mapbox-gl-js');
    if (!es || !redis || !mapbox) throw new Error('table entries missing');
    expect(versionStatus(es, [7, 10])).toBe('open');
    expect(versionStatus(es, [7, 11])).toBe('closed');
    expect(versionStatus(es, [8, 15, 3])).toBe('closed');
    expect(versionStatus(es, [8, 16])).toBe('open');
    expect(versionStatus(es, [8])).toBe('unknown');
    expect(versionStatus(es, undefined)).toBe('unknown');
    expect(versionStatus(redis, [7, 4])).toBe('closed');
    expect(versionStatus(redis, [7, 2, 5])).toBe('open');
    expect(versionStatus(redis, [7])).toBe('unknown');
    expect(versionStatus(redis, [8])).toBe('open');
    expect(versionStatus(mapbox, [1, 13])).toBe('open');
    expect(versionStatus(mapbox, [3])).toBe('closed');
  });
});
