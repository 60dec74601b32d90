import type { Executor } from './client';

/**
 * A query built once per database (or transaction) and then only executed with new placeholder values: the
 * hot reads skip drizzle's SQL building on every request, and the driver reuses its prepared statement.
 */
export function preparedFor<T>(build: (db: Executor) => T): (db: Executor) => T {
  const built = new WeakMap<Executor, T>();
  return (db) => {
    let query = built.get(db);
    if (!query) {
      query = build(db);
      built.set(db, query);
    }
    return query;
  };
}
