/**
 * True while `next build` prerenders pages. Next sets NEXT_PHASE itself (it is not configuration, so
 * it is read here rather than through lib/env): code that must describe the running server, never
 * the build machine, leaves its part out while building.
 */
export function isBuilding(): boolean {
  return process.env.NEXT_PHASE === 'phase-production-build';
}
