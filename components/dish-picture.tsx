import Image from 'next/image';

/**
 * A dish's photo, square and rounded, through next/image. Only dishes with a photo show one: a dish
 * without shows nothing here (its section's drawing sits once by the section heading instead).
 */
export function DishPhoto({ url, className = 'size-24 sm:size-28' }: { url: string; className?: string }) {
  return (
    <div className={`relative shrink-0 overflow-hidden rounded-xl bg-stone-100 ${className}`}>
      <Image src={url} alt="" fill sizes="(min-width: 640px) 112px, 96px" className="object-cover" data-testid="dish-photo" />
    </div>
  );
}
