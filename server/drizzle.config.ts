import { defineConfig } from 'drizzle-kit';

// One migrations folder, applied by both drivers (PGlite and node-postgres) at start.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/db/schema/index.ts',
  out: '../migrations',
});
