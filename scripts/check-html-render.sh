#!/usr/bin/env bash
# Render `frner tag --format html` pages in headless Chromium and check that they really render:
# a non-blank screenshot with the three entity colours, and one <mark title=…> per entity of the
# JSONL output for the same input. See scripts/README.md.
#
#   scripts/check-html-render.sh            # outputs (HTML, PNG, DOM dumps) go to /tmp/frner-html-check
#   OUT_DIR=/tmp/x FRNER=/path/to/frner scripts/check-html-render.sh
#
# Exit 0 when every check passes, 1 when a check fails, 2 when the setup fails (no Chromium, no frner).
# The last line is always "N passed, M failed".
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT_DIR="${OUT_DIR:-/tmp/frner-html-check}"
WIDTH=1200
HEIGHT=1600

PASSED=0
FAILED=0
pass() { PASSED=$((PASSED + 1)); echo "PASS  $*"; }
fail() { FAILED=$((FAILED + 1)); echo "FAIL  $*"; }
finish() { echo "$PASSED passed, $FAILED failed"; exit "$1"; }
setup_fail() { echo "SETUP ERROR: $*" >&2; FAILED=$((FAILED + 1)); finish 2; }

# --- 1. Tools: Chromium, fonts, python3, frner -------------------------------------------------

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else return 1; fi; }

find_chromium() {
    for name in chromium chromium-browser google-chrome; do
        if command -v "$name" >/dev/null 2>&1; then command -v "$name"; return 0; fi
    done
    return 1
}

CHROMIUM="${CHROMIUM:-$(find_chromium || true)}"
NEED_PKGS=()
[ -n "$CHROMIUM" ] || NEED_PKGS+=(chromium)
# A font covering é, ç, «, — (fontconfig charset query); DejaVu also has monochrome emoji.
if ! command -v fc-list >/dev/null || [ -z "$(fc-list ':charset=e9 e7 ab 2014' 2>/dev/null)" ]; then
    NEED_PKGS+=(fonts-dejavu-core)
