/** The query string of one page of a list: the filters that are set, the page size, and the cursor after the first page. */
export const pageQuery = (filters: object, limit: number, cursor: string | null): string => {
  const query = new URLSearchParams();
  Object.entries(filters).forEach(([name, value]) => {
    if (typeof value === 'string' && value !== '') query.set(name, value);
  });
  query.set('limit', String(limit));
  if (cursor !== null) query.set('cursor', cursor);
  return query.toString();
};
