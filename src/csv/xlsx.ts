/**
 * A table as an Excel workbook (one sheet). Every cell is written as text: Excel never runs it as a formula and
 * never turns a phone number or a postcode into a number. An empty row stays an empty row, so every other row
 * keeps its number. The library loads only when a workbook is asked for.
 */
export async function xlsxOf(rows: string[][], sheet = 'prospect-guard'): Promise<Buffer> {
  const { default: writeXlsxFile } = await import('write-excel-file/node');
  const data = rows.map((row) => row.map((value) => ({ value, type: String })));
  return writeXlsxFile(data, { sheet }).toBuffer();
}
