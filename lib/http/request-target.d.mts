export function targetRefusal(target: string | undefined): { status: 400; error: string } | null;
