// NIST Cybersecurity Framework 2.0 (CSWP 29, February 2024): its six functions and 22 categories, which a case maps
// to when the question is "which outcome failed", not "what did the attacker do". Names match NIST's OSCAL catalogue.
import { defineEntry, type FrameworkEntry } from './types';

// NIST publishes no stable page per function or category, so every entry points at the framework document itself.
const CSF_URL = 'https://doi.org/10.6028/NIST.CSWP.29';

const fn = (code: string, name: string, description: string): FrameworkEntry =>
  defineEntry('nist-csf', code, name, description, CSF_URL);

// A category's function is the part of its code before the dot, so the parent is derived rather than typed twice.
const category = (code: string, name: string, description: string): FrameworkEntry =>
  defineEntry('nist-csf', code, name, description, CSF_URL, { parent: code.split('.')[0] });

/** The six CSF 2.0 functions, each followed by its categories. */
export const NIST_CSF: readonly FrameworkEntry[] = [
  fn('GV', 'Govern', 'The organization sets, communicates and watches over its cybersecurity risk strategy, expectations and policy.'),
  category('GV.OC', 'Organizational Context', 'The mission, stakeholders, dependencies and legal obligations that shape cybersecurity risk decisions are understood.'),
  category('GV.RM', 'Risk Management Strategy', 'Priorities, constraints, risk appetite and assumptions are agreed and used to guide operational risk decisions.'),
  category('GV.RR', 'Roles, Responsibilities, and Authorities', 'Who is accountable for cybersecurity, and with what authority, is set and communicated so performance can be improved.'),
  category('GV.PO', 'Policy', 'Cybersecurity policy is written, communicated and enforced across the organization.'),
  category('GV.OV', 'Oversight', 'Results of risk management activities are reviewed and used to adjust the strategy.'),
  category('GV.SC', 'Cybersecurity Supply Chain Risk Management', 'Risks that come from suppliers, vendors and other third parties are identified, assessed and managed.'),

  fn('ID', 'Identify', 'The organization understands its current cybersecurity risks.'),
  category('ID.AM', 'Asset Management', 'Hardware, software, services, data, people and other assets are inventoried and managed according to their importance.'),
  category('ID.RA', 'Risk Assessment', 'Threats, vulnerabilities and their likelihood and impact on the organization are understood.'),
  category('ID.IM', 'Improvement', 'Lessons from incidents, tests and daily operations feed back into better risk management.'),

  fn('PR', 'Protect', 'Safeguards are used to manage the organization\'s cybersecurity risks.'),
  category('PR.AA', 'Identity Management, Authentication, and Access Control', 'Access for users, services and hardware is limited to what is authorized and managed in proportion to the risk.'),
  category('PR.AT', 'Awareness and Training', 'Personnel get the awareness and training needed to carry out their cybersecurity duties.'),
  category('PR.DS', 'Data Security', 'Data is protected for confidentiality, integrity and availability in line with the risk strategy.'),
  category('PR.PS', 'Platform Security', 'Hardware, software and services of physical and virtual platforms are configured, maintained and logged securely.'),
  category('PR.IR', 'Technology Infrastructure Resilience', 'Security architecture keeps assets protected and the organization resilient to disruption.'),

  fn('DE', 'Detect', 'Possible attacks and compromises are found and analyzed.'),
  category('DE.CM', 'Continuous Monitoring', 'Assets are monitored to spot anomalies, indicators of compromise and other potentially adverse events.'),
  category('DE.AE', 'Adverse Event Analysis', 'Anomalies and indicators are analyzed to characterize events and recognize incidents.'),

  fn('RS', 'Respond', 'Action is taken on a detected cybersecurity incident.'),
  category('RS.MA', 'Incident Management', 'Responses to detected incidents are managed from triage through escalation.'),
  category('RS.AN', 'Incident Analysis', 'Investigations establish what happened and its root cause, and preserve evidence with its integrity.'),
  category('RS.CO', 'Incident Response Reporting and Communication', 'Response activities are coordinated and reported to internal and external stakeholders as required.'),
  category('RS.MI', 'Incident Mitigation', 'Activities are performed to contain an incident and stop it from spreading.'),

  fn('RC', 'Recover', 'Assets and operations affected by an incident are restored.'),
  category('RC.RP', 'Incident Recovery Plan Execution', 'Restoration activities bring affected systems and services back to normal operation.'),
  category('RC.CO', 'Incident Recovery Communication', 'Restoration activities and progress are coordinated and communicated with internal and external parties.'),
];
