#!/usr/bin/env bash
# Starts moto (via moto_launch.py) in the background on 127.0.0.1:${PORT:-5000}, waits until it answers, enables
# Step Functions execution, and prints its PID. Stop it with: kill <pid>
# Lambda tasks of state machines go to MOTO_PORT (default: moto's own port; set it to the local Invoke host's port).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
port="${PORT:-5000}"
py="${PYENV_ROOT:-$HOME/.pyenv}/versions/3.11.7/bin/python3"
[ -x "$py" ] || py="/root/.pyenv/versions/3.11.7/bin/python3"
if [ ! -x "$py" ]; then echo "start-moto.sh: pyenv Python 3.11.7 with moto not found" >&2; exit 1; fi

log="${MOTO_LOG:-$here/.tools/moto-$port.log}"
mkdir -p "$(dirname "$log")"
MOTO_PORT="${MOTO_PORT:-$port}" nohup "$py" "$here/moto_launch.py" -H 127.0.0.1 -p "$port" >"$log" 2>&1 &
pid=$!

for _ in $(seq 1 100); do
  if curl -sf -o /dev/null "http://127.0.0.1:$port/moto-api/data.json"; then
    curl -sf -o /dev/null -X POST "http://127.0.0.1:$port/moto-api/config" \
      -H 'content-type: application/json' -d '{"stepfunctions":{"execute_state_machine":true}}'
    echo "$pid"
    exit 0
  fi
  if ! kill -0 "$pid" 2>/dev/null; then echo "start-moto.sh: moto exited; see $log" >&2; exit 1; fi
  sleep 0.1
done
echo "start-moto.sh: moto did not answer on port $port within 10 s; see $log" >&2
kill "$pid" 2>/dev/null || true
exit 1
