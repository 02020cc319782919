export function SiteFooter() {
  return (
    <footer className="mt-16 border-t border-line bg-white">
      <div className="mx-auto max-w-6xl px-4 py-6 text-sm text-muted sm:px-6">
        <p>
          Thali is an open-source reference app: every city listing and menu is read through a Redis cache in front of
          Postgres, and each page says which one served it.
        </p>
      </div>
    </footer>
  );
}
