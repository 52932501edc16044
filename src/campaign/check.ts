import { randomBytes } from 'node:crypto';
import type { Campaign } from '../domain/campaign.ts';
import type { Audience, Channel, SubjectFacts } from '../domain/contacts.ts';
import { CONSENT_PURPOSE_DEFAULT } from '../domain/contacts.ts';
import { type Identifier, maskIdentifier } from '../domain/identifiers.ts';
import { addDuration } from '../domain/time.ts';
import { SEVERITY, type Verdict } from '../domain/verdict.ts';
import { type Decision, decide } from '../policy/engine.ts';
import type { Policy } from '../policy/load.ts';
import { checkMessage } from './message.ts';
import { listHash, type RecipientList, sha256 } from './recipients.ts';

export interface CampaignInput {
  name: string;
  channel: Channel;
  product: string;
  audience: Audience;
  plannedStart: Date;
  plannedEnd?: Date;
  template: string;
  list: RecipientList;
  checkedBy: string;
}

export interface RecipientResult {
  line: number;
  target: Identifier;
  verdict: Verdict;
  /** The rules behind a review or block. */
  rules: string[];
}

export interface CampaignCheck {
  campaign: Campaign;
  results: RecipientResult[];
  list: RecipientList;
}

/** Recipients looked up and decided together; between slices the thread can answer others. */
const SLICE = 1000;
const SAMPLES = 3;

export const campaignId = () => `cmp-${randomBytes(4).toString('hex')}`;

/** The worst of the decisions at each planned time: a recipient is allowed only if every moment is. */
function worst(decisions: Decision[]): { verdict: Verdict; rules: string[]; audience: Audience } {
  const verdict = decisions.reduce<Verdict>(
    (w, d) => (SEVERITY[d.verdict] < SEVERITY[w] ? d.verdict : w),
    'allow',
  );
  const rules = new Set<string>();
  for (const d of decisions) {
    for (const reason of d.reasons)
      if (reason.verdict === verdict && verdict !== 'allow') rules.add(reason.rule);
  }
  return { verdict, rules: [...rules], audience: decisions[0]?.audience ?? 'b2c' };
}

/** What a check reads: the policy, the time of the check, and the facts about one recipient. */
export interface CheckSources {
  policy: Policy;
  now: Date;
  /** The facts about a slice of recipients, in order (one call per slice: a worker thread asks the store once). */
  subjectsOf: (targets: Identifier[]) => Promise<SubjectFacts[]>;
  /** Told how many recipients are done, every few hundred (progress in Slack or on a terminal). */
  onProgress?: (done: number, total: number) => void;
}

/**
 * Checks every recipient with the same engine as /can-i, at the campaign's planned start (and end), and the
 * message itself. Runs in slices so the app keeps answering other people meanwhile. The caller saves the result.
 */
export async function checkCampaign(sources: CheckSources, input: CampaignInput): Promise<CampaignCheck> {
  const { policy, now } = sources;
  const times = [input.plannedStart, ...(input.plannedEnd ? [input.plannedEnd] : [])];
  const request = { channel: input.channel, purpose: CONSENT_PURPOSE_DEFAULT, product: input.product };
  const campaignWideRules = new Set(policy.rules.filter((r) => r.campaign_wide).map((r) => r.id));

  const results: RecipientResult[] = [];
  const counts = { allow: 0, review: 0, block: 0 };
  const groups = new Map<
    string,
    { count: number; sample: { line: number; masked: string }[]; lines: number[] }
  >();
  const campaignWide = new Set<string>();
  let audienceMismatches = 0;
  const recipients = input.list.recipients;
  const slice = (from: number) =>
    sources.subjectsOf(recipients.slice(from, from + SLICE).map((r) => r.target));
  // The next slice's facts are asked for before this one is decided: in a worker thread, the store answers
  // while the engine runs.
  let next = recipients.length > 0 ? slice(0) : Promise.resolve([]);
  let subjects: SubjectFacts[] = [];
  for (const [i, { line, target }] of recipients.entries()) {
    if (i % SLICE === 0) {
      if (i > 0) {
        sources.onProgress?.(i, recipients.length);
        await new Promise((resolve) => setImmediate(resolve));
      }
      subjects = await next;
      if (i + SLICE < recipients.length) next = slice(i + SLICE);
    }
    const subject = subjects[i % SLICE] as SubjectFacts;
    const outcome = worst(times.map((at) => decide(request, subject, policy, at)));
    counts[outcome.verdict]++;
    if (outcome.audience !== input.audience) audienceMismatches++;
    results.push({ line, target, verdict: outcome.verdict, rules: outcome.rules });
    if (outcome.verdict === 'allow') continue;
    for (const rule of outcome.rules) {
      if (outcome.verdict === 'block' && campaignWideRules.has(rule)) campaignWide.add(rule);
      const key = `${outcome.verdict}:${rule}`;
      const group = groups.get(key) ?? { count: 0, sample: [], lines: [] };
      group.count++;
      group.lines.push(line);
      if (group.sample.length < SAMPLES) group.sample.push({ line, masked: maskIdentifier(target) });
      groups.set(key, group);
    }
  }

  const allowed = results.filter((r) => r.verdict === 'allow').map((r) => r.target.value);
  const campaign: Campaign = {
    id: campaignId(),
    name: input.name,
    channel: input.channel,
    product: input.product,
    audience: input.audience,
    plannedStart: input.plannedStart.toISOString(),
    plannedEnd: input.plannedEnd?.toISOString(),
    template: input.template,
    templateHash: sha256(input.template),
    listHash: input.list.hash,
    cleanedHash: listHash(allowed),
    input: { sha256: input.list.inputSha256, ...(input.list.pasted ? { pasted: true } : {}) },
    counts: {
      rows: input.list.rows,
      recipients: input.list.recipients.length,
      duplicates: input.list.duplicates,
      invalid: input.list.invalid.length,
      ...counts,
    },
    findings: checkMessage(input.template, input.channel, input.product, policy),
    groups: [...groups.entries()]
      .map(([key, group]) => {
        const [verdict, rule] = key.split(':') as [Verdict, string];
        return { verdict, rule, ...group };
      })
      .sort((a, b) => SEVERITY[a.verdict] - SEVERITY[b.verdict] || b.count - a.count),
    campaignWide: [...campaignWide],
    audienceMismatches,
    invalidLines: input.list.invalid.slice(0, 20).map(({ line }) => line),
    policyRevision: policy.revision,
    checkedAt: now.toISOString(),
    checkedBy: input.checkedBy,
    expiresAt: addDuration(now, policy.doc.campaign.check_validity, policy.timeZone).toISOString(),
    status: 'checked',
    history: [
      { at: now.toISOString(), by: input.checkedBy, event: 'checked', policyRevision: policy.revision },
    ],
  };
  return { campaign, results, list: input.list };
}
