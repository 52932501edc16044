import type { OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { DROP_REASONS } from '../domain/campaign.ts';
import { InputError } from '../domain/errors.ts';
import { type Lang, t } from '../i18n.ts';
import { recheckCampaign } from '../services/campaignRecheck.ts';
import type { GuardVars } from './guard.ts';
import { ApiProblem, inputProblem } from './problems.ts';
import { recheckRoute } from './routes.ts';
import type { RecheckResult } from './schemas.ts';

type Api = OpenAPIHono<{ Variables: GuardVars }>;
type Ctx = Context<{ Variables: GuardVars }>;

/** A campaign that cannot be sent now: the campaign is there, the request is fine, its state says no. */
const CONFLICTS = new Set(['campaign_not_approved', 'campaign_over', 'campaign_list_not_kept']);

/**
 * The campaign's problems as HTTP says them. An unknown id is a 404 and reads the same whether or not another
 * register holds the id: a key sees its own register only.
 */
function asProblem(error: unknown): never {
  if (!(error instanceof InputError)) throw error;
  const base = inputProblem(error);
  if (error.problem === 'unknown_campaign')
    throw new ApiProblem(404, 'unknown_campaign', 'api_title_not_found', base.detail, { field: '/id' });
  if (CONFLICTS.has(error.problem))
    throw new ApiProblem(409, error.problem, 'api_title_invalid', base.detail);
  throw base;
}

/** POST /campaigns/{id}/recheck: what a sending tool asks right before it sends an approved campaign. */
export function registerCampaignRoutes(app: Api, who: (c: Ctx) => string, lang: (c: Ctx) => Lang): void {
  app.openapi(recheckRoute, async (c) => {
    const { id } = c.req.valid('param');
    const ctx = c.get('ctx');
    const done = await recheckCampaign(ctx, id, who(c), { collectAllowed: true }).catch(asProblem);
    // As a batch: one request per 100 recipients in the key's allowance (the first already counted).
    await c.get('charge')(Math.ceil(done.recheck.approved / 100) - 1);
    const language = lang(c);
    const r = done.recheck;
    const byReason = Object.fromEntries(
      DROP_REASONS.filter((k) => r.dropped[k]).map((k) => [k, r.dropped[k]]),
    );
    const body: z.infer<typeof RecheckResult> = {
      campaign: {
        id: done.campaign.id,
        name: done.campaign.name,
        channel: done.campaign.channel,
        status: done.campaign.status,
        plannedStart: done.campaign.plannedStart,
        ...(done.campaign.plannedEnd ? { plannedEnd: done.campaign.plannedEnd } : {}),
      },
      recheckedAt: r.at,
      decidedFor: r.decidedFor,
      policyRevision: r.policyRevision,
      counts: { approved: r.approved, allowed: r.allowed, dropped: done.dropped.length, byReason },
      allowed: (done.allowed ?? []).map((target) => target.value),
      dropped: done.dropped.map((d) => ({
        ...(d.target ? { target: d.target.value } : {}),
        line: d.line,
        reason: d.reason,
        why: t(language, `campaign_drop_reason_${d.reason}`),
        rules: d.rules,
      })),
    };
    return c.json(body, 200);
  });
}
