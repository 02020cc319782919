import { authorizePhotoChange, photoTarget, removePhoto, uploadPhoto } from '@/lib/media/admin-photos';

type Context = { params: Promise<{ slug: string; id: string }> };

/** A dish's photo: PUT the image as the body, DELETE to remove it (docs/media.md). */
export async function PUT(request: Request, context: Context): Promise<Response> {
  const admin = await authorizePhotoChange(request);
  if (admin instanceof Response) return admin;
  return uploadPhoto(request, photoTarget(await context.params), admin.adminId);
}

export async function DELETE(request: Request, context: Context): Promise<Response> {
  const admin = await authorizePhotoChange(request);
  if (admin instanceof Response) return admin;
  return removePhoto(photoTarget(await context.params), admin.adminId);
}
