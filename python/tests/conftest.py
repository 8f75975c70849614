"""Shared fixtures: the frner the package runs, the news corpus when present, the CLI's reference output."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Dict, List

import pytest

import frenchner

REPO = Path(__file__).resolve().parents[2]
NEWS = Path(os.environ.get("FRENCHNER_NEWS_CORPUS") or REPO.parent / "shared" / "corpora" / "news-fr" / "articles.jsonl")

#: Sentences with known entities, built so that every one has at least one entity.
PEOPLE = ["Emmanuel Macron", "Angela Merkel", "Antony Blinken", "Olivier Véran", "Annick Girardin", "Jean Castex"]
PLACES = ["Paris", "Lyon", "Marseille", "Kiev", "Bruxelles", "Toulouse"]
ORGS = ["l'OTAN", "l'ONU", "la SNCF", "l'Union européenne"]


def synthetic_texts(n: int) -> List[str]:
    """n French news-like texts (deterministic), with accents, apostrophes, hyphens and emoji."""
    texts = []
    for i in range(n):
        p, q = PEOPLE[i % len(PEOPLE)], PEOPLE[(i * 7 + 3) % len(PEOPLE)]
        place, org = PLACES[i % len(PLACES)], ORGS[i % len(ORGS)]
        texts.append(f"Dépêche n°{i} 📰 : M. {p} est arrivé à {place} mardi, où {q} l’attendait "
                     f"avec des représentants de {org}. « C'est une journée historique », a-t-il déclaré "
                     f"depuis Outre-mer ; tête -Les Français d'abord." + " Sans suite." * (i % 5))
    return texts


@pytest.fixture(scope="session")
def tagger():
    with frenchner.Tagger() as t:
        yield t


def frner_cli(records: List[Dict], *args: str) -> List[Dict]:
    """`frner tag --input-format jsonl --jobs 1` (the package's own binary) on these records."""
    data = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records).encode("utf-8")
    out = subprocess.run([sys.executable, "-m", "frenchner", "tag", "--input-format", "jsonl", "--jobs", "1", *args],
                         input=data, capture_output=True, check=False)
    assert out.returncode in (0, 1), out.stderr.decode()
    return [json.loads(line) for line in out.stdout.splitlines()]


def news_texts(limit: int = 0) -> List[str]:
    if not NEWS.is_file():
        pytest.skip(f"SKIPPED: the news corpus {NEWS} is not on this machine (set FRENCHNER_NEWS_CORPUS)")
    texts = []
    with open(NEWS, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                texts.append(json.loads(line)["text"])
                if limit and len(texts) >= limit:
                    break
    return texts
