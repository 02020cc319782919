import { photoRouteHandlers } from '@/lib/media/admin-photos';

/** A restaurant's cover photo: PUT the image as the body, DELETE to remove it (docs/media.md). */
const handlers = photoRouteHandlers<{ slug: string }>();
export const PUT = handlers.PUT;
export const DELETE = handlers.DELETE;
