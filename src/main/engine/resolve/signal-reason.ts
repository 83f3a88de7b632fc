// The sentence that says why a signal belongs to a case anchored on an identity.
import { maskKey } from './describe-identifier';

/** What the reason is built from: the signal's identifiers and the anchor. */
export interface ReasonInput {
  anchorLabel: string;
  actorLabel: string;
  actorIsPrimary: boolean;
  identifiers: { type: string; value: string }[];
  /** True for a scanner's finding: it reports a leak of the identity's secret, it is not the identity acting. */
  isFinding?: boolean;
}

/** A reason a person can read, naming the identifier that ties the signal to the anchor. */
export function signalReason({ anchorLabel, actorLabel, actorIsPrimary, identifiers, isFinding = false }: ReasonInput): string {
  if (isFinding) {
    const key = identifiers.find((i) => i.type === 'aws.access_key');
    return key ? `a secret of access key ${maskKey(key.value)} of ${anchorLabel} was found leaked` : `a leaked secret (${actorLabel}) that the evidence ties to ${anchorLabel}`;
  }
  const session = identifiers.find((i) => i.type === 'aws.arn' && i.value.includes(':assumed-role/'));
  const key = identifiers.find((i) => i.type === 'aws.access_key');
  const keyText = key ? ` with key ${maskKey(key.value)}` : '';
  if (session) {
    const sessionName = session.value.split('/').slice(2).join('/') || session.value;
    return `assumed-role session "${sessionName}" of ${anchorLabel}${keyText}`;
  }
  if (key) return `access key ${maskKey(key.value)} belongs to ${anchorLabel}`;
  if (actorIsPrimary) return `acted as ${anchorLabel}`;
  return `acted as ${actorLabel}, which the evidence links to ${anchorLabel}`;
}
