// The shape every bundled framework catalogue shares, so a case can be mapped to any of them the same way.

/** The frameworks the app ships; the prefix of every entry id. */
export type FrameworkId = 'owasp-nhi' | 'nist-csf' | 'attack' | 'atlas';

/** One item of a framework: an OWASP risk, a CSF function or category, an ATT&CK or ATLAS (sub-)technique. */
export interface FrameworkEntry {
  /** `<framework>:<code>`, e.g. `attack:T1078.004`: what a case mapping stores. */
  readonly id: string;
  readonly framework: FrameworkId;
  /** The framework's own identifier, e.g. `NHI2`, `PR.AA`, `T1552.001`, `AML.T0051.001`. */
  readonly code: string;
  /** The official name; sub-techniques carry their parent's name first ("Valid Accounts: Cloud Accounts"), as MITRE shows them. */
  readonly name: string;
  /** One sentence in our own words: the catalogues are paraphrased, never copied. */
  readonly description: string;
  /** The code of the parent: a CSF category's function, a sub-technique's technique. */
  readonly parent?: string;
  /** The canonical page, kept as text for the analyst to open elsewhere: the app runs air-gapped and never fetches it. */
  readonly url: string;
  /** Codes this entry had before a framework release retired them, so older mappings and searches still land here. */
  readonly aliases?: readonly string[];
}

/** Extra fields an entry may carry beyond the required ones. */
export interface EntryExtras {
  readonly parent?: string;
  readonly aliases?: readonly string[];
}

/** Builds an entry with its id derived from framework and code, so the two can never disagree. */
export function defineEntry(
  framework: FrameworkId,
  code: string,
  name: string,
  description: string,
  url: string,
  extras: EntryExtras = {},
): FrameworkEntry {
  return {
    id: `${framework}:${code}`,
    framework,
    code,
    name,
    description,
    url,
    ...(extras.parent === undefined ? {} : { parent: extras.parent }),
    ...(extras.aliases === undefined ? {} : { aliases: extras.aliases }),
  };
}
