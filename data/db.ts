// The Prisma client (Prisma 7 talks to PostgreSQL through the pg driver adapter).
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '../generated/prisma/client';

export type Db = PrismaClient;

// A connection that cannot be made within 5 s fails (a stopped or unreachable server) instead
// of leaving a click waiting for ever.
export function createDb(url: string, poolSize = 10): Db {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max: poolSize, connectionTimeoutMillis: 5_000 }) });
}

/** A unique-constraint violation: the row is already there (an activity retry, a double click). */
export function isUniqueViolation(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: string }).code === 'P2002';
}
