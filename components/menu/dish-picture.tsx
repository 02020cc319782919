import { FillImage } from '@/components/ui/fill-image';

/**
 * A dish's photo, square and rounded, through next/image's optimizer. Only dishes with a photo show one: a dish
 * without shows nothing here (its section's drawing sits once by the section heading instead).
 */
export function DishPhoto({ url, className = 'size-24 sm:size-28' }: { url: string; className?: string }) {
  return (
    <div className={`relative shrink-0 overflow-hidden rounded-xl bg-stone-100 ${className}`}>
      <FillImage src={url} sizes="(min-width: 640px) 112px, 96px" testId="dish-photo" />
    </div>
  );
}
