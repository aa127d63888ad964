/**
 * Compile-time proof that `types.ts` and `schema/declaration.schema.json`
 * describe the same declaration. The compiler checks the TypeScript side
 * (every key of `Declaration` must appear below, and no other); the tests
 * check the schema side (the same keys, the same enums) and that
 * `fixtures/declarations/complete.yml` is exactly this example. A key added to
 * one file and not the others therefore fails `tsc` or the tests.
 */
import type { Declaration } from './types.js';

/** Every optional key made required, all the way down (in the first item of each list; later items may be partial). */
type Complete<T> = T extends readonly (infer Item)[]
  ? [Complete<Item>, ...Item[]]
  : T extends object
    ? { [Key in keyof T]-?: Complete<T[Key]> }
    : T;

type LicensePart = NonNullable<NonNullable<Declaration['licenses']>[number]['appliesTo']>;
type OrganizationRole = NonNullable<Declaration['organizations']>[number]['role'];

/** Which part of a solution a licence covers (`licenses[].appliesTo`). */
export const LICENSE_PARTS = [
  'software', 'content', 'data', 'model-weights', 'training-code', 'training-data', 'documentation',
] as const satisfies readonly LicensePart[];

/** An organisation's role (`organizations[].role`). */
export const ORGANIZATION_ROLES = ['owner', 'maintainer', 'funder', 'implementer', 'partner'] as const satisfies readonly OrganizationRole[];

// The lists above hold only valid values (`satisfies`); these lines prove they hold all of them.
const everyLicensePart: (typeof LICENSE_PARTS)[number] = undefined as unknown as LicensePart;
const everyOrganizationRole: (typeof ORGANIZATION_ROLES)[number] = undefined as unknown as OrganizationRole;
void everyLicensePart;
void everyOrganizationRole;

