#!/usr/bin/env bash
# Installs the local AWS tooling (asl-validator, aws-local-stepfunctions) into infra/local/node_modules from the
# committed package-lock.json. Idempotent: a stamp holding the lock file's hash makes a second run a no-op.
# Writes nothing outside infra/local except npm's cache.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here"

stamp="node_modules/.batchstats-lock.sha256"
want="$(sha256sum package-lock.json | cut -d' ' -f1)"

if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] \
   && [ -f node_modules/asl-validator/package.json ] && [ -f node_modules/aws-local-stepfunctions/package.json ]; then
  echo "infra/local/setup.sh: npm tooling already installed (lock $want)"
else
  if ! command -v npm >/dev/null 2>&1; then
    echo "infra/local/setup.sh: npm is not on PATH; install Node.js 20+ to validate the ASL and run the state machine locally" >&2
    exit 1
  fi
  echo "infra/local/setup.sh: installing npm tooling from package-lock.json"
  # --ignore-scripts: none of these packages needs an install script; --no-audit/--no-fund keep it offline-friendly.
  npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
  echo "$want" > "$stamp"
fi

# Report (never fail on) the Python side: moto and cfn-lint come with the image's pyenv 3.11.7.
py="${PYENV_ROOT:-$HOME/.pyenv}/versions/3.11.7/bin/python3"
if [ -x "$py" ] && "$py" -c 'import moto' >/dev/null 2>&1; then
  echo "infra/local/setup.sh: moto $("$py" -c 'import moto; print(moto.__version__)') found at $py"
else
  echo "infra/local/setup.sh: moto not found at $py (the AWS tests skip outside CI and fail under CI=true)" >&2
fi
