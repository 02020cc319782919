/** Why a search could not run (a refused query, or the database not answering), said in a sentence. */
export function SearchProblem({ message }: { message: string }) {
  return (
    <p role="alert" data-testid="search-problem" className="rounded-xl border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-950">
      {message}
    </p>
  );
}
