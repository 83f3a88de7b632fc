// The renderer contract's method names without its schemas, so the sandboxed preload stays a tiny
// self-contained script. The type check below keeps this list and the contract identical.
import type { WorkbenchMethod } from './contract';

/** Every method of `workbenchContract`, in one list. */
export const workbenchMethodNames = [
  'workspaceInfo',
  'chooseWorkspace',
  'openDemo',
  'chooseEvidence',
  'ingestPaths',
  'cancelIngest',
  'listCases',
  'getCase',
  'caseSignals',
  'searchSignals',
  'caseGraph',
  'listIdentities',
  'getIdentity',
  'signalRecord',
  'caseNotes',
  'caseSteps',
  'caseMappings',
  'caseHistory',
  'undoState',
  'auditVerify',
  'mergeCases',
  'splitCase',
  'moveSignals',
  'addNote',
  'updateCase',
  'setStep',
  'setMappings',
  'undo',
  'redo',
  'exportCase',
  'verifyCaseFile',
  'signerInfo',
  'chooseCaseFile',
  'openCaseFile',
  'answerPassphrase',
  'listTrustedSigners',
  'trustCaseFileSigner',
  'untrustSigner',
] as const satisfies readonly WorkbenchMethod[];

// Fails to compile when the contract gains a method this list lacks.
type Missing = Exclude<WorkbenchMethod, (typeof workbenchMethodNames)[number]>;
export const everyMethodListed: [Missing] extends [never] ? true : Missing = true;
