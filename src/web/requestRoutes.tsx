import type { Context } from 'hono';
import { parseTarget } from '../domain/identifiers.ts';
import { localDay } from '../domain/time.ts';
import { langOfLocale, t } from '../i18n.ts';
import { accessFile } from '../reports/accessFile.ts';
import { type ExportFormat, exportFormat } from '../services/accessReport.ts';
import { accessRequest, erasePerson, erasureSubject } from '../services/privacy.ts';
import { type ConsoleApp, type Env, formFields, tell } from './kit.tsx';
import { EraseConfirm, RequestsPage } from './requests.tsx';

const TYPES: Record<ExportFormat, string> = {
  json: 'application/json; charset=utf-8',
  html: 'text/html; charset=utf-8',
  pdf: 'application/pdf',
};

/**
 * Data-subject requests: the access export (a download, never shown inside the console) and the erasure, in two
 * steps as the CLI and Slack ask. The privacy-requests role is checked, and each act audited, by the services.
 */
export function requestRoutes(app: ConsoleApp): void {
  app.get('/requests', (c) => c.html(<RequestsPage page={c.var.signed.page} />));
  app.post('/requests/export', async (c) => {
    const { workspace, actor, page } = c.var.signed;
    const field = await formFields(c);
    const target = parseTarget(field('person'));
    const format = exportFormat(field('format') || 'html', undefined);
    const lang = langOfLocale(field('lang'), page.lang);
    const report = await accessRequest(workspace.ctx, target, actor, format);
    const data = await accessFile(report, workspace.ctx.policy, format, lang);
    // The file's name says what and when, never who: a downloads folder is not the register.
    const name = `${t(lang, 'web_export_file')}-${localDay(report.at, report.zone)}.${format}`;
    return c.body(new Uint8Array(data), 200, {
      'Content-Type': TYPES[format],
      'Content-Disposition': `attachment; filename="${name}"`,
    });
  });
  app.post('/requests/erase', async (c) => {
    const { workspace, actor, page } = c.var.signed;
    const typed = (await formFields(c))('person');
    const held = await erasureSubject(workspace.ctx, actor, parseTarget(typed));
    return c.html(<EraseConfirm page={page} typed={typed} {...held} />);
  });
  app.post('/requests/erase/confirm', async (c) => {
    const { workspace, actor } = c.var.signed;
    const field = await formFields(c);
    const target = parseTarget(field('person'));
    // Without the box ticked (the browser requires it: only a forged form lacks it), the confirmation again.
    if (field('understood') !== 'yes') return confirmAgain(c, field('person'));
    const removed = await erasePerson(workspace.ctx, target, actor);
    return done(c, removed);
  });
}

async function confirmAgain(c: Context<Env>, typed: string) {
  const { workspace, actor, page } = c.var.signed;
  const held = await erasureSubject(workspace.ctx, actor, parseTarget(typed));
  return c.html(<EraseConfirm page={page} typed={typed} {...held} />);
}

function done(
  c: Context<Env>,
  removed: Partial<Record<'contacts' | 'consents' | 'interactions' | 'decisions', number>>,
) {
  const { page } = c.var.signed;
  const text = t(page.lang, 'cli_erased', {
    contacts: 0,
    consents: 0,
    interactions: 0,
    decisions: 0,
    ...removed,
  });
  return tell(c, page, text, 200, { title: t(page.lang, 'web_erase_done_title') });
}
