import type { Block, ReportDocument } from './accessDocument.ts';

/**
 * The access report as one standalone HTML page: every value escaped (a name or a proof reference comes from a
 * user or a file), the style inline, nothing fetched from elsewhere (no font, image or script: it opens offline,
 * in a mail client, and prints as it shows).
 */
export function accessHtml(doc: ReportDocument): string {
  return [
    '<!DOCTYPE html>',
    `<html lang="${doc.lang}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    // No resource may load: a page with personal data must not call out when it is opened.
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    `<title>${escapeHtml(doc.title)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    '<main>',
    `<h1>${escapeHtml(doc.title)}</h1>`,
    `<p class="subtitle">${escapeHtml(doc.subtitle)}</p>`,
    ...doc.sections.flatMap((section) => [
      '<section>',
      `<h2>${escapeHtml(section.heading)}</h2>`,
      ...section.blocks.map(blockHtml),
      '</section>',
    ]),
    `<footer>${escapeHtml(doc.footer)}</footer>`,
    '</main>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

function blockHtml(block: Block): string {
  if ('p' in block) return `<p>${escapeHtml(block.p)}</p>`;
  if ('list' in block) return `<ul>${block.list.map((item) => `<li>${escapeHtml(item)}</li>`).join('')}</ul>`;
  const rows = block.facts.map(
    ([label, value]) => `<tr><th scope="row">${escapeHtml(label)}</th><td>${escapeHtml(value)}</td></tr>`,
  );
  return `<table>${rows.join('')}</table>`;
}

/** Text as HTML shows it, never as markup: & < > " ' all escaped. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const STYLE = [
  'body{margin:0;background:#f4f4f1;color:#1d1d1b;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif}',
  'main{max-width:46rem;margin:0 auto;padding:2rem 1.5rem;background:#fff}',
  'h1{font-size:1.6rem;line-height:1.25;margin:0 0 .5rem}',
  'h2{font-size:1.15rem;margin:2rem 0 .5rem;padding-bottom:.25rem;border-bottom:1px solid #d6d6d0}',
  '.subtitle{color:#55554f;margin-top:0}',
  'table{border-collapse:collapse;width:100%}',
  'th,td{text-align:left;vertical-align:top;padding:.3rem .5rem;border-bottom:1px solid #ecece6}',
  'th{width:35%;font-weight:600}',
  'ul{padding-left:1.25rem}li{margin:.25rem 0}',
  'footer{margin-top:2.5rem;font-size:.85rem;color:#55554f}',
  '@media print{body{background:#fff;font-size:11pt}main{max-width:none;padding:0}h2{break-after:avoid}',
  'section{break-inside:avoid-page}}',
].join('');
