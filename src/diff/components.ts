/**
 * The closed components a report names: what the platform-independence rules
 * (dpg-4-01 declared closed components, dpg-4-02 core technologies, dpg-4-03
 * dependencies) found to be closed, each with the status of what was said about it.
 *
 * The report model keeps a finding's message, not the values it was built from,
 * so the component's name is read from the message of the message ids that
 * start with it (`{component} (…) is a mandatory dependency…`, `{technology}: …`).
 * Only the name is read, up to the first ` (`, `: ` or ` is `: rewording the rest
 * of a message changes nothing here.
 */
import { aggregate, type Finding, type Report, type Status } from '../model.js';

export interface ClosedComponent {
  name: string;
  /** The most serious status said about it (fail before error, gap and pass), by the verdict precedence. */
  status: Status;
}

/** Message ids, per rule, whose message starts with the name of a closed component. */
const NAMING_MESSAGES: Readonly<Record<string, readonly string[]>> = {
  'dpg-4-01': ['replaceable', 'noAlternative', 'noMigration'],
  'dpg-4-02': ['closedListed', 'closedButDeclaredOpen', 'closedNotListed', 'closedUnanswered', 'versionNeeded'],
  'dpg-4-03': ['closedUndeclared', 'closedDeclaredOpen', 'declared', 'declaredNoAlternative', 'alternativeInText', 'alternativeNamed', 'mayBeOptional', 'versionUnknown'],
};
/** dpg-4-03 `driverOnly`/`driverAlternative` start with the drivers; the component is the server they need. */
const SERVER_MESSAGES: ReadonlySet<string> = new Set(['driverOnly', 'driverAlternative']);

function componentName(finding: Finding): string | undefined {
  if (!finding.messageId) return undefined;
  if (finding.ruleId === 'dpg-4-03' && SERVER_MESSAGES.has(finding.messageId)) {
    return /\bneeds? an? (.+?)(?:-compatible)? server\b/.exec(finding.message)?.[1]?.trim();
  }
  if (!NAMING_MESSAGES[finding.ruleId]?.includes(finding.messageId)) return undefined;
  const name = /^(.+?)(?: \(|: | is )/.exec(finding.message)?.[1]?.trim();
  return name && name.length <= 80 ? name : undefined;
}

export function closedComponents(report: Report): ClosedComponent[] {
  const statuses = new Map<string, { name: string; statuses: Status[] }>();
  for (const finding of report.findings) {
    const name = componentName(finding);
    if (!name) continue;
    const entry = statuses.get(name.toLowerCase()) ?? { name, statuses: [] };
    entry.statuses.push(finding.status);
    statuses.set(name.toLowerCase(), entry);
  }
  return [...statuses.values()].map(({ name, statuses: seen }) => ({ name, status: aggregate(seen) }));
}
