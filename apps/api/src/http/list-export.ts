/**
 * A spreadsheet export of a list the GraphQL API already serves: rows come page by page from the same list function
 * as the query (so its access policy and filters are the query's own), each page is turned into spreadsheet rows
 * with the names it needs looked up once per page, and the workbook is streamed as the pages come.
 */
import type { Request } from 'express';
import type { Context } from '../graphql/context.js';
import { UserFacingError } from '../graphql/errors.js';
import { HttpError, registerHttpRoute } from './registry.js';
import { sendXlsx, type XlsxColumn } from './xlsx.js';

/** Rows fetched per statement while streaming. */
const BATCH = 500;

/** One query-string parameter, trimmed; null when absent or blank; given twice it is a 400. */
export function queryParam(req: Request, name: string): string | null {
  const value = req.query[name];
  if (value == null) return null;
  if (typeof value !== 'string') throw new HttpError(400, 'INVALID_FILTER', `筛选条件 ${name} 只能有一个值`);
  return value.trim() === '' ? null : value.trim();
}

export interface ListExport<Filter, Item, Row> {
  /** The route, e.g. `/export/decisions.xlsx` (GET, for signed-in staff). */
  path: string;
  /** The query string as the list's filter; a value that cannot be right throws an HttpError 400. */
  filter: (req: Request) => Filter;
  /** One page of the list, as the GraphQL query reads it: up to `limit + 1` items (one more says more follow). */
  list: (ctx: Context, filter: Filter, page: { offset: number; limit: number }) => Promise<Item[]>;
  /** The spreadsheet rows of one page; `before` is how many rows the file already holds. */
  rows: (ctx: Context, page: Item[], before: number) => Promise<Row[]>;
  /** File name offered to the browser (with the day, e.g. `党建项目台账-2026-12-03.xlsx`). */
  filename: () => string;
  sheet: string;
  columns: readonly XlsxColumn<Row>[];
  /** The most rows one file holds; a larger list should be narrowed by its filters first. */
  maxRows: number;
}

/** Register `GET <path>`: the filter is read and the first page fetched before the file starts, so a bad filter is a 400. */
export function registerListExport<Filter, Item, Row>(spec: ListExport<Filter, Item, Row>): void {
  const pageAt = async (ctx: Context, filter: Filter, offset: number): Promise<Item[]> => {
    try {
      return await spec.list(ctx, filter, { offset, limit: Math.min(BATCH, spec.maxRows - offset) });
    } catch (error) {
      if (error instanceof UserFacingError) throw new HttpError(400, 'INVALID_FILTER', error.message);
      throw error;
    }
  };

  async function* rows(ctx: Context, filter: Filter, first: Item[]): AsyncGenerator<Row> {
    let written = 0;
    for (let offset = 0; offset < spec.maxRows; offset += BATCH) {
      const page = offset === 0 ? first : await pageAt(ctx, filter, offset);
      const batch = page.slice(0, Math.min(BATCH, spec.maxRows - offset));
      if (batch.length === 0) return;
      for (const row of await spec.rows(ctx, batch, written)) {
        written += 1;
        yield row;
      }
      if (page.length <= batch.length) return;
    }
  }

  registerHttpRoute({
    method: 'GET',
    path: spec.path,
    auth: 'staff',
    handler: async (ctx, req, res) => {
      const filter = spec.filter(req);
      const first = await pageAt(ctx, filter, 0);
      await sendXlsx(res, { filename: spec.filename(), sheet: spec.sheet, columns: spec.columns, rows: rows(ctx, filter, first) });
    },
  });
}
