// MITRE ATLAS: the techniques that explain incidents where an AI agent, its tools or its credentials were the way in.
// IDs and names follow the ATLAS data releases up to 2026.09; ATLAS renames often (AML.T0053 was "LLM Plugin Compromise"
// until 5.0.0), so former names are kept in the description where search needs them.
import { defineEntry, type FrameworkEntry } from './types';

const urlOf = (code: string): string => `https://atlas.mitre.org/techniques/${code}`;

const entries: FrameworkEntry[] = [];
const names = new Map<string, string>();

// A technique; its name is remembered so its sub-techniques can be named the way ATLAS displays them.
function technique(code: string, name: string, description: string): void {
  names.set(code, name);
  entries.push(defineEntry('atlas', code, name, description, urlOf(code)));
}

// A sub-technique: the parent is the code without its last segment, so parent and name cannot drift apart.
function sub(code: string, name: string, description: string): void {
  const parent = code.slice(0, code.lastIndexOf('.'));
  const parentName = names.get(parent);
  if (parentName === undefined) throw new Error(`ATLAS catalogue: ${code} is listed before its technique ${parent}`);
  entries.push(defineEntry('atlas', code, `${parentName}: ${name}`, description, urlOf(code), { parent }));
}

// Getting the model or agent to obey the adversary
technique('AML.T0051', 'LLM Prompt Injection', 'Crafted input makes an LLM follow the adversary\'s instructions instead of its intended ones.');
sub('AML.T0051.000', 'Direct', 'The adversary types the malicious instructions into the model or agent themselves.');
sub('AML.T0051.001', 'Indirect', 'Malicious instructions hide in content the agent reads, such as a web page, email, ticket or document.');
sub('AML.T0051.002', 'Triggered', 'Planted instructions lie dormant until a later event or user action makes the agent act on them.');
technique('AML.T0054', 'LLM Jailbreak', 'Prompts are crafted to get a model past its safety controls and guardrails.');
technique('AML.T0093', 'Prompt Infiltration via Public-Facing Application', 'Instructions are slipped into a public-facing app or channel that an AI system later ingests.');
technique('AML.T0053', 'AI Agent Tool Invocation', 'An agent is made to call its tools, such as plugins, APIs or MCP servers, on the adversary\'s behalf (formerly LLM Plugin Compromise).');
technique('AML.T0080', 'AI Agent Context Poisoning', 'The context an agent carries between steps is poisoned so later actions follow the adversary.');
sub('AML.T0080.000', 'Memory', 'False instructions or facts are written into an agent\'s long-term memory so they persist across sessions.');
sub('AML.T0080.001', 'Thread', 'A conversation thread is seeded with instructions that steer the agent for the rest of that thread.');
technique('AML.T0081', 'Modify AI Agent Configuration', 'An agent\'s configuration, such as its instructions, tools or permissions, is changed to persist or widen access.');
technique('AML.T0084', 'Discover AI Agent Configuration', 'The adversary learns how an agent is set up, including its knowledge, tools and triggers.');
sub('AML.T0084.001', 'Tool Definitions', 'The tools an agent can call, and their parameters, are enumerated to find ones worth abusing.');

// Credentials held by or reachable through AI systems
technique('AML.T0055', 'Unsecured Credentials', 'Credentials left in AI artifacts, notebooks, prompts or config are collected.');
technique('AML.T0082', 'RAG Credential Harvesting', 'An agent is used to search its retrieval sources for credentials that were indexed there.');
technique('AML.T0083', 'Credentials from AI Agent Configuration', 'API keys and tokens stored in an agent\'s configuration or tool settings are taken.');
technique('AML.T0098', 'AI Agent Tool Credential Harvesting', 'An agent\'s tools are made to fetch secrets, such as environment variables or vault entries, and hand them over.');
technique('AML.T0012', 'Valid Accounts', 'Existing account credentials are used to reach AI services, models or agents.');
technique('AML.T0091', 'Use Alternate Authentication Material', 'Stolen tokens or cookies are presented to AI services instead of signing in.');
sub('AML.T0091.000', 'Application Access Token', 'An application or API token taken from an AI system is replayed to act as that system.');

// Collection, exfiltration and impact through AI systems
technique('AML.T0085', 'Data from AI Services', 'Data reachable through AI services, such as RAG stores or agent tools, is gathered.');
sub('AML.T0085.001', 'AI Agent Tools', 'An agent\'s tools are used to pull data from the systems they connect to.');
technique('AML.T0057', 'LLM Data Leakage', 'A model or agent is made to reveal sensitive data it was given or can reach.');
technique('AML.T0024', 'Exfiltration via AI Inference API', 'Information is extracted through the outputs of an AI inference API.');
technique('AML.T0086', 'Exfiltration via AI Agent Tool Invocation', 'An agent is made to send data out through one of its tools, such as email, HTTP requests or file uploads.');
technique('AML.T0101', 'Data Destruction via AI Agent Tool Invocation', 'An agent is made to delete or overwrite data using the tools it holds.');
technique('AML.T0034', 'Cost Harvesting', 'AI services are run at the victim\'s expense, driving up cost or exhausting quotas.');
sub('AML.T0034.002', 'Agentic Resource Consumption', 'An agent is driven into long or looping work that burns compute, tokens or paid tool calls.');
technique('AML.T0040', 'AI Model Inference API Access', 'The adversary gains access to a model\'s inference API, legitimately or with stolen credentials.');
technique('AML.T0096', 'AI Service API', 'A legitimate AI service\'s API is used by the adversary, for example as a covert command and control channel.');

// Supply chain of agents and their tools
technique('AML.T0010', 'AI Supply Chain Compromise', 'Models, data, software or tools an AI system depends on are compromised before they reach the victim.');
sub('AML.T0010.005', 'AI Agent Tool', 'A tool or MCP server that agents install is compromised at its source.');
technique('AML.T0110', 'AI Agent Tool Poisoning', 'A tool\'s definition, implementation or responses are poisoned so agents that use it act for the adversary.');
technique('AML.T0070', 'RAG Poisoning', 'Malicious content is planted in a retrieval store so it is fed to the model as trusted context.');

/** The ATLAS techniques and sub-techniques the app ships, each technique before its sub-techniques. */
export const ATLAS: readonly FrameworkEntry[] = entries;
