import { IN_CI, postgresAvailable, redisAvailable } from './support/services';

/** Under CI a missing service is a failure, never a quiet skip. */
export default async function setup() {
  if (!IN_CI) return;
  const [redis, postgres] = await Promise.all([redisAvailable(), postgresAvailable()]);
  const down = [!redis && 'Redis', !postgres && 'Postgres'].filter(Boolean);
  if (down.length > 0) throw new Error(`CI=true but ${down.join(' and ')} not reachable: start the services first`);
}
