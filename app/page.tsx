import { connection } from 'next/server';

import { HomePageBody } from '@/components/city/home-page-body';
import { getCities } from '@/lib/menus/cached';

export default async function HomePage() {
  // Rendered per request: nothing on this page may be baked in at build time.
  await connection();
  const { value: cities, cache } = await getCities();
  return <HomePageBody cities={cities} cache={cache} />;
}
