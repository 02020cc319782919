-- Each restaurant's favourite count follows its `favourites` rows whatever removes them: the app's
-- own unfavourite, or a cascade when a customer is deleted. Row-level, in the same transaction as the
-- row change, so the count always equals the number of rows.
CREATE FUNCTION "favourites_count_follow"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO "restaurant_favourite_counts" ("restaurant_id", "favourites")
    VALUES (NEW."restaurant_id", 1)
    ON CONFLICT ("restaurant_id") DO UPDATE
      SET "favourites" = "restaurant_favourite_counts"."favourites" + 1;
    RETURN NEW;
  END IF;
  -- A restaurant's own deletion cascades to its count row as well; then there is nothing to lower.
  UPDATE "restaurant_favourite_counts" SET "favourites" = "favourites" - 1
  WHERE "restaurant_id" = OLD."restaurant_id";
  RETURN OLD;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "favourites_count_follow"
AFTER INSERT OR DELETE ON "favourites"
FOR EACH ROW EXECUTE FUNCTION "favourites_count_follow"();
