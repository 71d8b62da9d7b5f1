// Streaming tables: the same typed columns written as CSV (RFC 4180, UTF-8 with BOM, safe to
// open in a spreadsheet) or as XLSX (typed cells, frozen header) through exceljs's streaming
// writer. Rows go out batch by batch; nothing holds the whole export in memory.
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { stringify as stringifySync } from 'csv-stringify/sync';
import { createRequire } from 'node:module';
import type ExcelJSModule from 'exceljs';

export type TableFormat = 'csv' | 'xlsx';
export const TABLE_FORMATS: readonly TableFormat[] = ['csv', 'xlsx'];

/**
 * text: any string. date: 'YYYY-MM-DD' (or a Date, read as its UTC day). datetime: a Date (UTC).
 * amount: a decimal string with two decimals ('-12.50'), never a float until the XLSX cell.
 * integer: a whole number (or a bigint / digit string such as an audit event id).
 */
export type CellType = 'text' | 'date' | 'datetime' | 'amount' | 'integer';
export type CellValue = string | number | bigint | Date | null | undefined;

export interface Column<R> {
  header: string;
  type: CellType;
  /** Character width in XLSX. */
  width?: number;
  value: (row: R) => CellValue;
}

export interface TableWriter<R> {
  /** Writes rows; resolves when the destination can take more (back-pressure). */
  write(rows: readonly R[]): Promise<void>;
  /** Finishes the file and resolves once every byte is written to the destination. */
  end(): Promise<void>;
  /** Stops after a failure: the destination is destroyed. */
  abort(err: Error): void;
}

/** Cells a spreadsheet would run as a formula (=, +, -, @, and tab / CR that some strip first). */
const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;

/**
 * CSV injection guard: a text cell that starts like a formula gets a leading single quote,
 * which spreadsheets show as text. A plain number ('-12.50') is left alone: it is no formula.
 */
export function csvSafe(text: string): string {
  return FORMULA_START.test(text) && !PLAIN_NUMBER.test(text) ? `'${text}` : text;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

export function isoDay(d: Date): string {
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** '2026-03-01T09:05:00.000Z': unambiguous, sorts as text, parsed by every tool. */
function isoInstant(d: Date): string {
  return d.toISOString();
}

export function csvCell(type: CellType, v: CellValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return type === 'date' ? isoDay(v) : isoInstant(v);
  if (typeof v === 'bigint' || typeof v === 'number') return String(v);
  return csvSafe(v);
}

/** Largest amount whose double prints back to the same two-decimal string (15 significant digits). */
const EXACT_AMOUNT_LIMIT = 1e13;

export function xlsxCell(type: CellType, v: CellValue): string | number | Date | null {
  if (v === null || v === undefined || v === '') return null;
  switch (type) {
    case 'datetime':
      return v instanceof Date ? v : new Date(String(v));
    case 'date': {
      if (v instanceof Date) return new Date(Date.UTC(v.getUTCFullYear(), v.getUTCMonth(), v.getUTCDate()));
      const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(v));
      return m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : String(v);
    }
    case 'amount': {
      // The cell holds a double (that is what a spreadsheet number is); up to 15 significant
      // digits it shows exactly the stored decimal. Beyond that, the exact text is kept.
      const s = String(v);
      if (!PLAIN_NUMBER.test(s)) return s;
      const n = Number(s);
      return Math.abs(n) < EXACT_AMOUNT_LIMIT ? n : s;
    }
    case 'integer': {
      const n = typeof v === 'bigint' ? Number(v) : Number(v);
      return Number.isSafeInteger(n) ? n : String(v);
    }
    default:
      // Line breaks as Excel writes them (LF); XML would turn a CR into LF on reading anyway.
      return v instanceof Date ? v.toISOString() : String(v).replace(/\r\n?/g, '\n');
  }
}

const NUM_FMT: Partial<Record<CellType, string>> = {
  date: 'yyyy-mm-dd',
  datetime: 'yyyy-mm-dd hh:mm:ss',
  amount: '0.00',
  integer: '0',
};

/** An output given as a path is created only when the export really starts (after the checks). */
export type Destination = Writable | string;

export function openDestination(out: Destination): Writable {
  return typeof out === 'string' ? createWriteStream(out) : out;
}

export function openTable<R>(format: TableFormat, columns: readonly Column<R>[], dest: Destination, sheetName = 'Export'): TableWriter<R> {
  const out = openDestination(dest);
  return format === 'csv' ? csvTable(columns, out) : xlsxTable(columns, out, sheetName);
}

function csvTable<R>(columns: readonly Column<R>[], out: Writable): TableWriter<R> {
  // RFC 4180: CRLF record ends, fields quoted when they hold a comma, quote or line break,
  // quotes doubled. UTF-8 with a BOM so spreadsheet programs read accents correctly. Each batch
  // of rows becomes one chunk (much faster than a record at a time), written with back-pressure.
  const done = finished(out);
  done.catch(() => undefined);
  const options = { record_delimiter: 'windows', quote: '"', escape: '"', eof: true } as const;
  const put = async (chunk: string) => {
    if (!out.write(chunk)) await Promise.race([once(out, 'drain'), done]);
  };
  let started = false;
  const start = async () => {
    if (started) return;
    started = true;
    await put('\uFEFF' + stringifySync([columns.map((c) => c.header)], options));
  };
  return {
    async write(rows) {
      await start();
      if (rows.length === 0) return;
      await put(stringifySync(rows.map((r) => columns.map((c) => csvCell(c.type, c.value(r)))), options));
    },
    async end() {
      await start();
      out.end();
      await done;
    },
    abort(err) {
      out.destroy(err);
    },
  };
}

// Loaded on first XLSX export only: exceljs alone takes longer to load than the rest of a
// CLI command's start (npm run export for CSV, the bot, the worker).
const require = createRequire(import.meta.url);

function xlsxTable<R>(columns: readonly Column<R>[], out: Writable, sheetName: string): TableWriter<R> {
  const ExcelJS = require('exceljs') as typeof ExcelJSModule;
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const ws = wb.addWorksheet(sheetName.slice(0, 31), { views: [{ state: 'frozen', xSplit: 0, ySplit: 1, topLeftCell: 'A2', activeCell: 'A2' }] });
  ws.columns = columns.map((c, i) => ({
    key: `c${i}`,
    width: c.width ?? (c.type === 'datetime' ? 20 : c.type === 'date' ? 12 : c.type === 'amount' ? 14 : Math.max(12, c.header.length + 2)),
    ...(NUM_FMT[c.type] ? { style: { numFmt: NUM_FMT[c.type] } } : {}),
  }));
  // Column definitions carry no `header` (exceljs would then style it as data): the header row is ours, bold.
  const header = ws.addRow(columns.map((c) => c.header));
  header.font = { bold: true };
  header.commit();
  const drained = async () => {
    if (out.writableNeedDrain) await once(out, 'drain');
  };
  return {
    async write(rows) {
      for (const r of rows) {
        const row = ws.addRow(columns.map((c) => xlsxCell(c.type, c.value(r))));
        row.commit();
      }
      await drained();
    },
    async end() {
      ws.commit();
      await wb.commit();
    },
    abort(err) {
      out.destroy(err);
    },
  };
}

/**
 * Opens a table, lets `fill` write its rows, and ends it. On an error the destination is
 * destroyed (a half-written file never looks whole) and the error goes on.
 */
export async function fillTable<R>(table: TableWriter<R>, fill: () => Promise<void>): Promise<void> {
  try {
    await fill();
    await table.end();
  } catch (err) {
    table.abort(err as Error);
    throw err;
  }
}
