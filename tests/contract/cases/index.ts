import { blmoveCases } from './blmove';
import { hashCases } from './hashes';
import { keyCases } from './keys';
import { lifecycleCases } from './lifecycle';
import { listCases } from './lists';
import { scanCases } from './scan';
import { setCases } from './sets';
import { stringCases } from './strings';
import type { ContractCase } from './types';
import { wrongTypeCases } from './wrongtype';
import { zsetCases } from './zsets';

export const allCases: readonly ContractCase[] = [
  ...lifecycleCases,
  ...stringCases,
  ...keyCases,
  ...hashCases,
  ...listCases,
  ...blmoveCases,
  ...setCases,
  ...zsetCases,
  ...wrongTypeCases,
  ...scanCases,
];
