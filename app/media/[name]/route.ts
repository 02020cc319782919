import { serveLocalPhoto } from '@/lib/media/serve';

/** Uploaded photos from the local media folder (MEDIA_DIR); with Vercel Blob, photos never come here. */
export async function GET(_request: Request, context: { params: Promise<{ name: string }> }): Promise<Response> {
  return serveLocalPhoto((await context.params).name);
}