fi
if [ ${#NEED_PKGS[@]} -gt 0 ]; then
    echo "installing: ${NEED_PKGS[*]} (apt-get)"
    as_root apt-get update -qq >/dev/null \
        && DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "${NEED_PKGS[@]}" >/dev/null \
        || setup_fail "apt-get install ${NEED_PKGS[*]} failed (run as root or with sudo)"
    CHROMIUM="$(find_chromium || true)"
fi
[ -n "$CHROMIUM" ] || setup_fail "no chromium after install"
command -v python3 >/dev/null || setup_fail "python3 is needed for the PNG and DOM checks"

FRNER="${FRNER:-}"
if [ -z "$FRNER" ]; then
    if [ -x "$ROOT/.build/release/frner" ]; then
        FRNER="$ROOT/.build/release/frner"
    else
        echo "building frner (swift build -c release --scratch-path .build-html)"
        (cd "$ROOT" && swift build -c release --scratch-path .build-html >/dev/null) \
            || setup_fail "swift build failed"
        FRNER="$ROOT/.build-html/release/frner"
    fi
fi
[ -x "$FRNER" ] || setup_fail "frner not executable: $FRNER"

mkdir -p "$OUT_DIR" || setup_fail "cannot create $OUT_DIR"
rm -rf "$OUT_DIR/profile"; : >"$OUT_DIR/chromium.log"
echo "frner:    $FRNER"
echo "chromium: $CHROMIUM ($("$CHROMIUM" --version 2>/dev/null | head -1))"
echo "output:   $OUT_DIR"

# One throwaway profile, so nothing is written to ~/.config/chromium. Chromium's dbus noise goes to a log.
CHROME_FLAGS=(--headless --no-sandbox --disable-gpu --user-data-dir="$OUT_DIR/profile" --hide-scrollbars)
chrome() { timeout 120 "$CHROMIUM" "${CHROME_FLAGS[@]}" "$@" 2>>"$OUT_DIR/chromium.log"; }

# --- 2. Inputs ---------------------------------------------------------------------------------

# Second input: JSONL with accents, an emoji (non-BMP: UTF-16 offsets differ from code points),
# characters HTML must escape, one malformed record (-> error section) and a good one after it.
cat >"$OUT_DIR/mixed-input.jsonl" <<'EOF'
{"id":"ok-1","text":"Hélène Dupont 😀 a rencontré Emmanuel Macron à Paris, près de la Tour Eiffel, avec l’ONU & <Airbus>."}
{"id":"broken","text": "Marseille
{"id":"ok-2","text":"Ça se passe à Lyon, dit « Élisabeth Borne »."}
EOF

# name | frner arguments | expected frner exit status (1 = some records failed)
CASES=(
    "article|$ROOT/Examples/article.txt|0"
    "mixed|--input-format jsonl $OUT_DIR/mixed-input.jsonl|1"
)

# --- 3-5. Per input: tag, render, check --------------------------------------------------------

check_page() {
    local name="$1" args="$2" want_rc="$3"
    local html="$OUT_DIR/$name.html" jsonl="$OUT_DIR/$name.jsonl" png="$OUT_DIR/$name.png"
    local dom="$OUT_DIR/$name.dom.html" probe="$OUT_DIR/$name.probe.html" probed="$OUT_DIR/$name.probe.dom.html"
    echo "== $name: frner tag $args"

    # shellcheck disable=SC2086  # args is a word list on purpose
    "$FRNER" tag --format html $args >"$html" 2>"$OUT_DIR/$name.html.err"; local rc=$?
    if [ "$rc" -eq "$want_rc" ] && [ -s "$html" ]; then pass "$name: frner --format html (exit $rc)"
    else fail "$name: frner --format html exit $rc (want $want_rc), $(wc -c <"$html") bytes: $(head -3 "$OUT_DIR/$name.html.err")"; return; fi
    # shellcheck disable=SC2086
    "$FRNER" tag $args >"$jsonl" 2>/dev/null; rc=$?
    if [ "$rc" -eq "$want_rc" ] && [ -s "$jsonl" ]; then pass "$name: frner jsonl (exit $rc)"
    else fail "$name: frner jsonl exit $rc (want $want_rc)"; return; fi

    # Screenshot. Chromium writes "N bytes written to file" on success.
    rm -f "$png"
    chrome --screenshot="$png" --window-size="$WIDTH,$HEIGHT" "file://$html" >/dev/null
    # The DOM as parsed (what a browser sees), and a probe copy with a script that reports layout
    # and computed styles into the DOM (same page, one <script> appended; --dump-dom runs scripts).
    chrome --dump-dom "file://$html" >"$dom"
    { cat "$html"; cat <<'EOF'
<script>
const marks = [...document.querySelectorAll('mark[title]')].map(m => {
  const r = m.getBoundingClientRect();
  return {cls: m.className, bg: getComputedStyle(m).backgroundColor, top: r.top, bottom: r.bottom};
});
const out = document.createElement('pre'); out.id = 'frner-probe';
out.textContent = JSON.stringify({scrollWidth: document.documentElement.scrollWidth,
  scrollHeight: document.documentElement.scrollHeight, innerWidth, innerHeight,
  charset: document.characterSet, marks});
document.body.appendChild(out);
</script>
EOF
    } >"$probe"
    chrome --dump-dom --window-size="$WIDTH,$HEIGHT" "file://$probe" >"$probed"

    # Python prints "PASS msg" / "FAIL msg" lines; the counts are tallied here.
    while IFS= read -r line; do
        case "$line" in
            PASS\ *) pass "$name: ${line#PASS }" ;;
            FAIL\ *) fail "$name: ${line#FAIL }" ;;
            *) echo "      $line" ;;
        esac
    done < <(python3 - "$png" "$jsonl" "$dom" "$probed" "$name" <<'PY' 2>&1 || echo "FAIL python checker crashed (see above)"
import json, os, struct, sys, zlib
from collections import Counter
from html.parser import HTMLParser

png_path, jsonl_path, dom_path, probe_path, name = sys.argv[1:6]
COLOURS = {"PER": (0xff, 0xd6, 0xa5), "ORG": (0xa0, 0xc4, 0xff), "LOC": (0xb9, 0xfb, 0xc0)}

def check(ok, msg):
    print(("PASS " if ok else "FAIL ") + msg)
    return ok

# ---- PNG: decode with zlib/struct (8-bit RGB/RGBA, non-interlaced: what Chromium writes) ----
def read_png(path):
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG")
    pos, idat, ihdr = 8, [], None
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR": ihdr = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT": idat.append(body)
        elif kind == b"IEND": break
        pos += 12 + length
    width, height, depth, ctype, _, _, interlace = ihdr
    if depth != 8 or ctype not in (2, 6) or interlace:
        raise ValueError(f"unsupported PNG: depth {depth}, colour type {ctype}, interlace {interlace}")
    bpp = 3 if ctype == 2 else 4
    raw = zlib.decompress(b"".join(idat))
    stride = width * bpp
    prev = bytearray(stride)
    rows = []
    for y in range(height):
        f = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        if f == 1:
            for i in range(bpp, stride): line[i] = (line[i] + line[i - bpp]) & 255
        elif f == 2:
            line = bytearray((a + b) & 255 for a, b in zip(line, prev))
        elif f == 3:
            for i in range(stride):
                left = line[i - bpp] if i >= bpp else 0
                line[i] = (line[i] + ((left + prev[i]) >> 1)) & 255
        elif f == 4:
            for i in range(stride):
                a = line[i - bpp] if i >= bpp else 0
                b = prev[i]; c = prev[i - bpp] if i >= bpp else 0
                p = a + b - c; pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        elif f != 0:
            raise ValueError(f"bad filter {f} on row {y}")
        rows.append(bytes(line))
        prev = line
    return width, height, bpp, rows

# ---- expected entities from the JSONL output ----
records = [json.loads(l) for l in open(jsonl_path, encoding="utf-8") if l.strip()]
entities = [e for r in records for e in r.get("entities", [])]
errors = [r for r in records if "error" in r]
labels = Counter(e["label"] for e in entities)
print(f"jsonl: {len(records)} records, {len(errors)} errors, {len(entities)} entities {dict(labels)}")

# ---- screenshot ----
try:
    width, height, bpp, rows = read_png(png_path)
    check((width, height) == (1200, 1600), f"screenshot {png_path} is {width}x{height} ({os.path.getsize(png_path)} bytes)")
    pixels = Counter()
    for row in rows:
        pixels.update(row[i:i + 3] for i in range(0, len(row), bpp))
    total = width * height
    white = pixels.get(b"\xff\xff\xff", 0)
    check(len(pixels) >= 20 and white < total * 0.99,
          f"screenshot not blank: {len(pixels)} distinct colours, {100 * (total - white) / total:.1f}% non-white")
    for label, rgb in COLOURS.items():
        n = pixels.get(bytes(rgb), 0)
        # Each highlight (legend included) is at least ~20x25 px of flat colour.
        want = 300 * (1 + labels.get(label, 0))
        check(n >= want, f"{label} highlight #{bytes(rgb).hex()} present: {n} px (want >= {want})")
    if errors:
        red = sum(n for c, n in pixels.items() if c[0] >= 0x90 and c[1] <= 0x50 and c[2] <= 0x50)
        check(red >= 100, f"error text drawn in red (.error #b00): {red} reddish px")
except Exception as e:  # missing/corrupt PNG
    check(False, f"screenshot {png_path}: {type(e).__name__}: {e} "
                 f"(Chromium's messages: {os.path.join(os.path.dirname(png_path), 'chromium.log')})")

# ---- DOM as Chromium parsed it ----
class Marks(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.marks, self.stack, self.error_sections, self.probe = [], [], 0, None
        self._in_probe = False
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "mark":
            self.stack.append({"cls": a.get("class"), "title": a.get("title"), "text": "", "in_lbl": False})
        elif tag == "span" and self.stack and "lbl" in (a.get("class") or "").split():
            self.stack[-1]["in_lbl"] = True
        elif tag == "section" and "error" in (a.get("class") or "").split():
            self.error_sections += 1
        elif tag == "pre" and a.get("id") == "frner-probe":
            self._in_probe, self.probe = True, ""
    def handle_endtag(self, tag):
        if tag == "mark" and self.stack: self.marks.append(self.stack.pop())
        elif tag == "span" and self.stack: self.stack[-1]["in_lbl"] = False
        elif tag == "pre": self._in_probe = False
    def handle_data(self, data):
        if self.stack and not self.stack[-1]["in_lbl"]: self.stack[-1]["text"] += data
        if self._in_probe: self.probe += data

dom = Marks(); dom.feed(open(dom_path, encoding="utf-8").read())
titled = [m for m in dom.marks if m["title"] is not None]
check(len(dom.marks) > 0, f"dump-dom parsed: {len(dom.marks)} <mark> ({len(dom.marks) - len(titled)} in the legend)")
check(len(titled) == len(entities), f"<mark title> count {len(titled)} == JSONL entities {len(entities)}")
bad = []
for i, (m, e) in enumerate(zip(titled, entities)):
    want_title = f"{e['label']} · {e['source']}"
    if m["cls"] != e["label"] or m["text"] != e["text"] or not m["title"].startswith(want_title):
        bad.append(f"#{i}: DOM class={m['cls']!r} text={m['text']!r} title={m['title']!r}; "
                   f"JSONL {e['label']} {e['text']!r} {e['source']!r}")
check(not bad, "each <mark>'s class, text and title match its JSONL entity, in order"
      + ("" if not bad else ": " + "; ".join(bad[:3])))
check(dom.error_sections == len(errors), f"error sections {dom.error_sections} == JSONL error records {len(errors)}")

# ---- probe: computed styles and layout ----
pd = Marks(); pd.feed(open(probe_path, encoding="utf-8").read())
if check(bool(pd.probe), "layout probe ran (script output in the DOM)"):
    p = json.loads(pd.probe)
    check(p["charset"] == "UTF-8", f"page decoded as {p['charset']}")
    wrong = [m for m in p["marks"] if m["bg"] != "rgb(%d, %d, %d)" % COLOURS.get(m["cls"], (0, 0, 0))]
    check(not wrong, f"every entity's computed background is its label colour ({len(p['marks'])} marks)"
          + ("" if not wrong else f": {wrong[:3]}"))
    check(p["scrollWidth"] <= p["innerWidth"], f"no horizontal overflow (scrollWidth {p['scrollWidth']} <= {p['innerWidth']})")
    # --dump-dom's viewport is shorter than the screenshot's; compare with the screenshot height.
    below = [m for m in p["marks"] if m["bottom"] > 1600]
    check(not below, f"all entities inside the 1600 px high screenshot (page height {p['scrollHeight']})"
          + ("" if not below else f": {len(below)} below the fold, their colours are not checked"))
PY
    )
}

for case in "${CASES[@]}"; do
    IFS='|' read -r name args want_rc <<<"$case"
    check_page "$name" "$args" "$want_rc"
done

echo "screenshots: $OUT_DIR/article.png $OUT_DIR/mixed.png"
[ "$FAILED" -eq 0 ] && finish 0 || finish 1
