/**
 * Tokens never reach the user's screen or logs: besides never being put in
 * messages or URLs, everything the CLI writes passes through this filter,
 * which replaces any token from the environment with `***`.
 */

/** Environment variables that hold secrets dpg-check may use. */
export const SECRET_VARIABLES = ['GITHUB_TOKEN', 'GH_TOKEN', 'GITLAB_TOKEN'] as const;

export function secretsInEnvironment(env: NodeJS.ProcessEnv): string[] {
  // Very short values would blank out ordinary words; a real token is long.
  return SECRET_VARIABLES.map((name) => env[name]?.trim()).filter((value): value is string => typeof value === 'string' && value.length >= 8);
}

export function redactSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) if (out.includes(secret)) out = out.split(secret).join('***');
  return out;
}

/**
 * The same stream, its `write` replacing every secret. A proxy, not a copy, so
 * a real stream (`process.stderr` handed to a progress bar) keeps working.
 */
export function redactingStream<T extends { write(text: string): unknown }>(stream: T, secrets: readonly string[]): T {
  if (secrets.length === 0) return stream;
  return new Proxy(stream, {
    get(target, key) {
      if (key === 'write') {
        return (chunk: unknown, ...rest: unknown[]) =>
          (target.write as (...args: unknown[]) => unknown).call(target, typeof chunk === 'string' ? redactSecrets(chunk, secrets) : Buffer.isBuffer(chunk) ? redactSecrets(chunk.toString('utf8'), secrets) : chunk, ...rest);
      }
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}
