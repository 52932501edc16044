import type { Context } from 'hono';
import { t } from '../i18n.ts';
import { purgeFingerprint } from '../retention/purge.ts';
import { deadlinesView } from '../services/deadlinesView.ts';
import { purgeOverdue } from '../services/retention.ts';
import { askRepermission, purgePreview } from '../services/retentionActs.ts';
import { DeadlinesPage, PurgeDone, PurgePreview } from './deadlines.tsx';
import { type ConsoleApp, type Env, formFields, namesOf, tell } from './kit.tsx';

/**
 * Deadlines: what falls due week by week, a re-permission noted, and the purge, always in two steps (the list
 * as it stands, then its confirmation), as Slack's modal and the CLI's question do.
 */
export function deadlineRoutes(app: ConsoleApp): void {
  app.get('/deadlines', async (c) => {
    const { workspace, actor, page } = c.var.signed;
    const view = await deadlinesView(workspace.ctx, actor);
    const names = await namesOf(
      workspace,
      view.due.map((d) => d.contact.owner),
    );
    return c.html(<DeadlinesPage page={{ ...page, names }} policy={workspace.ctx.policy} view={view} />);
  });
  app.post('/deadlines/repermission', async (c) => {
    const { workspace, actor, page } = c.var.signed;
    const field = await formFields(c);
    const contact = await askRepermission(
      workspace.ctx,
      actor,
      field('contact'),
      field('kind') || 'prospect',
    );
    if (!contact) return tell(c, page, t(page.lang, 'retention_gone'), 404, { problem: true });
    const who = contact.name ?? t(page.lang, 'web_unnamed');
    return tell(c, page, t(page.lang, 'retention_repermission_done', { who }), 200);
  });
  app.get('/deadlines/purge', (c) => preview(c));
  app.post('/deadlines/purge', async (c) => {
    const { workspace, actor, page } = c.var.signed;
    const field = await formFields(c);
    const at = new Date(field('at'));
    // Without the box ticked (the browser requires it: only a forged form lacks it), the list is shown again.
    if (Number.isNaN(at.getTime()) || field('understood') !== 'yes') return preview(c);
    const confirmed = { at, fingerprint: field('fingerprint') };
    // The purge role is checked again by the service: a form can be forged as well as a modal.
    const outcome = await purgeOverdue(workspace.ctx, actor, { confirmed });
    if (outcome.changed || outcome.list.length === 0) return preview(c, outcome.changed);
    return c.html(<PurgeDone page={page} outcome={outcome} />);
  });
}

/** The purge list as it stands now, for the purge role (refused and audited otherwise), with its confirmation. */
async function preview(c: Context<Env>, changed?: boolean) {
  const { workspace, actor, page } = c.var.signed;
  const at = workspace.ctx.clock();
  const lines = await purgePreview(workspace.ctx, actor, at);
  const names = await namesOf(
    workspace,
    lines.map((d) => d.contact.owner),
  );
  return c.html(
    <PurgePreview
      page={{ ...page, names }}
      policy={workspace.ctx.policy}
      lines={lines}
      at={at}
      fingerprint={purgeFingerprint(lines)}
      changed={changed}
    />,
  );
}
