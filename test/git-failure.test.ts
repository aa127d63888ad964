import { describe, it, expect } from 'vitest';
import { describeGitFailure } from '../src/sources/git.js';

describe('git failures in plain words', () => {
  it('reads an HTTP status only where git reports one, never in curl\'s timings', () => {
    // Under load, curl's connect failure can take 401, 404 or 503 ms: that is still a refused connection.
    for (const ms of [401, 403, 404, 503]) {
      expect(describeGitFailure(`fatal: unable to access 'http://127.0.0.1:9/repo.git/': Failed to connect to 127.0.0.1 port 9 after ${ms} ms: Couldn't connect to server`, undefined)).toBe('cannot connect to the server (connection refused)');
    }
    expect(describeGitFailure("fatal: unable to access 'https://h/x.git/': The requested URL returned error: 403", undefined)).toBe('the repository needs credentials git does not have (private repository?)');
    expect(describeGitFailure("fatal: unable to access 'https://h/x.git/': The requested URL returned error: 404", undefined)).toBe('repository not found (or private: git has no credentials for it)');
    expect(describeGitFailure("fatal: unable to access 'https://h/x.git/': The requested URL returned error: 502", undefined)).toMatch(/^the server failed/);
  });
});
