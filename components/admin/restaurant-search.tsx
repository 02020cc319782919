import { styles } from '@/components/admin/styles';

/** The city menu's first option: search every city. */
export const ALL_CITIES = 'all';

/**
 * City picker and search box as a plain GET form: the query lives in the URL (bookmarkable, back
 * button works) and it needs no JavaScript.
 */
export function RestaurantSearch({
  cities,
  city,
  search,
}: {
  cities: { slug: string; name: string }[];
  city?: string;
  search: string;
}) {
  return (
    <form key={`${city ?? ''}\u0000${search}`} method="get" action="/admin/restaurants" role="search" aria-label="Find restaurants" className="flex flex-wrap items-end gap-4">
      <div className="min-w-40">
        <label htmlFor="admin-city" className={styles.label}>
          City
        </label>
        <select id="admin-city" name="city" defaultValue={city} className={styles.input}>
          <option value={ALL_CITIES}>All cities</option>
          {cities.map((option) => (
            <option key={option.slug} value={option.slug}>
              {option.name}
            </option>
          ))}
        </select>
      </div>
      <div className="min-w-56 flex-1">
        <label htmlFor="admin-search" className={styles.label}>
          Name or cuisine
        </label>
        <input id="admin-search" name="q" type="search" defaultValue={search} placeholder="e.g. dosa, biryani" maxLength={100} className={styles.input} />
      </div>
      <button type="submit" className={styles.primaryButton}>
        Search
      </button>
    </form>
  );
}
