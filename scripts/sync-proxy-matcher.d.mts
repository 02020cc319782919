export function publicFiles(dir?: string, base?: string): string[];
export function expectedMatcher(files?: readonly string[]): string;
