/**
 * The interactive part of `dpg-check init`: on a terminal, the questions a
 * repository cannot answer are asked one by one, with the detected value as
 * the default (Enter accepts it; Enter on an empty answer leaves the question
 * as a GAP in the file). Answers are checked as the schema would (an SDG is
 * 1–17, an owner type one of the form's eight, an email an email), and a
 * wrong answer is asked again, twice at most.
 */
import type { Declaration, HandlingLevel, OwnerType } from '../declaration/types.js';
import { HANDLING_LEVELS, OWNER_TYPES } from '../declaration/types.js';
import { SOLUTION_TYPES, type SolutionType } from '../model.js';

/** Asks one question, returns the raw answer ('' for Enter). */
export type Ask = (question: string) => Promise<string>;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const ATTEMPTS = 3;

interface Parsed<T> { ok: true; value: T | undefined }
interface Problem { ok: false; problem: string }

/** Asks until the answer parses (or `ATTEMPTS` are used up: then the question stays a gap). */
async function askFor<T>(ask: Ask, question: string, current: string | undefined, parse: (answer: string) => Parsed<T> | Problem, say: (text: string) => void): Promise<T | undefined> {
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const raw = (await ask(`${question}${current ? ` [${current}]` : ''}: `)).trim();
    if (raw === '') return undefined;
    const parsed = parse(raw);
    if (parsed.ok) return parsed.value;
    say(`  ${parsed.problem}`);
  }
  say('  left as a GAP in the file.');
  return undefined;
}

const text = (answer: string): Parsed<string> => ({ ok: true, value: answer });
const list = (answer: string): Parsed<string[]> => ({ ok: true, value: answer.split(',').map((s) => s.trim()).filter((s) => s !== '') });
const yesNo = (answer: string): Parsed<boolean> | Problem => (/^(y|yes|true)$/i.test(answer) ? { ok: true, value: true } : /^(n|no|false)$/i.test(answer) ? { ok: true, value: false } : { ok: false, problem: 'answer y or n (or Enter to leave it open)' });
const oneOf = <T extends string>(choices: readonly T[]) => (answer: string): Parsed<T> | Problem => (choices.includes(answer.toLowerCase() as T) ? { ok: true, value: answer.toLowerCase() as T } : { ok: false, problem: `one of: ${choices.join(', ')}` });
const email = (answer: string): Parsed<string> | Problem => (EMAIL.test(answer) ? { ok: true, value: answer } : { ok: false, problem: 'that is not an email address' });

/**
 * Asks the owner the questions the repository could not answer, and returns
 * the declaration with their answers. Detected values are offered as
 * defaults; pressing Enter keeps them.
 */
