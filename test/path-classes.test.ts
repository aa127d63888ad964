import { describe, expect, it } from 'vitest';
import { classifyPaths } from '../src/engine/path-classes.js';

describe('path classes', () => {
  it('a folder Bower installed a package into (it has .bower.json) is vendored, wherever .bowerrc puts it', () => {
    const classes = classifyPaths([
      'protected/assets/components/rrule/.bower.json',
      'protected/assets/components/rrule/LICENCE',
      'protected/assets/components/rrule/lib/rrule.js',
      'protected/assets/js/app.js',
    ]);
    expect(classes.classOf('protected/assets/components/rrule/LICENCE')).toBe('vendored');
    expect(classes.classOf('protected/assets/components/rrule/lib/rrule.js')).toBe('vendored');
    expect(classes.classOf('protected/assets/js/app.js')).toBe('own');
  });
});
