/** Plain-text report helpers (a port of crates/cli/src/report.rs): amounts, headings, tables. */
import type { PublicKey } from "@solana/web3.js";

import { formatAmount, formatSigned, type IntLike } from "@contract-insurance/sdk";

export const usd = (value: IntLike, decimals = 6) => formatAmount(value, decimals);
export const signed = (value: IntLike, decimals = 6) => formatSigned(value, decimals);

/** First and last characters of an address. */
export function short(key: PublicKey): string {
  const text = key.toBase58();
  return `${text.slice(0, 4)}…${text.slice(-4)}`;
}

export function heading(title: string): void {
  console.log();
  console.log(`== ${title} ${"=".repeat(Math.max(0, 90 - (title.length + 4)))}`);
}

/** A table with columns padded to their widest cell; numeric-looking cells align right. */
export class Table {
  private readonly rows: string[][] = [];

  constructor(private readonly headers: string[]) {}

  row(cells: string[]): void {
    if (cells.length !== this.headers.length) throw new Error("row width");
    this.rows.push(cells);
  }

  print(): void {
    const widths = this.headers.map((header, column) =>
      Math.max([...header].length, ...this.rows.map((row) => [...row[column]].length)),
    );
    const render = (cells: string[]) =>
      cells
        .map((cell, column) => {
          const pad = " ".repeat(widths[column] - [...cell].length);
          return /^[0-9+-]/.test(cell) ? pad + cell : cell + pad;
        })
        .join("  ")
        .trimEnd();
    console.log(`  ${render(this.headers)}`);
    console.log(`  ${widths.map((width) => "-".repeat(width)).join("  ")}`);
    for (const row of this.rows) console.log(`  ${render(row)}`);
  }
}
