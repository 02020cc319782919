// The .env files (`.env.local`, …) for the command-line scripts, as `npm run dev` and `npm start` read
// them (scripts/serve.mjs), so a DATABASE_URL kept in .env.local reaches `npm run db:migrate` too.
// Import it first: variables already in the environment win, and lib/env.ts parses once.
import nextEnv from '@next/env';

nextEnv.loadEnvConfig(process.cwd(), process.env.NODE_ENV !== 'production');
