// Human labels and kinds for identifiers, for identities that never acted in the evidence themselves.
import type { IdentityKind } from '../../../shared/schemas';

/** Masks an access key id as AKIA…WXYZ: enough to recognize it, short enough to read. */
export function maskKey(key: string): string {
  return key.length > 8 ? `${key.slice(0, 4)}…${key.slice(-4)}` : key;
}

/** A label and kind derived from an identifier alone. */
export function describeIdentifier(type: string, value: string): { label: string; kind: IdentityKind } {
  if (type === 'aws.arn') {
    const resource = value.split(':').slice(5).join(':');
    if (resource === 'root') return { label: 'root', kind: 'aws.root' };
    if (resource.startsWith('user/')) return { label: `user/${resource.split('/').pop()}`, kind: 'aws.iam-user' };
    if (resource.startsWith('role/')) return { label: `role/${resource.split('/').pop()}`, kind: 'aws.role' };
    if (resource.startsWith('assumed-role/')) return { label: `role/${resource.split('/')[1] ?? resource}`, kind: 'aws.role' };
    if (resource.startsWith('federated-user/')) return { label: resource, kind: 'aws.federated' };
    return { label: resource || value, kind: 'unknown' };
  }
  if (type === 'aws.service') return { label: value, kind: 'aws.service' };
  if (type === 'aws.access_key') return { label: `key ${maskKey(value)}`, kind: 'aws.access-key' };
  return { label: `${type}:${value}`, kind: 'unknown' };
}

/** How good an identifier is as the name of an identity: lower is better. */
export function anchorRank(type: string, value: string): number {
  if (type === 'aws.arn') return value.includes(':assumed-role/') ? 2 : 0;
  if (type === 'aws.service') return 1;
  if (type === 'aws.principal_id') return 3;
  if (type === 'aws.access_key') return 4;
  return 5;
}
