export const pageSize = 25;
const maxPage = 1_000_000;

/** `?page=` as a 1-based page number; anything unusable is the first page. */
export async function pageFrom(searchParams: Promise<Record<string, string | string[] | undefined>>) {
  const raw = (await searchParams).page;
  const parsed = Number(Array.isArray(raw) ? raw[0] : raw);
  const page = Number.isSafeInteger(parsed) && parsed >= 1 && parsed <= maxPage ? parsed : 1;
  return { page, limit: pageSize, offset: (page - 1) * pageSize };
}
