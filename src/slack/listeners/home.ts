import type { App } from '@slack/bolt';
import { homeFacts } from '../../services/home.ts';
import { homeView } from '../blocks/home.ts';
import { depsOf, type SlackDeps, slackActor } from './kit.ts';

/** Builds one user's App Home from what the service lets them see. */
export async function buildHome(deps: SlackDeps, userId: string) {
  const lang = await deps.people.lang(userId);
  const facts = await homeFacts(deps.ctx, await slackActor(deps, userId));
  return homeView(facts, deps.ctx.policy, lang);
}

export function register(app: App): void {
  app.event('app_home_opened', async ({ event, client, context }) => {
    if (event.tab && event.tab !== 'home') return;
    const deps = depsOf(context);
    try {
      await client.views.publish({ user_id: event.user, view: await buildHome(deps, event.user) });
    } catch (error) {
      deps.logger.warn(`App Home not published: ${(error as Error).message}`);
    }
  });
}
