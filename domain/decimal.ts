/**
 * One private Decimal constructor for the whole domain. Cloned so nobody
 * else's Decimal.set() can change our precision or rounding, and with enough
 * precision that sums of amounts are exact.
 */
import Decimal from 'decimal.js';

export const D = Decimal.clone({ precision: 60, rounding: Decimal.ROUND_HALF_UP, toExpNeg: -30, toExpPos: 40 });
export type Dec = InstanceType<typeof D>;
