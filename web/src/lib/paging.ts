/**
 * Following the API's cursors (issue 12: every list route answers a page and `nextCursor`).
 * `allPages` reads a short list whole (the units' names, which every page needs); the pages
 * themselves show a "load more" button for long ones (results, rankings, claims).
 */

/** A page of a cursor-paged listing. */
export interface CursorPage {
  readonly nextCursor?: string | undefined;
}

/**
 * Every page, from the first (no cursor) to the last, as `fetchPage` answers them; stops at
 * `maxPages` (a bound, not a loop without end when a server repeats a cursor).
 */
export async function allPages<P extends CursorPage>(
  fetchPage: (cursor: string | undefined) => Promise<P>,
  maxPages = 100,
): Promise<P[]> {
  const pages: P[] = [];
  let cursor: string | undefined;
  do {
    const page = await fetchPage(cursor);
    pages.push(page);
    if (page.nextCursor === cursor) break;
    cursor = page.nextCursor;
  } while (cursor && pages.length < maxPages);
  return pages;
}
