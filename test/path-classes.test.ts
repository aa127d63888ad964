import { describe, it, expect } from 'vitest';
import { classifyPaths } from '../src/engine/path-classes.js';

describe('path classes', () => {
  it('classes sample and template files as examples, whatever their folder', () => {
    const paths = classifyPaths([]);
    for (const file of ['backend/config/baseConfig.json.example', 'config/config.example.json', 'app/settings.py.sample', 'deploy/values.yaml.template', 'config/app-sample.yml', 'phpunit.xml.dist']) {
      expect(paths.classOf(file), file).toBe('example');
    }
    for (const file of ['src/sample.ts', 'src/create-sample.js', 'templates/index.tpl', 'config/production.yml', 'config/example.rb']) expect(paths.classOf(file), file).toBe('own');
  });
  it('classes .env variants for development, tests and seeding as dev environments, not .env.production', () => {
    const paths = classifyPaths([]);
    for (const file of ['.env.example', '.env.development', '.env.test', '.env.profiling', '.env.seed.large', 'docker-compose.dev.yml']) expect(paths.classOf(file), file).toBe('dev-env');
    for (const file of ['.env', '.env.production', 'packages/mobile/.env.production']) expect(paths.classOf(file), file).toBe('own');
  });
});
