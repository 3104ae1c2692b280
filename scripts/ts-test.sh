#!/usr/bin/env bash
# End-to-end TypeScript smoke test against a freshly started cip-validator.
#
# Builds cip-validator, starts it, waits until `getHealth` answers "ok", runs tests/ts (stock
# @anchor-lang/core + @solana/web3.js), and always stops the validator again (also on failure or
# Ctrl-C). Exit status: the test suite's.
#
# Environment:
#   CARGO_TARGET_DIR   cargo target dir (default: <repo>/target)
#   RPC_PORT           JSON-RPC port (default 8899; the websocket uses RPC_PORT + 1)
#   SLOT_TIME_MS       validator slot time (default: the validator's, 400 ms)
#   RPC_BENCH_TXS      confirmed .rpc() calls timed at the end of the suite (default 20)
#   VALIDATOR_LOG      where the validator's output goes (default: <target>/cip-validator.log)
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
TARGET_DIR=${CARGO_TARGET_DIR:-$ROOT/target}
RPC_PORT=${RPC_PORT:-8899}
WS_PORT=$((RPC_PORT + 1))
RPC_URL="http://127.0.0.1:$RPC_PORT"
VALIDATOR_LOG=${VALIDATOR_LOG:-$TARGET_DIR/cip-validator.log}

echo "==> building cip-validator"
(cd "$ROOT" && CARGO_TARGET_DIR="$TARGET_DIR" cargo build --quiet -p cip-validator)

if [ ! -d "$ROOT/tests/ts/node_modules" ]; then
    echo "==> installing tests/ts dependencies (npm ci)"
    (cd "$ROOT/tests/ts" && npm ci --no-audit --no-fund)
fi

health() {
    curl -s --max-time 1 -X POST -H 'content-type: application/json' \
        -d '{"jsonrpc":"2.0","id":1,"method":"getHealth"}' "$RPC_URL" 2>/dev/null || true
}

if [ -n "$(health)" ]; then
    echo "error: something already answers on $RPC_URL; stop it or set RPC_PORT" >&2
    exit 1
fi

echo "==> starting cip-validator on $RPC_URL (log: $VALIDATOR_LOG)"
mkdir -p "$(dirname "$VALIDATOR_LOG")"
started_ns=$(date +%s%N)
"$TARGET_DIR/debug/cip-validator" --rpc-port "$RPC_PORT" --ws-port "$WS_PORT" \
    ${SLOT_TIME_MS:+--slot-time-ms "$SLOT_TIME_MS"} >"$VALIDATOR_LOG" 2>&1 &
VALIDATOR_PID=$!

stop_validator() {
    if kill -0 "$VALIDATOR_PID" 2>/dev/null; then
        kill -TERM "$VALIDATOR_PID" 2>/dev/null || true
        for _ in $(seq 1 50); do
            kill -0 "$VALIDATOR_PID" 2>/dev/null || break
            sleep 0.1
        done
        if kill -0 "$VALIDATOR_PID" 2>/dev/null; then
            echo "cip-validator did not stop on SIGTERM; killing it" >&2
            kill -KILL "$VALIDATOR_PID" 2>/dev/null || true
        fi
    fi
    wait "$VALIDATOR_PID" 2>/dev/null || true
    echo "==> cip-validator stopped"
}
trap stop_validator EXIT
trap 'exit 130' INT TERM

for _ in $(seq 1 300); do
    if ! kill -0 "$VALIDATOR_PID" 2>/dev/null; then
        echo "error: cip-validator exited during start-up:" >&2
        cat "$VALIDATOR_LOG" >&2
        exit 1
    fi
    if [ "$(health)" = '{"jsonrpc":"2.0","result":"ok","id":1}' ]; then
        break
    fi
    sleep 0.02
done
if [ "$(health)" != '{"jsonrpc":"2.0","result":"ok","id":1}' ]; then
    echo "error: cip-validator did not answer getHealth within 6 s" >&2
    cat "$VALIDATOR_LOG" >&2
    exit 1
fi
echo "==> healthy after $(( ($(date +%s%N) - started_ns) / 1000000 )) ms (process start to getHealth ok)"

cd "$ROOT/tests/ts"
RPC_URL="$RPC_URL" WS_URL="ws://127.0.0.1:$WS_PORT" npm test --silent
