import writeXlsxFile from 'write-excel-file/node';

/**
 * Spreadsheet files as people's tools write them, made in the tests: an .xlsx with typed cells (numbers, dates,
 * booleans, text) by write-excel-file, and the zips that are not workbooks (an .ods, an archive).
 */

export type CellValue = string | number | boolean | Date | null;

/** A date cell as Excel keeps it: the wall-clock time, formatted as a French date (JJ/MM/AAAA). */
export const dateCell = (y: number, m: number, d: number, h = 0, min = 0) => ({
  value: new Date(Date.UTC(y, m - 1, d, h, min)),
  type: Date,
  format: h || min ? 'dd/mm/yyyy hh:mm' : 'dd/mm/yyyy',
});

function cell(value: CellValue | ReturnType<typeof dateCell>) {
  if (value === null) return null;
  if (typeof value === 'object' && !(value instanceof Date)) return value;
  if (typeof value === 'number') return { value, type: Number };
  if (typeof value === 'boolean') return { value, type: Boolean };
  if (value instanceof Date) return { value, type: Date, format: 'dd/mm/yyyy' };
  return { value, type: String };
}

/** A workbook of sheets, each a name and rows of typed values (an empty array is a blank row). */
export async function workbook(
  sheets: { name: string; rows: (CellValue | ReturnType<typeof dateCell>)[][] }[],
): Promise<Buffer> {
  const data = sheets.map((s) => ({ sheet: s.name, data: s.rows.map((row) => row.map(cell)) }));
  return writeXlsxFile(data as never).toBuffer();
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const b of bytes) c = (CRC_TABLE[(c ^ b) & 0xff] as number) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** A zip of stored (uncompressed) entries, as an .ods writes its mimetype first. */
export function storedZip(entries: { name: string; text: string }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name);
    const data = Buffer.from(entry.text);
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, data);
    centrals.push(central, name);
    offset += local.length + name.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** The first bytes of an OLE2 compound file: an Excel 97-2003 .xls (or a workbook encrypted by Excel). */
export const XLS_BYTES = Buffer.concat([
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
  Buffer.alloc(504),
]);
