export function targetRefusal(target: string | undefined): { status: 400; error: string } | null;
export function withoutStrayRouterParam(target: string | undefined, rscHeader: string | string[] | undefined): string | undefined;
export function routerStateRefusal(header: string | string[] | undefined): { status: 400; error: string } | null;
export function methodRefusal(method: string | undefined): { status: 405; error: string } | null;
export function upgradeAllowed(target: string | undefined, dev: boolean): boolean;
