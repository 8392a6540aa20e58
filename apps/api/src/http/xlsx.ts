import type { Response } from 'express';
import ExcelJS from 'exceljs';

/** One column of a spreadsheet export: a Chinese header, the row's value, a width in characters. */
export interface XlsxColumn<Row> {
  header: string;
  value: (row: Row) => string | number | Date | null | undefined;
  width?: number;
}

export interface XlsxExport<Row> {
  /** File name offered to the browser, e.g. `诉求-2026-12-03.xlsx`. */
  filename: string;
  sheet: string;
  columns: readonly XlsxColumn<Row>[];
  rows: AsyncIterable<Row> | Iterable<Row>;
}

/**
 * Stream a workbook to the response: rows are written and flushed as they come, so a large export never sits in
 * memory as a whole (exceljs' streaming writer; the non-streaming one needs ~7x the memory).
 */
export async function sendXlsx<Row>(res: Response, doc: XlsxExport<Row>): Promise<number> {
  res.status(200);
  res.setHeader('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  res.setHeader('content-disposition', `attachment; filename="export.xlsx"; filename*=UTF-8''${encodeURIComponent(doc.filename)}`);
  res.setHeader('cache-control', 'no-store');
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: res, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet(doc.sheet, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = doc.columns.map((c, i) => ({ header: c.header, key: String(i), width: c.width ?? Math.max(10, c.header.length * 2 + 2) }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  let count = 0;
  for await (const row of doc.rows) {
    sheet.addRow(doc.columns.map((c) => c.value(row) ?? null)).commit();
    count += 1;
  }
  sheet.commit();
  await workbook.commit();
  return count;
}

/** Read the first sheet of an uploaded workbook row by row: header names (trimmed) to cell text. */
export async function* readXlsxRows(body: Buffer): AsyncGenerator<{ rowNumber: number; values: Record<string, string> }> {
  const { Readable } = await import('node:stream');
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from(body), { sharedStrings: 'cache', styles: 'ignore', hyperlinks: 'ignore', worksheets: 'emit', entries: 'emit' });
  let headers: string[] | null = null;
  for await (const sheet of reader) {
    for await (const row of sheet) {
      const cells = (row.values as unknown[]).slice(1).map(cellText);
      if (!headers) {
        headers = cells.map((h) => h.trim());
        continue;
      }
      if (cells.every((c) => c.trim() === '')) continue;
      const values: Record<string, string> = {};
      headers.forEach((h, i) => {
        if (h) values[h] = (cells[i] ?? '').trim();
      });
      yield { rowNumber: row.number, values };
    }
    break; // the first sheet only
  }
}

function cellText(value: unknown): string {
  if (value == null) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    const v = value as { text?: unknown; result?: unknown; richText?: { text: string }[] };
    if (v.richText) return v.richText.map((r) => r.text).join('');
    if (v.text != null) return String(v.text);
    if (v.result != null) return String(v.result);
    return '';
  }
  return String(value);
}
