import type { Channel } from '../domain/contacts.ts';
import { localDay, startOfDay } from '../domain/time.ts';
import { VERDICTS, type Verdict } from '../domain/verdict.ts';
import type { Actor } from '../policy/access.ts';
import type { DecisionStats, HourCount } from '../store/index.ts';
import type { AppContext } from './context.ts';
import { type RolesOf, type Team, teamsOf } from './overviewTeams.ts';
import { audited, requireRole } from './permissions.ts';

export type { RolesOf, Team };

/** How many local weeks the overview shows (the current one last), and how many rules and askers it names. */
export const OVERVIEW_WEEKS = 12;
const TOP_RULES = 10;
const TOP_ASKERS = 20;

/** One number per week of the overview, oldest first. */
export type Weekly = number[];
export type ByVerdict = Record<Verdict, number>;

export interface OverviewView {
  /** The start of each local week (Monday 00:00 in the policy's time zone), oldest first. */
  weeks: Date[];
  /** Questions per week by verdict, and by channel (only the channels asked about). */
  verdicts: Record<Verdict, Weekly>;
  channels: Array<{ channel: Channel; weeks: Weekly; verdicts: ByVerdict }>;
  /** The rules behind most blocks and reviews over the weeks, with their weekly blocks and reviews. */
  rules: Array<{ rule: string; verdicts: ByVerdict; weeks: Weekly }>;
  objections: Weekly;
  /** Questions per week by team (overviewTeams.ts), and the askers who asked most. */
  teams: Array<{ team: Team; weeks: Weekly; total: number }>;
  askers: Array<{ askedBy: string; team: Team; total: number }>;
}

const DAY_MS = 86_400_000;
const dayShift = (day: string, days: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

/** The starts of the last `count` local weeks (Monday 00:00 in `zone`), and the end of the current one. */
export function localWeeks(now: Date, zone: string, count: number): { starts: Date[]; end: Date } {
  const today = localDay(now, zone);
  const monday = dayShift(today, -((new Date(`${today}T00:00:00Z`).getUTCDay() + 6) % 7));
  const starts = Array.from({ length: count }, (_, i) =>
    startOfDay(dayShift(monday, (i - count + 1) * 7), zone),
  );
  return { starts, end: startOfDay(dayShift(monday, 7), zone) };
}

/** The week an hour falls in (-1 before the first). */
function weekOf(starts: Date[], hour: string): number {
  const ms = Date.parse(hour);
  let week = -1;
  for (const [i, start] of starts.entries()) if (start.getTime() <= ms) week = i;
  return week;
}

const zeros = (): Weekly => Array.from({ length: OVERVIEW_WEEKS }, () => 0);
const noVerdicts = (): ByVerdict => ({ allow: 0, review: 0, block: 0 });
const isVerdict = (v: string): v is Verdict => (VERDICTS as readonly string[]).includes(v);
const add = (weeks: Weekly, week: number, n: number) => {
  weeks[week] = (weeks[week] ?? 0) + n;
};
const total = (weeks: Weekly) => weeks.reduce((a, b) => a + b, 0);

function slot<T>(map: Map<string, T>, key: string, make: () => T): T {
  const found = map.get(key);
  if (found) return found;
  const made = make();
  map.set(key, made);
  return made;
}

/** Verdicts per week, overall and by channel, and the top rules blocking or asking for review. */
function verdictsOf(stats: DecisionStats, starts: Date[]) {
  const verdicts = { allow: zeros(), review: zeros(), block: zeros() };
  const channels = new Map<string, { channel: Channel; weeks: Weekly; verdicts: ByVerdict }>();
  for (const a of stats.asked) {
    const week = weekOf(starts, a.hour);
    if (week < 0 || !isVerdict(a.verdict)) continue;
    add(verdicts[a.verdict], week, a.count);
    const line = slot(channels, a.channel, () => ({
      channel: a.channel,
      weeks: zeros(),
      verdicts: noVerdicts(),
    }));
    add(line.weeks, week, a.count);
    line.verdicts[a.verdict] += a.count;
  }
  const rules = new Map<string, { rule: string; verdicts: ByVerdict; weeks: Weekly }>();
  for (const r of stats.rules) {
    const week = weekOf(starts, r.hour);
    if (week < 0 || !isVerdict(r.verdict)) continue;
    const line = slot(rules, r.rule, () => ({ rule: r.rule, verdicts: noVerdicts(), weeks: zeros() }));
    line.verdicts[r.verdict] += r.count;
    if (r.verdict !== 'allow') add(line.weeks, week, r.count);
  }
  const weight = (l: { verdicts: ByVerdict }) => l.verdicts.block + l.verdicts.review;
  const top = [...rules.values()]
    .filter((l) => weight(l) > 0)
    .sort((a, b) => weight(b) - weight(a) || a.rule.localeCompare(b.rule))
    .slice(0, TOP_RULES);
  return {
    verdicts,
    channels: [...channels.values()].sort((a, b) => total(b.weeks) - total(a.weeks)),
    rules: top,
  };
}

/** Questions per week by team, and the askers who asked most over the weeks. */
async function teamsWithin(stats: DecisionStats, starts: Date[], rolesOf: RolesOf) {
  const teamOf = await teamsOf(
    stats.asked.map((a) => a.askedBy),
    rolesOf,
  );
  const teams = new Map<string, { team: Team; weeks: Weekly; total: number }>();
  const askers = new Map<string, { askedBy: string; team: Team; total: number }>();
  for (const a of stats.asked) {
    const week = weekOf(starts, a.hour);
    const team = teamOf.get(a.askedBy) ?? 'other';
    if (week < 0) continue;
    const line = slot(teams, team, () => ({ team, weeks: zeros(), total: 0 }));
    add(line.weeks, week, a.count);
    line.total += a.count;
    slot(askers, a.askedBy, () => ({ askedBy: a.askedBy, team, total: 0 })).total += a.count;
  }
  const byTotal = <T extends { total: number }>(list: Iterable<T>) =>
    [...list].sort((a, b) => b.total - a.total);
  return { teams: byTotal(teams.values()), askers: byTotal(askers.values()).slice(0, TOP_ASKERS) };
}

function objectionsWithin(hours: HourCount[], starts: Date[]): Weekly {
  const weeks = zeros();
  for (const h of hours) {
    const week = weekOf(starts, h.hour);
    if (week >= 0) add(weeks, week, h.count);
  }
  return weeks;
}

/**
 * The console's overview of the last 12 local weeks: verdicts by channel and by rule, objections, questions by
 * team. Read from the store's counts (decisionStats, objectionStats: a few thousand numbers, never the decision
 * log nor the register), for the roles that see contacts; audited.
 */
export async function overview(ctx: AppContext, actor: Actor, rolesOf: RolesOf): Promise<OverviewView> {
  await requireRole(ctx, actor, 'see_contacts', 'overview.view');
  const { starts, end } = localWeeks(ctx.clock(), ctx.policy.timeZone, OVERVIEW_WEEKS);
  const since = starts[0] as Date;
  const [stats, objections] = await Promise.all([
    ctx.store.decisionStats(since, end),
    ctx.store.objectionStats(since, end),
  ]);
  const view: OverviewView = {
    weeks: starts,
    ...verdictsOf(stats, starts),
    objections: objectionsWithin(objections, starts),
    ...(await teamsWithin(stats, starts, rolesOf)),
  };
  await audited(ctx, actor, 'overview.view');
  return view;
}
