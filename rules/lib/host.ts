/** What the host rules share: how to name the host in a message. */
import type { HostMetadata } from '../../src/rule-api.js';

export function hostName(host: HostMetadata): string {
  return host.platform === 'github' ? 'GitHub' : host.platform === 'gitlab' ? 'GitLab' : 'the host';
}
