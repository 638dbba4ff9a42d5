import { bigint, timestamp } from 'drizzle-orm/pg-core';

/** Ids are bigint identities inside and opaque strings outside (api.md). */
export const idColumn = () => bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity();
export const ref = (name: string) => bigint(name, { mode: 'number' });
export const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
