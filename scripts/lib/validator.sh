# shellcheck shell=bash
# Shared by scripts/ts-test.sh and scripts/main-job.sh: build cip-validator, start it on free
# ports, wait for getHealth, and always stop it again. Source it, then call `start_validator`.
#
# Environment:
#   CARGO_TARGET_DIR  cargo target dir (default: <repo>/target)
#   RPC_PORT          JSON-RPC port (websocket = RPC_PORT + 1); default: the first free pair from 8899
#   SLOT_TIME_MS      validator slot time (default: the validator's, 400 ms)
#   VALIDATOR_LOG     where the validator's output goes (default: <target>/cip-validator.log)
#   CIP_VALIDATOR_BIN a prebuilt cip-validator to run instead of building one (for work on the
#                     TypeScript side only; CI leaves it unset and builds from this checkout)
#
# After `start_validator`: RPC_URL, WS_URL, VALIDATOR_PID, VALIDATOR_READY_MS are set.

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
TARGET_DIR=${CARGO_TARGET_DIR:-$ROOT/target}

VALIDATOR_BIN=${CIP_VALIDATOR_BIN:-$TARGET_DIR/debug/cip-validator}

build_validator() {
    if [ -n "${CIP_VALIDATOR_BIN:-}" ]; then
        echo "==> using the prebuilt cip-validator $CIP_VALIDATOR_BIN (CIP_VALIDATOR_BIN)"
        return
    fi
    echo "==> building cip-validator ($TARGET_DIR)"
    (cd "$ROOT" && CARGO_TARGET_DIR="$TARGET_DIR" cargo build --locked --quiet -p cip-validator)
}

# npm dependencies of the JS workspace (sdk, keeper, tests/ts), from the lock file.
ensure_node_modules() {
    if [ ! -d "$ROOT/node_modules/@anchor-lang/core" ]; then
        echo "==> installing npm dependencies (npm ci)"
        (cd "$ROOT" && npm ci --no-audit --no-fund)
    fi
}

port_in_use() {
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

_health() {
    curl -s --max-time 1 -X POST -H 'content-type: application/json' \
        -d '{"jsonrpc":"2.0","id":1,"method":"getHealth"}' "$RPC_URL" 2>/dev/null || true
}

start_validator() {
    if [ -z "${RPC_PORT:-}" ]; then
        RPC_PORT=8899
        while port_in_use "$RPC_PORT" || port_in_use $((RPC_PORT + 1)); do
            RPC_PORT=$((RPC_PORT + 2))
        done
    elif port_in_use "$RPC_PORT" || port_in_use $((RPC_PORT + 1)); then
        echo "error: port $RPC_PORT or $((RPC_PORT + 1)) is in use; stop that process or pick another RPC_PORT" >&2
        exit 1
    fi
    WS_PORT=$((RPC_PORT + 1))
    RPC_URL="http://127.0.0.1:$RPC_PORT"
    WS_URL="ws://127.0.0.1:$WS_PORT"
    VALIDATOR_LOG=${VALIDATOR_LOG:-$TARGET_DIR/cip-validator.log}
    mkdir -p "$(dirname "$VALIDATOR_LOG")"
    echo "==> starting cip-validator on $RPC_URL (log: $VALIDATOR_LOG)"
    local started_ns
    started_ns=$(date +%s%N)
    "$VALIDATOR_BIN" --rpc-port "$RPC_PORT" --ws-port "$WS_PORT" \
        ${SLOT_TIME_MS:+--slot-time-ms "$SLOT_TIME_MS"} >"$VALIDATOR_LOG" 2>&1 &
    VALIDATOR_PID=$!
    trap stop_validator EXIT
    trap 'exit 130' INT TERM

    local ok='{"jsonrpc":"2.0","result":"ok","id":1}'
    for _ in $(seq 1 500); do
        if ! kill -0 "$VALIDATOR_PID" 2>/dev/null; then
            echo "error: cip-validator exited during start-up:" >&2
            cat "$VALIDATOR_LOG" >&2
            exit 1
        fi
        [ "$(_health)" = "$ok" ] && break
        sleep 0.02
    done
    if [ "$(_health)" != "$ok" ]; then
        echo "error: cip-validator did not answer getHealth within 10 s" >&2
        cat "$VALIDATOR_LOG" >&2
        exit 1
    fi
    VALIDATOR_READY_MS=$((($(date +%s%N) - started_ns) / 1000000))
    echo "==> healthy after ${VALIDATOR_READY_MS} ms (process start to getHealth ok)"
    export RPC_URL WS_URL RPC_PORT
}

stop_validator() {
    if [ -n "${VALIDATOR_PID:-}" ] && kill -0 "$VALIDATOR_PID" 2>/dev/null; then
        kill -TERM "$VALIDATOR_PID" 2>/dev/null || true
        for _ in $(seq 1 50); do
            kill -0 "$VALIDATOR_PID" 2>/dev/null || break
            sleep 0.1
        done
        if kill -0 "$VALIDATOR_PID" 2>/dev/null; then
            echo "cip-validator did not stop on SIGTERM; killing it" >&2
            kill -KILL "$VALIDATOR_PID" 2>/dev/null || true
        fi
        wait "$VALIDATOR_PID" 2>/dev/null || true
        echo "==> cip-validator stopped"
    fi
}
