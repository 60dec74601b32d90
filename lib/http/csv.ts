import { BadRequest } from './errors';
import type { Pagination } from './pagination';

/** The most rows one CSV export carries: past it the caller is asked to narrow the filters, never handed a cut list. */
export const exportRowLimit = 10_000;
const pageSize = 100;

/** Every row a list service matches, read through its own pages (so the export filters exactly as the list does). */
export async function allRows<T>(page: (pagination: Pagination) => Promise<{ rows: T[]; total: number }>): Promise<T[]> {
  const first = await page({ limit: pageSize, offset: 0 });
  if (first.total > exportRowLimit) {
    throw new BadRequest(`An export holds at most ${exportRowLimit} rows and these filters match ${first.total}; narrow them`);
  }
  const rows = [...first.rows];
  while (rows.length < first.total) {
    const next = await page({ limit: pageSize, offset: rows.length });
    if (next.rows.length === 0) break;
    rows.push(...next.rows);
  }
  return rows;
}

export interface CsvColumn<T> {
  header: string;
  value: (row: T) => string | number | boolean | null;
}

// A spreadsheet runs a cell starting with = + - @ (or a tab/CR) as a formula: such text is prefixed with ' (OWASP's advice).
const formulaStart = /^[=+\-@\t\r]/;

function csvCell(value: string | number | boolean | null): string {
  if (value === null) return '';
  const text = typeof value === 'string' && formulaStart.test(value) ? `'${value}` : String(value);
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** RFC 4180 CSV: a header row, then one line per row, fields quoted when they hold a comma, quote or line break. */
export function toCsv<T>(columns: CsvColumn<T>[], rows: T[]): string {
  const lines = [columns.map((column) => csvCell(column.header)), ...rows.map((row) => columns.map((column) => csvCell(column.value(row))))];
  return `${lines.map((line) => line.join(',')).join('\r\n')}\r\n`;
}
