#!/usr/bin/env bash
# Worst-case input shapes (issue #14): times `frner tag` on each shape at 100 KB and 1 MB, on one core,
# and prints the growth ratio. Linear time means a ratio near 10; the issue's bound is ratio <= 12 and
# under 2 s at 1 MB. A run longer than the cap (60 s) is cut and shown as `>60`.
#
#   Benchmarks/worst-case.sh                 all shapes
#   Benchmarks/worst-case.sh initials urls   only these shapes
#   Benchmarks/worst-case.sh --check         exit 1 when a shape breaks the bound (for CI, once linear)
#   Benchmarks/worst-case.sh --list          the shapes
#
# Environment: FRNER (default .build/release/frner, built with `swift build -c release` when missing),
# CPU (default 0: `taskset -c $CPU`), CAP (seconds, default 60), SIZES (bytes, default "102400 1048576"),
# OUT (default /tmp/frner-worst-case: the inputs, outputs and worst-case.tsv).
set -uo pipefail
cd "$(dirname "$0")/.."

FRNER=${FRNER:-.build/release/frner}
CPU=${CPU:-0}
CAP=${CAP:-60}
SIZES=${SIZES:-"102400 1048576"}
OUT=${OUT:-/tmp/frner-worst-case}
export FRNER_LEXICONS=${FRNER_LEXICONS:-$(pwd)/Lexicons}

# name|unit repeated to the size (python string literal)|what it stresses
SHAPES=(
    "prose|'Le président de la République, Emmanuel Macron, a reçu mardi à l\\'Élysée les représentants de la SNCF et de la Banque de France. '|baseline: ordinary news text"
    "cities|'Paris Lyon Marseille '|one capitalised run the length of the input"
    "caps-cities|'PARIS LYON MARSEILLE '|an all-caps run of place names"
    "first-names|'Jean Pierre Marie '|a run of first names (one person as long as the input)"
    "title-names|'M. Jean Dupont Martin '|titles and names: one person per title, document consistency"
    "particles|'Zorglub de la Broufin de la '|name particles (splitAtParticles)"
    "all-caps|'LE GOUVERNEMENT A ANNONCÉ HIER À PARIS UNE RÉFORME DES RETRAITES. '|an all-caps text (headlines)"
    "initials|'A. B. C. '|initials (abbreviation tokens, sentence continuation)"
    "elisions|\"l'\"|one elision run: l'l'l'l'…"
    "url|SPECIAL|one URL as long as the input"
    "parentheses|SPECIAL|deep parentheses: ((((…Paris…))))"
    "comma-list|'Dupont, Paris, Martin, Lyon, Durand, Marseille, '|a comma list of names and places"
)

list_shapes() { local s; for s in "${SHAPES[@]}"; do echo "${s%%|*}"; done; }

check=0
wanted=()
for arg in "$@"; do
    case "$arg" in
        --check) check=1 ;;
        --list) list_shapes; exit 0 ;;
        -h|--help) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) wanted+=("$arg") ;;
    esac
done

if [ ! -x "$FRNER" ]; then
    echo "worst-case: building $FRNER (swift build -c release)" >&2
    swift build -c release --product frner >&2 || { echo "worst-case: build failed" >&2; exit 2; }
fi
command -v taskset >/dev/null || { echo "worst-case: taskset not found (util-linux)" >&2; exit 2; }
mkdir -p "$OUT"

