// Types of test/support/postgres.js (plain JavaScript, so `node test/support/postgres.js` runs it).

/** A throwaway PostgreSQL server: its URL, the certificate its TLS chains to, and how to stop it. */
export interface ThrowawayPostgres {
  url: string;
  ca: string | null;
  stop(): Promise<void>;
}

export function startPostgres(): Promise<ThrowawayPostgres>;
export function testDatabaseUrl(): Promise<string>;
export function testDatabaseCa(): Promise<string | null>;
export function stopTestDatabase(): Promise<void>;
export function schemaName(): string;
export function dropSchemas(url: string, names: string[]): Promise<void>;
