// A first, explainable severity heuristic over a case's signals. It ranks the queue; it is not a verdict.
import type { Severity } from '../../../shared/schemas';

/** API actions that turn off the lights: an attacker covering tracks. */
const EVASION = new Set(['cloudtrail:StopLogging', 'cloudtrail:DeleteTrail', 'cloudtrail:UpdateTrail', 'guardduty:DeleteDetector', 'config:StopConfigurationRecorder', 'config:DeleteConfigurationRecorder']);
/** API actions that mint credentials or widen privileges: persistence and escalation. */
const PERSISTENCE = new Set(['iam:CreateAccessKey', 'iam:CreateLoginProfile', 'iam:UpdateLoginProfile', 'iam:CreateUser', 'iam:AttachUserPolicy', 'iam:PutUserPolicy', 'iam:AttachRolePolicy', 'iam:PutRolePolicy', 'iam:AddUserToGroup', 'iam:UpdateAssumeRolePolicy', 'sts:GetFederationToken']);
/** API actions that read secrets. */
const SECRETS = new Set(['secretsmanager:GetSecretValue', 'secretsmanager:BatchGetSecretValue', 'ssm:GetParameter', 'ssm:GetParameters', 'ssm:GetParametersByPath', 'kms:Decrypt']);

/** First-seen signals strong enough to raise a case that also reads secrets. */
const STRONG_FIRST_SEEN = new Set(['first-seen:new-region', 'first-seen:new-user-agent', 'first-seen:failure-burst', 'first-seen:use-after-finding']);

/** What the heuristic looks at. */
export interface SeverityInput {
  actions: Set<string>;
  failures: number;
  /** Severities the sources gave their signals (scanner findings, alerts, first-seen signals). */
  sourceSeverities?: Severity[];
}

/** Severity from what the identity did and what its sources said: evasion is critical, persistence high (critical with a burst of failures), secrets or failures medium. */
export function severityOf({ actions, failures, sourceSeverities = [] }: SeverityInput): Severity {
  const fromActions = actionSeverity(actions, failures);
  // The case is at least as severe as the most severe thing a source said about it.
  return [fromActions, ...sourceSeverities].reduce((a, b) => (SEVERITY_ORDER[b] < SEVERITY_ORDER[a] ? b : a));
}

function actionSeverity(actions: Set<string>, failures: number): Severity {
  const has = (set: Set<string>): boolean => [...actions].some((a) => set.has(a));
  // Something the identity never did before — a new region or client, a burst of failures, use after a leak — together
  // with reading secrets is the shape of abuse more than of misconfiguration. A new IP alone is not: cloud workloads
  // (Lambda, CI runners) change addresses every day.
  const anomalous = [...actions].some((a) => STRONG_FIRST_SEEN.has(a));
  if (has(EVASION)) return 'critical';
  if (has(PERSISTENCE)) return failures >= 5 ? 'critical' : 'high';
  if (has(SECRETS)) return failures >= 5 || anomalous ? 'high' : 'medium';
  if (failures >= 5) return 'medium';
  return 'low';
}

/** Sort order of severities, most severe first. */
export const SEVERITY_ORDER: Record<Severity, number> = { critical: 0, high: 1, medium: 2, low: 3 };
