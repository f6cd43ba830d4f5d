/** One page of a paged list (GET ...?limit=&cursor=): its items, and where the next page starts. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null | undefined;
}

/** The most a page holds (the contract's maximum): a long list takes few requests. */
export const PAGE_LIMIT = 500;

/**
 * Every item of a paged list, following `nextCursor` from the first page to the last. A cursor
 * that comes back again would never end, so it is an error.
 */
export async function allPages<T>(fetchPage: (cursor: string | undefined) => Promise<Page<T>>): Promise<T[]> {
  const items: T[] = [];
  const seen = new Set<string>();
  let cursor: string | undefined;
  for (;;) {
    const page = await fetchPage(cursor);
    items.push(...page.items);
    if (!page.nextCursor) return items;
    if (seen.has(page.nextCursor)) throw new Error('the list repeated a page');
    seen.add(page.nextCursor);
    cursor = page.nextCursor;
  }
}

/** The paging part of a list's query: the largest page, after `cursor` (absent: from the start). */
export interface Paging {
  limit: number;
  cursor?: string;
}

/**
 * Every item of a paged list of the API: `fetchPage` asks for one page with the given paging (in
 * its query), `items` picks the list out of the answer (`{users: [...], nextCursor}` and the like).
 */
export function allItems<P extends { nextCursor?: string | null }, T>(
  fetchPage: (paging: Paging) => Promise<P>,
  items: (page: P) => T[],
): Promise<T[]> {
  return allPages(async (cursor) => {
    const page = await fetchPage(cursor === undefined ? { limit: PAGE_LIMIT } : { limit: PAGE_LIMIT, cursor });
    return { items: items(page), nextCursor: page.nextCursor };
  });
}
