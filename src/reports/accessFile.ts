import type { Lang } from '../i18n.ts';
import type { Policy } from '../policy/load.ts';
import type { AccessReport, ExportFormat } from '../services/accessReport.ts';
import { exportJson } from '../services/privacy.ts';
import { accessHtml } from './accessHtml.ts';
import { accessPdf } from './accessPdf.ts';
import { accessDocument } from './accessReport.ts';

/** The answer to an access request in its format: JSON for machines, the page or the PDF the person reads. */
export async function accessFile(
  report: AccessReport,
  policy: Policy,
  format: ExportFormat,
  lang: Lang,
): Promise<Buffer> {
  if (format === 'json') return Buffer.from(`${JSON.stringify(exportJson(report), null, 2)}\n`);
  const doc = accessDocument(report, policy, lang);
  if (format === 'html') return Buffer.from(accessHtml(doc));
  return accessPdf(doc, { author: report.controller?.name ?? report.policy.name, at: report.at });
}
