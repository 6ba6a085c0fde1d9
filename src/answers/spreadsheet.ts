import { Readable } from 'node:stream';

/** One answer text in one language: a spreadsheet row. */
export interface AnswerRow {
  answer: string;
  language: string;
  text: string;
}

const COLUMNS = ['answer', 'language', 'text'] as const;
export type SheetFormat = 'xlsx' | 'csv';

/**
 * exceljs (and its zip libraries) loads on the first spreadsheet, not at start-up: it was a fifth of it.
 * `require`, not `import()`: the server's bundle runs compiled with a code cache (src/server/codeCache.ts),
 * where Node 20 imports only with an experimental loader.
 */
function newWorkbook() {
  const { Workbook } = require('exceljs') as typeof import('exceljs');
  return new Workbook();
}

/** The answers as an XLSX workbook or a CSV file (exceljs), with a header row. */
export async function writeAnswers(rows: AnswerRow[], format: SheetFormat): Promise<Buffer> {
  const workbook = newWorkbook();
  const sheet = workbook.addWorksheet('answers');
  sheet.columns = COLUMNS.map((key) => ({ header: key, key, width: key === 'text' ? 100 : 20 }));
  for (const row of rows) sheet.addRow(row);
  const data = format === 'xlsx' ? await workbook.xlsx.writeBuffer() : await workbook.csv.writeBuffer();
  return Buffer.from(data as ArrayBuffer);
}

/** Rows of the first sheet under an "answer, language, text" header, in any column order. */
export async function readAnswers(content: Buffer, format: SheetFormat): Promise<AnswerRow[]> {
  const workbook = newWorkbook();
  const sheet = format === 'xlsx' ? (await workbook.xlsx.load(content as unknown as ArrayBuffer), workbook.worksheets[0]) : await workbook.csv.read(Readable.from(content));
  if (!sheet) return [];
  const header = (sheet.getRow(1).values as unknown[]).map((v) => String(v ?? '').trim().toLowerCase());
  const at = Object.fromEntries(COLUMNS.map((key) => [key, header.indexOf(key)]));
  if (COLUMNS.some((key) => at[key] < 1)) throw new Error('the first row must name the columns answer, language and text');
  const rows: AnswerRow[] = [];
  sheet.eachRow((row, number) => {
    if (number === 1) return;
    const cell = (key: (typeof COLUMNS)[number]) => String(row.getCell(at[key]).text ?? '').trim();
    rows.push({ answer: cell('answer'), language: cell('language'), text: cell('text') });
  });
  return rows;
}
