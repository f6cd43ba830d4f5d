import { describe, expect, it, vi } from 'vitest';
import { allItems, allPages, PAGE_LIMIT, type Page, type Paging } from './pages';

describe('allPages', () => {
  it('follows the cursors from the first page to the last, keeping the order', async () => {
    const pages: Record<string, Page<number>> = {
      first: { items: [1, 2], nextCursor: 'a' },
      a: { items: [3, 4], nextCursor: 'b' },
      b: { items: [5], nextCursor: null },
    };
    const fetchPage = vi.fn(async (cursor: string | undefined): Promise<Page<number>> => pages[cursor ?? 'first']!);

    expect(await allPages(fetchPage)).toEqual([1, 2, 3, 4, 5]);
    expect(fetchPage.mock.calls.map(([cursor]) => cursor)).toEqual([undefined, 'a', 'b']);
  });

  it('asks once when everything fits on the first page', async () => {
    const fetchPage = vi.fn(async () => ({ items: ['only'], nextCursor: undefined }));

    expect(await allPages(fetchPage)).toEqual(['only']);
    expect(fetchPage).toHaveBeenCalledTimes(1);
  });

  it('stops with an error when a cursor comes back, rather than asking for ever', async () => {
    await expect(allPages(async () => ({ items: [1], nextCursor: 'again' }))).rejects.toThrow('repeated');
  });
});

describe('allItems', () => {
  it('asks for the largest pages, gives each next cursor back, and picks the list out of each answer', async () => {
    const answers: Record<string, { users: string[]; nextCursor?: string }> = {
      first: { users: ['ada', 'ben'], nextCursor: 'c1' },
      c1: { users: ['cy'] },
    };
    const fetchPage = vi.fn(async (paging: Paging) => answers[paging.cursor ?? 'first']!);

    expect(await allItems(fetchPage, (page) => page.users)).toEqual(['ada', 'ben', 'cy']);
    expect(fetchPage.mock.calls.map(([paging]) => paging)).toEqual([
      { limit: PAGE_LIMIT },
      { limit: PAGE_LIMIT, cursor: 'c1' },
    ]);
  });
});
