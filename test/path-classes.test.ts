import { describe, expect, it } from 'vitest';
import { classifyPaths } from '../src/engine/path-classes.js';

describe('path classes', () => {
  it('takes a docs folder with its own build manifest for a documentation site', () => {
    const paths = ['package.json', 'docs/package.json', 'docs/intro.md', 'documentation/Gemfile', 'doc/requirements.txt', 'app/package.json', 'docs/guide.md'];
    const classes = classifyPaths(paths);
    expect(classes.classOf('docs/package.json')).toBe('docs-site');
    expect(classes.classOf('docs/intro.md')).toBe('docs-site');
    expect(classes.classOf('documentation/Gemfile')).toBe('docs-site');
    expect(classes.classOf('doc/requirements.txt')).toBe('docs-site');
    expect(classes.classOf('app/package.json')).toBe('own');
    expect(classes.classOf('package.json')).toBe('own');
  });
  it('leaves a docs folder without a site build as the candidate\'s own documentation', () => {
    const classes = classifyPaths(['README.md', 'docs/guide.md', 'docs/api.md']);
    expect(classes.classOf('docs/guide.md')).toBe('own');
  });
});
