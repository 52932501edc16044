import { overview } from '../services/overview.ts';
import { type ConsoleApp, namesOf } from './kit.tsx';
import { OverviewPage } from './overview.tsx';

/**
 * The overview: the last weeks counted (verdicts by channel and rule, objections, questions by team). The team
 * of a Slack user is the role the workspace gives her now (actorOf); the askers named are named as Slack does.
 */
export function overviewRoutes(app: ConsoleApp): void {
  app.get('/overview', async (c) => {
    const { workspace, actor, page } = c.var.signed;
    const view = await overview(
      workspace.ctx,
      actor,
      async (userId) => (await workspace.actorOf(userId))?.roles,
    );
    const slackUsers = view.askers.flatMap((a) =>
      a.askedBy.startsWith('slack:') ? [a.askedBy.slice('slack:'.length)] : [],
    );
    const names = await namesOf(workspace, slackUsers);
    return c.html(<OverviewPage page={{ ...page, names }} policy={workspace.ctx.policy} view={view} />);
  });
}
