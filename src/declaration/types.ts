/**
 * The declaration: the owner's answers to the DPG application questionnaire
 * (shared/reference/dpg-standard-questions.md), one key per question.
 * `schema/declaration.schema.json` is the normative form; this type mirrors it.
 *
 * "Evidence" is a list of links: an absolute URL or a path relative to the
 * candidate root (e.g. `LICENSE`, `docs/privacy.md`).
 */
import type { SolutionType } from '../model.js';

export type EvidenceLinks = string[];

/** The four levels the form offers for 9a (PII) and 9b (content). */
export const HANDLING_LEVELS = ['none', 'collected', 'collected-stored', 'collected-stored-distributed'] as const;
export type HandlingLevel = (typeof HANDLING_LEVELS)[number];

export const OWNER_TYPES = [
  'government', 'multilateral', 'non-profit', 'academic', 'private-sector', 'individual', 'community', 'other',
] as const;
export type OwnerType = (typeof OWNER_TYPES)[number];

export interface Declaration {
  $schema?: string;
  /** Version of the declaration format. */
  declarationVersion?: 1;
  // General information
  name: string;
  aliases?: string[];
  types: SolutionType[];
  description?: string;
  website?: string[];
  contactEmail?: string;
  alternateEmail?: string;
  repositories?: { url: string; name?: string }[];
  // 1 SDG relevance
  sdgs?: { sdg: number; explanation?: string; targets?: string[]; evidence?: EvidenceLinks }[];
  // 2 Open licensing
  licenses?: {
    /** SPDX licence id or expression, e.g. `Apache-2.0` or `MIT OR Apache-2.0`. */
    spdx: string;
    /** Which part of the solution it covers; absent means the whole solution. */
    appliesTo?: 'software' | 'content' | 'data' | 'model-weights' | 'training-code' | 'training-data' | 'documentation';
    evidence?: EvidenceLinks;
  }[];
  // 3 Clear ownership
  owner?: {
    name?: string;
    type?: OwnerType;
    /** ISO 3166-1 alpha-2 code or country name. */
    country?: string;
    website?: string;
    evidence?: EvidenceLinks;
    /** "Do you own all of the code, content and/or data in this solution?" */
    ownsAll?: boolean;
    /** [If not] evidence of the right to redistribute (licences, CLA, public-domain proof). */
    redistributionRights?: { description?: string; evidence?: EvidenceLinks };
    /** Contributor licence agreement: a link, or false when none is used. */
    contributorAgreement?: string | false;
  };
  organizations?: { name: string; role: 'owner' | 'maintainer' | 'funder' | 'implementer' | 'partner'; website?: string; contactName?: string; contactEmail?: string }[];
  // 4 Platform independence
  platformIndependence?: {
    coreTechnologies?: string[];
    /** "Does this solution use any closed components that create proprietary dependency?" */
    closedComponents?: boolean;
    components?: { name: string; openAlternatives: string[]; migration?: string; evidence?: EvidenceLinks }[];
    /** How the solution is independent of its closed components, in words (the application form's free-text answer). */
    description?: string;
  };
  // 5 Documentation
  documentation?: { links?: EvidenceLinks; description?: string };
  // 6 Data extraction
  dataExtraction?: { collectsNonPII?: boolean; mechanism?: string; formats?: string[]; evidence?: EvidenceLinks };
  // 7 Privacy & applicable laws
  privacy?: { laws?: string[]; /** The steps taken to adhere to the laws, in words. */ adherence?: string; evidence?: EvidenceLinks };
  // 8 Standards & best practices
  standards?: {
    standards?: { name: string; evidence?: EvidenceLinks }[];
    bestPractices?: { name: string; evidence?: EvidenceLinks }[];
  };
  // 9 Do no harm by design
  doNoHarm?: {
    dataPrivacy?: { piiLevel?: HandlingLevel; piiTypes?: string[]; measures?: string; evidence?: EvidenceLinks; thirdPartySharing?: boolean };
    content?: { contentLevel?: HandlingLevel; contentTypes?: string[]; moderation?: string; responseTime?: string; evidence?: EvidenceLinks };
    harassment?: { userInteraction?: boolean; protection?: string; underageSafety?: string; evidence?: EvidenceLinks };
  };
  /** Who is authorised to answer indicators 7–9 on the owner's behalf. */
  authorizedRespondent?: { name?: string; title?: string; email?: string };
  // AI systems (DPG Standard 1.1.7): open model weights, training code and training data
  aiSystem?: {
    modelWeights?: { location?: string; license?: string };
    trainingCode?: { location?: string; license?: string };
    trainingData?: { location?: string; license?: string; description?: string };
  };
  // Scale of the solution (informational)
  scale?: {
    deployments?: string[];
    adopters?: string[];
    multilingual?: boolean;
    languages?: string[];
    programs?: string[];
    highlights?: string[];
  };
}

/** A declaration key's location in its file, for `file:line:col key` messages. */
export interface SourcePosition { line: number; column: number }
