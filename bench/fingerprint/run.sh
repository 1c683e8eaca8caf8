#!/usr/bin/env bash
# Hardware-ID cost of licensekit next to the peers people use today, measured in one run:
#   node-machine-id (npm), py-machineid (PyPI), the machine-uid crate and sysinfo (criterion).
# Peers are installed under a temporary directory, never into the repository.
#
#   bench/fingerprint/run.sh [--procs N] [--skip-criterion]
#
# --procs N starts N idle `sleep` processes first (killed on exit, whatever happens), to show
# which tools slow down as the process table grows.
set -euo pipefail
cd "$(dirname "$0")/../.."
export RUST_BACKTRACE=0 PYO3_PYTHON="${PYO3_PYTHON:-$(command -v python3)}"

PROCS=0
CRITERION=1
while [ $# -gt 0 ]; do
  case "$1" in
    --procs) PROCS="$2"; shift 2 ;;
    --skip-criterion) CRITERION=0; shift ;;
    *) echo "usage: $0 [--procs N] [--skip-criterion]" >&2; exit 2 ;;
  esac
done
if ! [[ "$PROCS" =~ ^[0-9]+$ ]] || [ "$PROCS" -gt 5000 ]; then
  echo "--procs takes a number up to 5000" >&2; exit 2
fi

WORK="${LICENSEKIT_BENCH_DIR:-/tmp/licensekit-fingerprint-bench}"
SLEEPERS=()
cleanup() {
  if [ "${#SLEEPERS[@]}" -gt 0 ]; then
    kill "${SLEEPERS[@]}" 2>/dev/null || true
    wait "${SLEEPERS[@]}" 2>/dev/null || true
  fi
}
trap cleanup EXIT INT TERM

# ---- peers, installed once into $WORK ------------------------------------------------
mkdir -p "$WORK"
if [ ! -d "$WORK/node/node_modules/node-machine-id" ]; then
  npm install --prefix "$WORK/node" --no-audit --no-fund --silent node-machine-id@1.1.12 >/dev/null
fi
if [ ! -x "$WORK/venv/bin/python" ] || ! "$WORK/venv/bin/python" -c 'import machineid' 2>/dev/null; then
  python3 -m venv "$WORK/venv"
  "$WORK/venv/bin/pip" install -q py-machineid==1.0.0
fi
cargo build -q --release -p licensekit-cli
LICENSEKIT="$PWD/target/release/licensekit"

# ---- the process load -------------------------------------------------------------------
if [ "$PROCS" -gt 0 ]; then
  for _ in $(seq "$PROCS"); do
    sleep 3600 &
    SLEEPERS+=("$!")
  done
fi
echo "processes running: $(ls -d /proc/[0-9]* | wc -l)"

# ---- per-call cost inside one process (warm) and the cost of a fresh process ----------
NODE_WARM=$(cd "$WORK/node" && node -e '
  const { machineIdSync } = require("node-machine-id");
  machineIdSync(); const n = 200, t = process.hrtime.bigint();
  for (let i = 0; i < n; i++) machineIdSync();
  console.log(Number(process.hrtime.bigint() - t) / n / 1000);')
PY_WARM=$("$WORK/venv/bin/python" -c '
import time, machineid
machineid.id(); n = 20000; t = time.perf_counter_ns()
for _ in range(n): machineid.id()
print((time.perf_counter_ns() - t) / n / 1000)')

# Median wall time (µs) of N runs of a command.
median_us() {
  local n="$1"; shift
  python3 - "$n" "$@" <<'PY'
import subprocess, sys, time, statistics
n, cmd = int(sys.argv[1]), sys.argv[2:]
subprocess.run(cmd, stdout=subprocess.DEVNULL, check=True)
times = []
for _ in range(n):
    t = time.perf_counter_ns()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, check=True)
    times.append((time.perf_counter_ns() - t) / 1000)
print(statistics.median(times))
PY
}
N=30
NODE_BARE=$(cd "$WORK/node" && median_us $N node -e '')
NODE_CALL=$(cd "$WORK/node" && median_us $N node -e 'require("node-machine-id").machineIdSync()')
PY_BARE=$(median_us $N "$WORK/venv/bin/python" -c '')
PY_CALL=$(median_us $N "$WORK/venv/bin/python" -c 'import machineid; machineid.id()')
LK_PROC=$(median_us $N "$LICENSEKIT" hwid --product bench)
LK_EXPLAIN=$(median_us $N "$LICENSEKIT" hwid --product bench --explain --json)
TRUE_PROC=$(median_us $N /bin/true)

python3 - "$PROCS" "$NODE_WARM" "$PY_WARM" "$NODE_BARE" "$NODE_CALL" "$PY_BARE" "$PY_CALL" "$LK_PROC" "$LK_EXPLAIN" "$TRUE_PROC" <<'PY'
import sys
procs, node_warm, py_warm, node_bare, node_call, py_bare, py_call, lk, lk_explain, true_proc = sys.argv[1:]
f = lambda v: float(v)
def show(us):
    return f"{us:.2f} µs" if us < 1000 else f"{us/1000:.2f} ms"
print(f"\n### peers measured in this run (extra idle processes: {procs})")
print("| tool | warm call | fresh process incl. first call | first call's share of it |")
print("|---|---|---|---|")
print(f"| node-machine-id 1.1.12 (npm) | {show(f(node_warm))} | {show(f(node_call))} | +{show(f(node_call)-f(node_bare))} over bare node |")
print(f"| py-machineid 1.0.0 (PyPI) | {show(f(py_warm))} | {show(f(py_call))} | +{show(f(py_call)-f(py_bare))} over bare python |")
print(f"| licensekit hwid (CLI, release) | see criterion | {show(f(lk))} | +{show(f(lk)-f(true_proc))} over /bin/true |")
print(f"| licensekit hwid --explain --json | – | {show(f(lk_explain))} | +{show(f(lk_explain)-f(true_proc))} over /bin/true |")
print(f"\nnode-machine-id warm call / py-machineid warm call: {f(node_warm)/f(py_warm):.0f}x")
PY

if [ "$CRITERION" = 1 ]; then
  echo
  cargo bench -q -p licensekit-core --bench fingerprint -- --summary-only 2>/dev/null | sed -n '/fingerprint summary/,$p'
fi
