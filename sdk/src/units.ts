/** Integer helpers: the program's amounts are u64/i64/u128/i128, Anchor's client uses BN. */
import { BN } from "@anchor-lang/core";

export type IntLike = BN | bigint | number | string;

export function toBN(value: IntLike): BN {
  if (BN.isBN(value)) return value as BN;
  if (typeof value === "number") {
    if (!Number.isSafeInteger(value)) throw new RangeError(`not a safe integer: ${value}`);
    return new BN(value);
  }
  return new BN(value.toString());
}

export function toBigInt(value: IntLike): bigint {
  if (typeof value === "bigint") return value;
  if (typeof value === "number") {
    if (!Number.isSafeInteger(value)) throw new RangeError(`not a safe integer: ${value}`);
    return BigInt(value);
  }
  return BigInt(value.toString());
}

/** `whole` tokens in base units of a mint with `decimals` decimals. */
export function units(whole: IntLike, decimals: number): BN {
  return toBN(whole).mul(new BN(10).pow(new BN(decimals)));
}

/** Base units as a decimal string with thousands separators, e.g. `1,234.500000`. */
export function formatAmount(value: IntLike, decimals: number): string {
  const raw = toBigInt(value);
  const negative = raw < 0n;
  const magnitude = negative ? -raw : raw;
  const scale = 10n ** BigInt(decimals);
  const whole = (magnitude / scale).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  const fraction = decimals > 0 ? "." + (magnitude % scale).toString().padStart(decimals, "0") : "";
  return `${negative ? "-" : ""}${whole}${fraction}`;
}

/** Signed amount (P&L) with an explicit sign. */
export function formatSigned(value: IntLike, decimals: number): string {
  const raw = toBigInt(value);
  return raw < 0n ? formatAmount(raw, decimals) : `+${formatAmount(raw, decimals)}`;
}
