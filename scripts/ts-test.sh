#!/usr/bin/env bash
# The TypeScript test suite (tests/ts: SDK, keeper, deploy script, the product journeys, error
# codes, the validator itself) against a freshly started cip-validator, which is always stopped
# again (also on failure or Ctrl-C). Exit status: the suite's.
#
# Environment: see scripts/lib/validator.sh (CARGO_TARGET_DIR, RPC_PORT, SLOT_TIME_MS,
# VALIDATOR_LOG); RPC_BENCH_TXS (confirmed .rpc() calls timed by validator.test.ts, default 20);
# SHOW_LOGS=1 prints transaction logs in validator.test.ts; TS_TESTS selects test files
# (default: all *.test.ts in tests/ts and tests/explorer, and cip-audit's unit tests).
set -euo pipefail
# shellcheck source=lib/validator.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/validator.sh"

build_validator
ensure_node_modules
start_validator

cd "$ROOT/tests/ts"
started=$(date +%s%N)
status=0
# One file at a time: the files share the validator's clock, which time travel only moves forward.
RPC_URL="$RPC_URL" WS_URL="$WS_URL" SLOT_TIME_MS="${SLOT_TIME_MS:-400}" \
    node --import tsx --test --test-concurrency=1 --test-reporter=spec ${TS_TESTS:-*.test.ts ../explorer/*.test.ts ../../audit/test/*.test.ts} || status=$?
echo "==> TypeScript suite finished in $((($(date +%s%N) - started) / 1000000)) ms (exit $status)"
exit $status
