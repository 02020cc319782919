/**
 * The Indian food mark: a green square with a dot for vegetarian, a brown-red square with a
 * triangle for non-vegetarian, drawn by the `.veg-mark` CSS (app/globals.css) so a menu carries no
 * drawing per dish. Labelled for screen readers.
 */
export function VegMark({ veg, className = 'size-4' }: { veg: boolean; className?: string }) {
  const label = veg ? 'Veg' : 'Non-veg';
  return <span role="img" aria-label={label} title={label} data-veg={veg ? 'true' : 'false'} className={`veg-mark ${className}`} />;
}
