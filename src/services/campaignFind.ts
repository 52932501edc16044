import type { Campaign } from '../domain/campaign.ts';
import { InputError } from '../domain/errors.ts';
import type { AppContext } from './context.ts';

/**
 * A saved campaign by its id, or `unknown_campaign`. Apart from services/campaign.ts (which re-exports it) so
 * the recheck can find a campaign without importing what records and audits (no import cycle).
 */
export async function findCampaign(ctx: AppContext, id: string): Promise<Campaign> {
  const campaign = await ctx.store.findCampaign(id.trim());
  if (!campaign) throw new InputError('unknown_campaign', { value: id.trim() });
  return campaign;
}
