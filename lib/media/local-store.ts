import 'server-only';

import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

import type { MediaStore } from './store';

/** URL path the local store's photos are served under (app/media/[name]/route.ts). */
export const LOCAL_MEDIA_PATH = '/media';

/** Photos in a folder on this server's disk; one server, or a folder every server shares. */
export function localMediaStore(dir: string): MediaStore & { read(name: string): Promise<Buffer | null> } {
  const root = path.resolve(dir);
  return {
    kind: 'local',
    async put(name, bytes) {
      await fs.mkdir(root, { recursive: true });
      // Written aside and renamed into place, so a reader never sees half a photo.
      const temporary = path.join(root, `.${name}.${randomBytes(6).toString('hex')}.tmp`);
      await fs.writeFile(temporary, bytes);
      await fs.rename(temporary, path.join(root, name));
      return `${LOCAL_MEDIA_PATH}/${name}`;
    },
    /** Callers pass only names that match MEDIA_NAME, so no path leaves the folder. */
    async read(name) {
      try {
        return await fs.readFile(path.join(root, name));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
    },
  };
}
