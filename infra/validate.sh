#!/usr/bin/env bash
# Validates the SAM template (cfn-lint, AWS's linter, runs the SAM transform offline) and every state machine
# definition (asl-validator: schema and transition targets). Exits non-zero on any error.
set -uo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
status=0

cfn_lint=""
for candidate in "$(command -v cfn-lint 2>/dev/null || true)" \
                 "${PYENV_ROOT:-$HOME/.pyenv}/versions/3.11.7/bin/cfn-lint" \
                 "/root/.pyenv/versions/3.11.7/bin/cfn-lint"; do
  # A pyenv shim may exist without a Python version that has cfn-lint: prefer a binary that answers.
  if [ -n "$candidate" ] && [ -x "$candidate" ] && "$candidate" --version >/dev/null 2>&1; then
    cfn_lint="$candidate"
    break
  fi
done
if [ -z "$cfn_lint" ]; then
  echo "validate: cfn-lint not found (expected in the pyenv Python 3.11.7)" >&2
  status=1
else
  echo "validate: $("$cfn_lint" --version) template.yaml"
  if ! "$cfn_lint" template.yaml; then
    echo "validate: cfn-lint reported errors in template.yaml" >&2
    status=1
  fi
fi

validator="infra/local/node_modules/.bin/asl-validator"
if [ ! -x "$validator" ]; then
  echo "validate: $validator is missing; run infra/local/setup.sh first" >&2
  status=1
else
  shopt -s nullglob
  definitions=(infra/statemachine/*.asl.json)
  if [ ${#definitions[@]} -eq 0 ]; then
    echo "validate: no infra/statemachine/*.asl.json found" >&2
    status=1
  fi
  for definition in "${definitions[@]}"; do
    if ! "$validator" --json-path "$definition"; then
      echo "validate: asl-validator rejected $definition" >&2
      status=1
    fi
  done
fi

if [ "$status" -eq 0 ]; then echo "validate: template and state machines are valid"; fi
exit "$status"