export async function promptAnswers(start: Declaration, ask: Ask, say: (text: string) => void): Promise<Declaration> {
  const d: Declaration = structuredClone(start);
  say('Answer each question, or press Enter to keep the value in brackets (or to leave the question as a GAP in the file).');

  const name = await askFor(ask, 'Solution name', d.name, text, say);
  if (name) d.name = name;
  const types = await askFor(ask, `Solution types (${SOLUTION_TYPES.join(', ')})`, d.types.join(', '), (answer) => {
    const chosen = answer.split(',').map((s) => s.trim().toLowerCase()).filter((s) => s !== '');
    const unknown = chosen.filter((t) => !(SOLUTION_TYPES as readonly string[]).includes(t));
    return unknown.length > 0 || chosen.length === 0 ? { ok: false, problem: `unknown type ${unknown.join(', ')}; one or more of: ${SOLUTION_TYPES.join(', ')}` } : { ok: true, value: chosen as SolutionType[] };
  }, say);
  if (types) d.types = types;

  const sdgs = await askFor(ask, 'Which SDGs (1–17) is the solution relevant to? Comma-separated', d.sdgs?.map((s) => s.sdg).join(', '), (answer) => {
    const numbers = answer.split(/[\s,]+/).filter((s) => s !== '').map(Number);
    return numbers.some((n) => !Number.isInteger(n) || n < 1 || n > 17) ? { ok: false, problem: 'SDGs are numbers from 1 to 17' } : { ok: true, value: [...new Set(numbers)] };
  }, say);
  if (sdgs) d.sdgs = sdgs.map((sdg) => d.sdgs?.find((s) => s.sdg === sdg) ?? { sdg });
  for (const entry of d.sdgs ?? []) {
    if (entry.explanation) continue;
    const explanation = await askFor(ask, `How is the solution relevant to SDG ${entry.sdg}? A couple of sentences naming its targets`, undefined, text, say);
    if (explanation) entry.explanation = explanation;
  }

  const licenses = await askFor(ask, 'Open licence(s), as SPDX ids, comma-separated', d.licenses?.map((l) => l.spdx).join(', '), list, say);
  if (licenses && licenses.length > 0) d.licenses = licenses.map((spdx) => d.licenses?.find((l) => l.spdx === spdx) ?? { spdx });

  const owner = { ...(d.owner ?? {}) };
  const ownerName = await askFor(ask, 'Who owns the solution? (organisation, or the people who own it)', owner.name, text, say);
  if (ownerName) owner.name = ownerName;
  const ownerType = await askFor<OwnerType>(ask, `Type of organisation (${OWNER_TYPES.join(', ')})`, owner.type, oneOf(OWNER_TYPES), say);
  if (ownerType) owner.type = ownerType;
  const country = await askFor(ask, 'Country where the owner is based', owner.country, text, say);
  if (country) owner.country = country;
  const ownsAll = await askFor(ask, 'Does the owner own all of the code, content and data? (y/n)', owner.ownsAll === undefined ? undefined : owner.ownsAll ? 'y' : 'n', yesNo, say);
  if (ownsAll !== undefined) owner.ownsAll = ownsAll;
  if (Object.keys(owner).length > 0) d.owner = owner;

  const laws = await askFor(ask, 'Privacy and other laws the solution complies with, comma-separated', d.privacy?.laws?.join(', '), list, say);
  if (laws && laws.length > 0) d.privacy = { ...(d.privacy ?? {}), laws };

  // Each follow-up is asked only when the answer before it leaves it open: no PII types after "none", no
  // moderation after "none", no harassment protection when users do not interact (render.ts skips their GAPs too).
  const harm = structuredClone(d.doNoHarm ?? {});
  const pii = await askFor<HandlingLevel>(ask, `Personal data (PII): ${HANDLING_LEVELS.join(', ')}`, harm.dataPrivacy?.piiLevel, oneOf(HANDLING_LEVELS), say);
  if (pii) harm.dataPrivacy = { ...(harm.dataPrivacy ?? {}), piiLevel: pii };
  if ((pii ?? harm.dataPrivacy?.piiLevel) !== 'none') {
    const privacy = { ...(harm.dataPrivacy ?? {}) };
    const piiTypes = await askFor(ask, 'Which types of personal data? Comma-separated', privacy.piiTypes?.join(', '), list, say);
    if (piiTypes && piiTypes.length > 0) privacy.piiTypes = piiTypes;
    const measures = await askFor(ask, 'How are the privacy, security and integrity of that data ensured?', privacy.measures, text, say);
    if (measures) privacy.measures = measures;
    if (Object.keys(privacy).length > 0) harm.dataPrivacy = privacy;
  }
  const content = await askFor<HandlingLevel>(ask, `Content collected, stored or distributed: ${HANDLING_LEVELS.join(', ')}`, harm.content?.contentLevel, oneOf(HANDLING_LEVELS), say);
  if (content) harm.content = { ...(harm.content ?? {}), contentLevel: content };
  if ((content ?? harm.content?.contentLevel) !== 'none') {
    const moderation = await askFor(ask, 'How is inappropriate and illegal content detected, moderated, reported and removed?', harm.content?.moderation, text, say);
    if (moderation) harm.content = { ...(harm.content ?? {}), moderation };
  }
  const interacts = harm.harassment?.userInteraction;
  const interaction = await askFor(ask, 'Do users or contributors interact with each other through the solution? (y/n)', interacts === undefined ? undefined : interacts ? 'y' : 'n', yesNo, say);
  if (interaction !== undefined) harm.harassment = { ...(harm.harassment ?? {}), userInteraction: interaction };
  if ((interaction ?? interacts) !== false) {
    const protection = await askFor(ask, 'How do users and contributors protect themselves from harassment? (code of conduct, blocking, reporting)', harm.harassment?.protection, text, say);
    if (protection) harm.harassment = { ...(harm.harassment ?? {}), protection };
  }
  if (Object.keys(harm).length > 0) d.doNoHarm = harm;

  const respondent = { ...(d.authorizedRespondent ?? {}) };
  const respondentName = await askFor(ask, 'Who is authorised to answer indicators 7–9 for the owner? Name', respondent.name, text, say);
  if (respondentName) respondent.name = respondentName;
  const respondentEmail = await askFor(ask, 'Their email', respondent.email, email, say);
  if (respondentEmail) respondent.email = respondentEmail;
  if (Object.keys(respondent).length > 0) d.authorizedRespondent = respondent;

  const contact = await askFor(ask, 'Contact email for the solution', d.contactEmail, email, say);
  if (contact) d.contactEmail = contact;
  return d;
}
