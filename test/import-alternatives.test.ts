/**
 * Free-text platform-independence answers read for what they say (issue 14):
 * a closed component named together with its open alternative becomes a
 * component; nothing is invented when the text names only one side.
 */
import { describe, it, expect } from 'vitest';
import { readAlternatives } from '../src/import/alternatives.js';

const pairs = (text: string): [string, string[]][] => readAlternatives(text).map((c) => [c.name, c.openAlternatives]);

describe('readAlternatives', () => {
  it('reads "instead of", "can replace", "replaced by/with", "replaceable by" and "is an open source alternative to"', () => {
    expect(pairs('The SMS module uses Somleng instead of Twilio.')).toEqual([['Twilio', ['Somleng']]]);
    expect(pairs('OpenStreetMap can replace Google Maps for the map layer.')).toEqual([['Google Maps', ['OpenStreetMap']]]);
    expect(pairs('Amazon SES can easily be replaced with open alternatives such as Postal (https://postal.example.org).')).toEqual([['Amazon SES', ['Postal']]]);
    expect(pairs('Our deployments use Twilio as SMS gateway replaceable by Somleng, and Google Maps and Mapbox as map services replaceable by OpenStreetMap.')).toEqual([
      ['Twilio', ['Somleng']], ['Google Maps', ['OpenStreetMap']], ['Mapbox', ['OpenStreetMap']],
    ]);
    expect(pairs('OpenSearch is an open source alternative to Elasticsearch.')).toEqual([['Elasticsearch', ['OpenSearch']]]);
  });

  it('finds the closed component elsewhere in the sentence, and merges names of one component', () => {
    expect(pairs('Photos are kept using AWS S3 in production; MinIO is an open source alternative for self-hosting.')).toEqual([['AWS S3', ['MinIO']]]);
    expect(pairs('MapLibre GL is an open source alternative to Mapbox GL JS. Operators may replace Mapbox with MapLibre.')).toEqual([['Mapbox GL JS', ['MapLibre GL', 'MapLibre']]]);
  });

  it('keeps the sentence as the migration and the alternative\'s link as evidence', () => {
    const [read] = readAlternatives('Email goes out through Amazon SES. Amazon SES can be replaced with open alternatives such as flask-mail (https://flask-mail.example.org/), which speaks SMTP.');
    expect(read?.migration).toBe('Amazon SES can be replaced with open alternatives such as flask-mail (https://flask-mail.example.org/), which speaks SMTP.');
    expect(read?.evidence).toEqual(['https://flask-mail.example.org/']);
  });

  it('reads an alternative named on its own for the components the sentence before calls closed, spelled as its link spells it', () => {
    // flow-cameroon's answer, as written.
    const read = readAlternatives('Flow Cameroon requires Firebase and Firestore which are closed dependencies. However other open source alternatives exists such Couchbasev (https://www.couchbase.com/)');
    expect(read.map((c) => [c.name, c.openAlternatives, c.evidence])).toEqual([
      ['Firebase', ['Couchbase'], ['https://www.couchbase.com/']], ['Firestore', ['Couchbase'], ['https://www.couchbase.com/']],
    ]);
    expect(read[0]?.migration).toMatch(/^Flow Cameroon requires Firebase and Firestore .* such Couchbasev \(https:\/\/www\.couchbase\.com\/\)$/);
    expect(pairs('The app uses Mapbox which is proprietary. Open source alternatives exist, such as MapLibre (https://maplibre.org).')).toEqual([['Mapbox', ['MapLibre']]]);
    // A name that is not one letter from its link's domain stays as written.
    expect(pairs('It uses Mapbox which is closed. Open source alternatives exist such as Leaflet (https://example.org).')).toEqual([['Mapbox', ['Leaflet']]]);
    // Nothing called closed before it, or a sentence between: nothing is read.
    expect(pairs('The app uses Mapbox. Open source alternatives exist, such as MapLibre.')).toEqual([]);
    expect(pairs('It uses Mapbox which is proprietary. It draws maps. Open source alternatives exist, such as MapLibre.')).toEqual([]);
  });

  it('invents nothing when one side is unnamed', () => {
    expect(pairs('An open source alternative does exist.')).toEqual([]);
    expect(pairs('It relies on a self-hosted mail server instead of SendGrid.')).toEqual([]);
    expect(pairs('Without the proprietary APIs the tool still works, with manual submission.')).toEqual([]);
    expect(pairs('Firebase is used for analytics only.')).toEqual([]);
  });
});