/** A declaration answering every question; identical to `fixtures/declarations/complete.yml`. */
export const COMPLETE_DECLARATION_EXAMPLE: Complete<Declaration> = 
{
  "$schema": "https://unpkg.com/dpg-check/schema/declaration.schema.json",
  "declarationVersion": 1,
  "name": "Open Clinic Registry",
  "aliases": [
    "OCR",
    "OpenClinic"
  ],
  "types": [
    "software",
    "data",
    "aimodel"
  ],
  "description": "An open registry of health facilities that ministries can run, extend and share.",
  "website": [
    "https://openclinic.example.org"
  ],
  "contactEmail": "team@openclinic.example.org",
  "alternateEmail": "board@openclinic.example.org",
  "repositories": [
    {
      "url": "https://github.com/example/open-clinic-registry",
      "name": "server and web client"
    },
    {
      "url": "https://data.example.org/open-clinic-registry",
      "name": "facility data set"
    }
  ],
  "sdgs": [
    {
      "sdg": 3,
      "explanation": "Ministries of health use the registry to plan universal health coverage (target 3.8) from an accurate list of facilities and their services.",
      "targets": [
        "3.8",
        "3.d"
      ],
      "evidence": [
        "https://openclinic.example.org/impact",
        "docs/impact.md"
      ]
    },
    {
      "sdg": 9,
      "explanation": "Publishes facility locations as open infrastructure data other services build on."
    }
  ],
  "licenses": [
    {
      "spdx": "Apache-2.0",
      "appliesTo": "software",
      "evidence": [
        "LICENSE"
      ]
    },
    {
      "spdx": "CC-BY-4.0",
      "appliesTo": "data",
      "evidence": [
        "data/LICENSE.md",
        "https://data.example.org/open-clinic-registry/license"
      ]
    }
  ],
  "owner": {
    "name": "Open Clinic Foundation",
    "type": "non-profit",
    "country": "KE",
    "website": "https://foundation.example.org",
    "evidence": [
      "NOTICE",
      "https://foundation.example.org/about"
    ],
    "ownsAll": false,
    "redistributionRights": {
      "description": "Facility records come from the national open data portal under CC-BY-4.0.",
      "evidence": [
        "https://opendata.example.go.ke/terms"
      ]
    },
    "contributorAgreement": "https://openclinic.example.org/cla"
  },
  "organizations": [
    {
      "name": "Open Clinic Foundation",
      "role": "owner",
      "website": "https://foundation.example.org",
      "contactName": "Amina Njoroge",
      "contactEmail": "amina@foundation.example.org"
    }
  ],
  "platformIndependence": {
    "coreTechnologies": [
      "TypeScript",
      "Node.js",
      "PostgreSQL",
      "PostGIS"
    ],
    "closedComponents": true,
    "components": [
      {
        "name": "Google Maps JavaScript API",
        "openAlternatives": [
          "Leaflet with OpenStreetMap tiles",
          "MapLibre GL JS"
        ],
        "migration": "Set MAP_PROVIDER=leaflet; no code change is needed.",
        "evidence": [
          "docs/maps.md"
        ]
      }
    ],
    "description": "Maps are the only closed part: the map view is one of three providers behind MAP_PROVIDER, and the default is Leaflet."
  },
  "documentation": {
    "links": [
      "README.md",
      "docs/",
      "https://openclinic.example.org/docs"
    ],
    "description": "Installation, administration and API guides; a data dictionary for the facility data set."
  },
  "dataExtraction": {
    "collectsNonPII": true,
    "mechanism": "Every facility list can be exported as CSV or GeoJSON, and read through a documented REST API.",
    "formats": [
      "CSV",
      "GeoJSON",
      "REST API"
    ],
    "evidence": [
      "docs/api/openapi.yaml"
    ]
  },
  "privacy": {
    "laws": [
      "Kenya Data Protection Act 2019",
      "GDPR"
    ],
    "adherence": "Patients consent at registration; records are encrypted at rest and access is role-based and audited.",
    "evidence": [
      "PRIVACY.md",
      "https://openclinic.example.org/privacy"
    ]
  },
  "standards": {
    "standards": [
      {
        "name": "HL7 FHIR R4",
        "evidence": [
          "https://openclinic.example.org/fhir/metadata"
        ]
      },
      {
        "name": "OpenAPI 3.1",
        "evidence": [
          "docs/api/openapi.yaml"
        ]
      }
    ],
    "bestPractices": [
      {
        "name": "Principles for Digital Development",
        "evidence": [
          "https://openclinic.example.org/principles"
        ]
      }
    ]
  },
  "doNoHarm": {
    "dataPrivacy": {
      "piiLevel": "collected-stored",
      "piiTypes": [
        "name",
        "email",
        "phone number"
      ],
      "measures": "Staff accounts only; data encrypted at rest and in transit; role-based access; audit log.",
      "evidence": [
        "SECURITY.md",
        "docs/security.md"
      ],
      "thirdPartySharing": false
    },
    "content": {
      "contentLevel": "collected-stored-distributed",
      "contentTypes": [
        "facility photos",
        "reviews"
      ],
      "moderation": "Reported items are hidden at once and reviewed by a moderator, who removes illegal content and informs the authorities.",
      "responseTime": "24 hours",
      "evidence": [
        "docs/moderation.md"
      ]
    },
    "harassment": {
      "userInteraction": true,
      "protection": "A code of conduct, a report button on every review, and blocking of abusive accounts.",
      "underageSafety": "Accounts are for adults only; reviews are moderated before they are shown.",
      "evidence": [
        "CODE_OF_CONDUCT.md"
      ]
    }
  },
  "authorizedRespondent": {
    "name": "Amina Njoroge",
    "title": "Executive Director",
    "email": "amina@foundation.example.org"
  },
  "aiSystem": {
    "modelWeights": {
      "location": "https://models.example.org/ocr-dedup",
      "license": "Apache-2.0"
    },
    "trainingCode": {
      "location": "training/",
      "license": "Apache-2.0"
    },
    "trainingData": {
      "location": "https://data.example.org/ocr-dedup-training",
      "license": "CC-BY-4.0",
      "description": "Pairs of facility records labelled as duplicates or not, from the public registry."
    }
  },
  "scale": {
    "deployments": [
      "Kenya",
      "Uganda"
    ],
    "adopters": [
      "Ministry of Health Kenya (national facility list)"
    ],
    "multilingual": true,
    "languages": [
      "English",
      "Swahili"
    ],
    "programs": [
      "DPGA Accelerator"
    ],
    "highlights": [
      "https://openclinic.example.org/blog/launch"
    ]
  }
};
