export const ACTION_ID: RegExp;
export function isApiPath(pathname: string): boolean;
