import type { Block, ReportDocument } from './accessDocument.ts';

/**
 * The access report as a PDF (pdfkit), the same document as the HTML page. The standard Helvetica font needs no
 * file and is embedded nowhere; it writes the Windows-1252 repertoire (every French letter, « », ’, œ, €), so a
 * character outside it is written as its closest letter (ł as l) rather than as a wrong glyph.
 */
export async function accessPdf(doc: ReportDocument, meta: { author: string; at: Date }): Promise<Buffer> {
  const { default: PDFDocument } = await import('pdfkit');
  const pdf = new PDFDocument({
    size: 'A4',
    margins: { top: 56, bottom: 64, left: 56, right: 56 },
    bufferPages: true,
    pdfVersion: '1.7',
    lang: doc.lang === 'fr' ? 'fr-FR' : 'en-GB',
    displayTitle: true,
    info: {
      Title: pdfText(doc.title),
      Author: pdfText(meta.author),
      Subject: pdfText(doc.subtitle),
      CreationDate: meta.at,
    },
  });
  const chunks: Buffer[] = [];
  pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    pdf.on('end', resolve);
    pdf.on('error', reject);
  });

  pdf.font('Helvetica-Bold').fontSize(18).fillColor('#1d1d1b').text(pdfText(doc.title));
  pdf.moveDown(0.3).font('Helvetica').fontSize(10).fillColor('#55554f').text(pdfText(doc.subtitle));
  for (const section of doc.sections) {
    pdf.moveDown(1.1).font('Helvetica-Bold').fontSize(13).fillColor('#1d1d1b');
    pdf.text(pdfText(section.heading));
    pdf.moveDown(0.3);
    for (const block of section.blocks) writeBlock(pdf, block, doc.lang);
  }
  pdf.moveDown(1.5).font('Helvetica').fontSize(8.5).fillColor('#55554f').text(pdfText(doc.footer));
  numberPages(pdf);
  pdf.end();
  await ended;
  return Buffer.concat(chunks);
}

type Pdf = InstanceType<typeof import('pdfkit')>;

function writeBlock(pdf: Pdf, block: Block, lang: 'fr' | 'en'): void {
  pdf.font('Helvetica').fontSize(10.5).fillColor('#1d1d1b');
  if ('p' in block) {
    pdf.text(pdfText(block.p), { lineGap: 2 }).moveDown(0.4);
    return;
  }
  if ('list' in block) {
    // Bullets drawn, not typed: the text read back from the PDF is the items' own.
    pdf.list(block.list.map(pdfText), { bulletRadius: 1.6, textIndent: 12, bulletIndent: 4, lineGap: 2 });
    pdf.moveDown(0.4);
    return;
  }
  const colon = lang === 'fr' ? ' : ' : ': ';
  for (const [label, value] of block.facts) {
    pdf.font('Helvetica-Bold').text(pdfText(`${label}${colon}`), { continued: true, lineGap: 2 });
    pdf.font('Helvetica').text(pdfText(value), { lineGap: 2 });
  }
  pdf.moveDown(0.4);
}

/** "1 / 3" at the foot of each page, once the number of pages is known. */
function numberPages(pdf: Pdf): void {
  const { start, count } = pdf.bufferedPageRange();
  for (let i = start; i < start + count; i++) {
    pdf.switchToPage(i);
    const bottom = pdf.page.margins.bottom;
    pdf.page.margins.bottom = 0; // writing in the margin must not open a new page
    pdf
      .font('Helvetica')
      .fontSize(8.5)
      .fillColor('#55554f')
      .text(`${i + 1} / ${count}`, pdf.page.margins.left, pdf.page.height - 40, {
        width: pdf.page.width - pdf.page.margins.left - pdf.page.margins.right,
        align: 'center',
        lineBreak: false,
      });
    pdf.page.margins.bottom = bottom;
  }
}

/** Windows-1252's characters beyond Latin-1 (0x80-0x9F): the standard fonts write these too. */
const CP1252_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');
/** Spaces the font lacks, as the no-break space it has (French puts thin spaces before ; : ! ?). */
const SPACES = /[\u2000-\u200a\u202f\u205f]/g;

/** Text the standard fonts can write: a letter they lack loses its accent, else becomes "?". */
export function pdfText(text: string): string {
  return [...text.replace(SPACES, '\u00a0')]
    .map((c) => {
      const code = c.codePointAt(0) ?? 0;
      if (code === 10 || (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff)) return c;
      if (CP1252_EXTRA.has(c)) return c;
      const bare = c.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
      if (bare !== c && [...bare].every((b) => (b.codePointAt(0) ?? 0) < 0x100)) return bare;
      return LOOKALIKE[c] ?? '?';
    })
    .join('');
}

const LOOKALIKE: Record<string, string> = {
  ł: 'l',
  Ł: 'L',
  đ: 'd',
  Đ: 'D',
  ı: 'i',
  ŀ: 'l',
  Ŀ: 'L',
  '→': '->',
};
