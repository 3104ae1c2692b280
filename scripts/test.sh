#!/usr/bin/env bash
# All tests: the Rust workspace (unit tests, integration tests on the embedded runtime, the
# validator's JSON-RPC test) and then the TypeScript suite against a freshly started cip-validator.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"

echo "==> cargo test --workspace"
cargo test --workspace --locked

echo "==> TypeScript suite (scripts/ts-test.sh)"
"$ROOT/scripts/ts-test.sh"
