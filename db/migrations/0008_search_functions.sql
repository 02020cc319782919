-- Search (lib/search, docs/decisions/017-search.md): trigram similarity, accent folding, and two
-- functions that put names into the form search compares them in. Both are IMMUTABLE so generated
-- columns and indexes can use them; unaccent() can't promise that itself (its rules file could be
-- edited), so it is called with its dictionary named, the usual way to wrap it.
CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public;
--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS unaccent WITH SCHEMA public;
--> statement-breakpoint
-- Lowercase ASCII words: accents dropped, punctuation to spaces, and the spellings Indian dish names
-- are transliterated with brought together: "ck" → "k", aspirates ("dh" → "d", "bh" → "b"…),
-- "w" → "v", "iy" → "y", doubled letters once ("paneer"/"panner" → "paner"), and a Tamil "-ai"
-- ending on a longer word ("dosai" → "dosa").
CREATE FUNCTION public.search_fold(input text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$
  SELECT trim(
    regexp_replace(
      regexp_replace(
        regexp_replace(
          regexp_replace(
            regexp_replace(
              regexp_replace(
                regexp_replace(lower(public.unaccent('public.unaccent'::regdictionary, input)), '[^a-z0-9]+', ' ', 'g'),
                'ck', 'k', 'g'),
              '([kgdtbpj])h', '\1', 'g'),
            'w', 'v', 'g'),
          'iy', 'y', 'g'),
        '([a-z])\1+', '\1', 'g'),
      '\m([a-z]{3,})ai\M', '\1a', 'g')
  )
$$;
--> statement-breakpoint
-- The same for a list (a restaurant's cuisines). array_to_string is only STABLE because it must
-- print any element type; for text[] it can't change.
CREATE FUNCTION public.search_fold_all(input text[]) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$
  SELECT public.search_fold(array_to_string(input, ' '))
$$;
--> statement-breakpoint
-- A folded text's consonant skeleton, word by word: each word keeps its first letter and drops its
-- other vowels, since vowels are where transliterations differ ("biriani"/"biryani" → "brn",
-- "jilebi"/"jalebi" → "jlb", "haleem"/"halim" → "hlm").
CREATE FUNCTION public.search_skeleton(folded text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$
  SELECT regexp_replace(regexp_replace(folded, '([a-z0-9])[aeiouy]+', '\1', 'g'), '([a-z])\1+', '\1', 'g')
$$;
--> statement-breakpoint
-- What a search's words become on the index side: every word's skeleton must appear among a name's
-- (AND), and the description must hold every word, the last one as a prefix (so typing "saff" finds
-- "saffron"). NULL for a search with no letters or digits left, which matches nothing.
CREATE FUNCTION public.search_skeleton_query(search text) RETURNS tsquery
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$
  SELECT CASE WHEN public.search_fold(search) = '' THEN NULL
    ELSE plainto_tsquery('simple', public.search_skeleton(public.search_fold(search))) END
$$;
--> statement-breakpoint
CREATE FUNCTION public.search_prefix_query(search text) RETURNS tsquery
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$
  SELECT CASE WHEN public.search_fold(search) = '' THEN NULL
    ELSE to_tsquery('simple', replace(public.search_fold(search), ' ', ' & ') || ':*') END
$$;
