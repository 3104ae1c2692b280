//! Plain-text report helpers: amounts in whole-token units and aligned tables.

use anchor_lang::prelude::Pubkey;

/// `amount` base units with `decimals` decimals, e.g. `1,234.500000`.
pub fn amount(value: u64, decimals: u8) -> String {
    let scale = 10u64.pow(u32::from(decimals));
    let whole = group_thousands(value / scale);
    if decimals == 0 {
        return whole;
    }
    format!("{whole}.{:0width$}", value % scale, width = usize::from(decimals))
}

/// Signed amount (P&L) in base units.
pub fn signed_amount(value: i128, decimals: u8) -> String {
    let magnitude = u64::try_from(value.unsigned_abs()).unwrap_or(u64::MAX);
    let sign = if value < 0 { "-" } else { "+" };
    format!("{sign}{}", amount(magnitude, decimals))
}

fn group_thousands(value: u64) -> String {
    let digits = value.to_string();
    let mut grouped = String::with_capacity(digits.len() + digits.len() / 3);
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    grouped
}

/// First and last characters of an address.
pub fn short(key: &Pubkey) -> String {
    let text = key.to_string();
    format!("{}…{}", &text[..4], &text[text.len() - 4..])
}

pub fn heading(title: &str) {
    println!();
    println!("== {title} {}", "=".repeat(90usize.saturating_sub(title.len() + 4)));
}

/// A table printed with columns padded to their widest cell; numeric-looking cells align right.
pub struct Table {
    headers: Vec<String>,
    rows: Vec<Vec<String>>,
}

impl Table {
    pub fn new(headers: &[&str]) -> Self {
        Table { headers: headers.iter().map(|header| header.to_string()).collect(), rows: Vec::new() }
    }

    pub fn row(&mut self, cells: Vec<String>) {
        assert_eq!(cells.len(), self.headers.len(), "row width");
        self.rows.push(cells);
    }

    pub fn print(&self) {
        let widths: Vec<usize> = (0..self.headers.len())
            .map(|column| {
                self.rows
                    .iter()
                    .map(|row| row[column].chars().count())
                    .chain(std::iter::once(self.headers[column].chars().count()))
                    .max()
                    .unwrap_or(0)
            })
            .collect();
        let render = |cells: &[String]| {
            cells
                .iter()
                .zip(&widths)
                .map(|(cell, width)| {
                    let numeric = cell.starts_with(|c: char| c.is_ascii_digit() || c == '+' || c == '-');
                    if numeric {
                        format!("{cell:>width$}")
                    } else {
                        format!("{cell:<width$}")
                    }
                })
                .collect::<Vec<_>>()
                .join("  ")
                .trim_end()
                .to_string()
        };
        println!("  {}", render(&self.headers));
        println!("  {}", widths.iter().map(|width| "-".repeat(*width)).collect::<Vec<_>>().join("  "));
        for row in &self.rows {
            println!("  {}", render(row));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_are_grouped_and_padded() {
        assert_eq!(amount(1_234_500_000, 6), "1,234.500000");
        assert_eq!(amount(5, 6), "0.000005");
        assert_eq!(amount(0, 0), "0");
        assert_eq!(signed_amount(-1_500_000, 6), "-1.500000");
        assert_eq!(signed_amount(0, 6), "+0.000000");
    }
}
