/** A LIKE pattern matching `query` anywhere, with the pattern characters escaped (use ESCAPE '\'). */
export function likePattern(query: string): string {
  return `%${query.replace(/[\\%_]/g, (c) => '\\' + c)}%`;
}
