import { EXCEL_SHAPE, fileText, safeCell } from '../csv/write.ts';
import { localDay } from '../domain/time.ts';
import { t } from '../i18n.ts';
import { type AuditFilter, auditEntries, auditPage } from '../services/audit.ts';
import type { AuditEntry } from '../store/index.ts';
import { AuditView, ENTRY_COLUMNS, entryCells } from './audit.tsx';
import { type ConsoleApp, formFields, namesOf, type WebWorkspace } from './kit.tsx';
import type { Page } from './layout.tsx';

/** The audit trail: a page of it by GET (filters in the URL: no person is ever one), its export by POST. */
export function auditRoutes(app: ConsoleApp): void {
  app.get('/audit', async (c) => {
    const { workspace, actor, page } = c.var.signed;
    const filter = filterOf((name) => c.req.query(name) ?? '');
    const at = Math.max(0, Math.min((Number.parseInt(c.req.query('page') ?? '', 10) || 1) - 1, 100_000));
    const result = await auditPage(workspace.ctx, actor, filter, at);
    const names = await slackNames(workspace, [...result.actors, ...result.entries.map((e) => e.actor)]);
    const zone = workspace.ctx.policy.doc.policy.time_zone;
    return c.html(
      <AuditView page={{ ...page, names }} zone={zone} filter={filter} result={result} at={at} />,
    );
  });
  app.post('/audit/export', async (c) => {
    const { workspace, actor, page } = c.var.signed;
    const filter = filterOf(await formFields(c));
    const entries = await auditEntries(workspace.ctx, actor, filter, 'export csv');
    const names = await slackNames(
      workspace,
      entries.map((e) => e.actor),
    );
    const { ctx } = workspace;
    const zone = ctx.policy.doc.policy.time_zone;
    const body = csvOf({ ...page, names }, zone, entries);
    return c.body(new Uint8Array(body), 200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="audit-${localDay(ctx.clock(), zone)}.csv"`,
    });
  });
}

/** The filters as typed, blank ones left out (a blank actor is "anyone", not the actor ""). */
function filterOf(field: (name: string) => string): AuditFilter {
  const filter: AuditFilter = {};
  for (const name of ['actor', 'action', 'since'] as const) {
    const value = field(name).trim();
    if (value) filter[name] = value;
  }
  return filter;
}

/** The Slack names of the `slack:U…` actors among these. */
function slackNames(workspace: WebWorkspace, actors: string[]) {
  return namesOf(
    workspace,
    actors.filter((a) => a.startsWith('slack:')).map((a) => a.slice('slack:'.length)),
  );
}

/**
 * The entries as the page words them, oldest first, for Excel (UTF-8 with a BOM, `;`), plus the raw actor id
 * and action code a later script can match on; each cell made safe from being run as a formula.
 */
function csvOf(page: Page, zone: string, entries: AuditEntry[]): Buffer {
  const header = [
    ...ENTRY_COLUMNS.map((key) => t(page.lang, key)),
    t(page.lang, 'web_col_actor_id'),
    t(page.lang, 'web_col_action_id'),
  ];
  const rows = entries.map((entry) => [...entryCells(page, zone, entry), entry.actor, entry.action]);
  const line = (cells: string[]) => cells.map((cell) => safeCell(cell, ';')).join(';');
  return fileText([header, ...rows].map(line), EXCEL_SHAPE);
}
