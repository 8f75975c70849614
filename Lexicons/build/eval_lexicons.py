#!/usr/bin/env python3
"""Score the shipped lexicons with the tagger on the shared dev corpora (no corpus text is copied
into the repository): winer-fr split into odd and even documents (brat docs in sorted order, copied
to a temporary folder), plus wikineural-fr, wikiann-fr dev, hipe2020, newseye, letemps and europeana.

    swift build -c release
    python3 Lexicons/build/eval_lexicons.py [--corpora ../shared/corpora] [--json out.json]
                                            [--errors-odd FILE]   # errors of the winer odd half only

Read errors on the odd half only; a lexicon change must hold on the even half and every other corpus.
"""
import argparse
import concurrent.futures as cf
import json
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpora", default=os.path.join(os.path.dirname(ROOT), "shared", "corpora"))
    ap.add_argument("--frner", default=os.path.join(ROOT, ".build", "release", "frner"))
    ap.add_argument("--json", help="write all scores to this file")
    ap.add_argument("--errors-odd", help="write the winer-fr odd half's errors to this file")
    args = ap.parse_args()
    c = args.corpora
    tmp = tempfile.mkdtemp(prefix="frner-halves-")
    docs = os.path.join(c, "winer-fr", "docs")
    names = sorted(f[:-4] for f in os.listdir(docs) if f.endswith(".txt"))
    for half in ("odd", "even"):
        os.makedirs(os.path.join(tmp, half))
    for i, n in enumerate(names, 1):
        half = "odd" if i % 2 else "even"
        for ext in (".txt", ".ann"):
            shutil.copy(os.path.join(docs, n + ext), os.path.join(tmp, half))
    corpora = [("winer-odd", os.path.join(tmp, "odd")), ("winer-even", os.path.join(tmp, "even")),
               ("wikineural", f"{c}/wikineural-fr/sample.conll"), ("wikiann-dev", f"{c}/wikiann-fr/dev.conll"),
               ("hipe2020", f"{c}/hipe2020-fr/sample.conll"), ("newseye", f"{c}/newseye-fr/sample.conll"),
               ("letemps", f"{c}/letemps-fr/sample.conll"), ("europeana", f"{c}/europeana-fr/sample.conll")]
    env = dict(os.environ, FRNER_LEXICONS=os.path.join(ROOT, "Lexicons"))

    def one(item):
        name, path = item
        cmd = ["nice", "-n", "10", args.frner, "eval", "--gold", path, "--json"]
        if name == "winer-odd" and args.errors_odd:
            cmd += ["--errors", args.errors_odd]
        r = subprocess.run(cmd, capture_output=True, text=True, env=env, check=True)
        return name, json.loads(r.stdout)

    with cf.ThreadPoolExecutor(2) as ex:
        res = dict(ex.map(one, corpora))
    shutil.rmtree(tmp)
    if args.json:
        with open(args.json, "w") as fh:
            json.dump(res, fh, indent=1)
    for name, _ in corpora:
        o, t = res[name]["overall"], res[name]["per_type"]
        print(f"{name:12s} F {o['f1']:.4f} (P {o['precision']:.3f} R {o['recall']:.3f}) | " + " ".join(
            f"{k} {t[k]['precision']:.3f}/{t[k]['recall']:.3f}/{t[k]['f1']:.3f}" for k in ("PER", "LOC", "ORG") if k in t))
    return 0


if __name__ == "__main__":
    sys.exit(main())
