import { getImageProps } from 'next/image';

/**
 * An uploaded photo through next/image's optimizer (srcset for `sizes`, WebP/AVIF as the browser
 * takes), filling its positioned parent. Rendered without the inline `style` next/image puts on
 * `fill` images: the pages' Content-Security-Policy allows no inline style attributes
 * (docs/decisions/014), and classes do the same job.
 */
export function FillImage({
  src,
  sizes,
  alt = '',
  priority = false,
  className = '',
  testId,
}: {
  src: string;
  sizes: string;
  alt?: string;
  priority?: boolean;
  className?: string;
  testId?: string;
}) {
  const props: Partial<ReturnType<typeof getImageProps>['props']> = { ...getImageProps({ src, alt, fill: true, sizes, priority }).props };
  delete props.style;
  return (
    // eslint-disable-next-line @next/next/no-img-element, jsx-a11y/alt-text -- next/image's own props (alt included), minus its inline style.
    <img {...props} className={`absolute inset-0 size-full object-cover ${className}`} data-testid={testId} />
  );
}
