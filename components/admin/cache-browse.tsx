import { styles } from '@/components/admin/styles';

/** Which cache namespace to list, and optional text the keys must contain: a GET form, so the URL says it all. */
export function CacheBrowse({ namespaces, namespace, contains }: { namespaces: readonly string[]; namespace?: string; contains: string }) {
  return (
    // Keyed by what the URL asks for: a link to another namespace ("Browse keys") remounts the form, so
    // the menu shows that namespace instead of keeping the option chosen before.
    <form
      key={`${namespace ?? ''}\u0000${contains}`}
      method="get"
      action="/admin/cache"
      aria-label="Browse cache keys"
      className="flex flex-wrap items-end gap-4"
    >
      <div className="min-w-40">
        <label htmlFor="cache-namespace" className={styles.label}>
          Namespace
        </label>
        <select id="cache-namespace" name="ns" defaultValue={namespace ?? namespaces[0]} className={styles.input}>
          {namespaces.map((option) => (
            <option key={option} value={option}>
              {option}
            </option>
          ))}
        </select>
      </div>
      <div className="min-w-56 flex-1">
        <label htmlFor="cache-contains" className={styles.label}>
          Key contains
        </label>
        <input
          id="cache-contains"
          name="contains"
          type="search"
          defaultValue={contains}
          maxLength={100}
          placeholder="e.g. a restaurant’s slug"
          className={styles.input}
        />
      </div>
      <button type="submit" className={styles.primaryButton}>
        List keys
      </button>
    </form>
  );
}