# Writes OUT/NAME-SIZE.txt: whole units repeated to at least SIZE bytes, cut back to SIZE at a
# character boundary.
generate() {
    local name=$1 unit=$2 size=$3
    python3 - "$OUT/$name-$size.txt" "$name" "$size" "$unit" <<'PY'
import sys
path, name, size, unit = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
if name == "url":
    head = "Voir https://www.example.org/"
    body = "dossier/sous-dossier/page-1.html?a=1&b=deux&c=trois_quatre#"
    text = head + (body * (size // len(body) + 1))
elif name == "parentheses":
    depth = (size - 5) // 2
    text = "(" * depth + "Paris" + ")" * depth
else:
    unit = eval(unit)
    text = unit * (size // len(unit.encode("utf-8")) + 1)
data = text.encode("utf-8")[:size]
data = data.decode("utf-8", "ignore").encode("utf-8")
open(path, "wb").write(data)
PY
}

# Prints the seconds one run takes (3 decimals), or `>CAP` when cut; writes the output beside the input.
time_run() {
    local input=$1 start end rc
    start=$(date +%s%N)
    taskset -c "$CPU" timeout "$CAP" "$FRNER" tag --jobs 1 "$input" > "${input%.txt}.out.jsonl" 2>"${input%.txt}.err"
    rc=$?
    end=$(date +%s%N)
    if [ $rc -eq 124 ]; then echo ">$CAP"; return; fi
    awk -v ns=$((end - start)) 'BEGIN { printf "%.3f", ns / 1e9 }'
}

# The entities of an output and the longest one, in characters.
entity_stats() {
    python3 - "$1" <<'PY'
import json, sys
try:
    lengths = [len(e["text"]) for line in open(sys.argv[1]) for e in json.loads(line).get("entities", [])]
except Exception:
    print("-\t-"); sys.exit()
print("%d\t%d" % (len(lengths), max(lengths) if lengths else 0))
PY
}

read -r -a sizes <<< "$SIZES"
small=${sizes[0]}; large=${sizes[${#sizes[@]} - 1]}
tsv="$OUT/worst-case.tsv"
printf 'shape\tseconds_%s\tseconds_%s\tratio\tentities_%s\tlongest_entity_%s\tflag\n' "$small" "$large" "$small" "$small" > "$tsv"
printf '%-12s %10s %10s %7s %9s %9s  %s\n' shape "$((small / 1024)) KB" "$((large / 1024)) KB" ratio entities longest flag
flagged=0
for spec in "${SHAPES[@]}"; do
    name=${spec%%|*}; rest=${spec#*|}; unit=${rest%%|*}
    if [ ${#wanted[@]} -gt 0 ] && [[ ! " ${wanted[*]} " == *" $name "* ]]; then continue; fi
    generate "$name" "$unit" "$small"
    generate "$name" "$unit" "$large"
    t_small=$(time_run "$OUT/$name-$small.txt")
    read -r entities longest < <(entity_stats "$OUT/$name-$small.out.jsonl")
    t_large=$(time_run "$OUT/$name-$large.txt")
    flag=""
    if [[ $t_large == ">"* ]]; then
        ratio=">$(awk -v a="$CAP" -v b="$t_small" 'BEGIN { printf "%.0f", (b > 0 ? a / b : 0) }')"
        flag="QUADRATIC? (cut at ${CAP} s)"
    elif [[ $t_small == ">"* ]]; then
        ratio="-"; flag="QUADRATIC? (small input cut)"
    else
        ratio=$(awk -v a="$t_large" -v b="$t_small" 'BEGIN { printf "%.1f", (b > 0 ? a / b : 0) }')
        if awk -v a="$t_large" -v b="$t_small" 'BEGIN { exit !(a > 12 * b && a > 0.2) }'; then flag="ratio > 12"; fi
        if awk -v a="$t_large" 'BEGIN { exit !(a > 2) }'; then flag="${flag:+$flag, }> 2 s at $((large / 1024)) KB"; fi
    fi
    [ -n "$flag" ] && flagged=$((flagged + 1))
    printf '%-12s %10s %10s %7s %9s %9s  %s\n' "$name" "$t_small" "$t_large" "$ratio" "$entities" "$longest" "$flag"
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$t_small" "$t_large" "$ratio" "$entities" "$longest" "$flag" >> "$tsv"
done
echo "worst-case: $flagged shape(s) flagged; $("$FRNER" --version 2>/dev/null || echo frner), one core (taskset -c $CPU), cap $CAP s; inputs and outputs in $OUT"
[ $check -eq 0 ] || [ $flagged -eq 0 ]
