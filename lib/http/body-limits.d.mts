export const ACTION_BODY_LIMIT: number;
export const PHOTO_BODY_LIMIT: number;
export const LARGEST_BODY_LIMIT: number;
export function bodyLimitFor(method: string, pathname: string): number;
export function isPhotoUpload(method: string, pathname: string): boolean;
export function bodyRefusal(
  method: string,
  pathname: string,
  header: (name: string) => string | null | undefined,
): { status: 401 | 411 | 413; error: string } | null;
