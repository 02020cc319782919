/** Where the illustrations are served from (public/illustrations, file names with a content hash). */
export const ILLUSTRATIONS_PATH = '/illustrations';
