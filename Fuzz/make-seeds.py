#!/usr/bin/env python3
"""Writes the hand-made seed inputs of each fuzz target into Fuzz/corpus/TARGET/seed-*, and the
libFuzzer dictionaries into Fuzz/dict/TARGET.dict.

Every seed is written here, by hand, for this project (none is copied from an evaluation corpus). Inputs
that libFuzzer found and `scripts/fuzz.sh merge` kept sit beside them under their SHA-1 names; bug
reproducers are named repro-*. Re-running this script rewrites the seed-* files only.
"""
import os
import sys

ROOT = os.path.dirname(os.path.abspath(__file__))

PROSE = [
    "M. Antony Blinken est arrivé à Kiev.",
    "L'OTAN et M. Blinken à Saint-Étienne. Le président Wilson, lui, reste à Washington.",
    "Selon l'Agence France-Presse (AFP), la ministre de l'Intérieur a déclaré : « Nous verrons. »",
    "Jean-Pierre Raffarin et Mme Marie-Christine Dupont-Aignan ont visité l'Assemblée nationale hier.",
    "Le Parlement européen avant, le ministère de l'Intérieur après ; la SNCF et la Banque de France.",
    "J. Chirac, J.-P. Sartre et O.N.U. : etc. et des fraises. Dr. House, Mgr Lustiger, Me Dupond-Moretti.",
    "Numa Matthey, secrétaire, et M. Hagenbeck, le célèbre marchand d'animaux de Hambourg.",
    "Il a gagné 1 000 000 d'euros, soit 3,5 % de plus qu'en 2023.",
    "Voir https://www.example.org/a/b?c=d&e=f#g ou écrire à jean.dupont@example.fr.",
    "D’APRÈS L’AFP, LE PRÉSIDENT MACRON EST À MARSEILLE.",
    "aujourd'hui, quelqu'un de la presqu'île, jusqu'à Lyon ; prud'homme.",
    "«\u202fBonjour\u202f», dit-il\u202f! Vraiment\u202f? Oui… Non.",
    "Zorglub de la Broufin de la Tour d'Auvergne est venu.",
    "PARIS LYON MARSEILLE BORDEAUX",
    "Paris Lyon Marseille Bordeaux Toulouse Nice",
    "Jean Pierre Marie Paul Jacques",
    "A. B. C. D. E. F.",
    "l'l'l'l'l'l'l'l'",
    "((((((Paris))))))",
    "Paris, Lyon, Marseille, Lille, Nantes, Rennes, Brest et Tours.",
    "Le Mans, Le Havre, La Rochelle, Les Sables-d'Olonne, L'Haÿ-les-Roses.",
    "Œuvre de Æsop, Łódź, İstanbul, Ørsted, Ðakovo, Þingvellir.",
    "Il 😀. Elle 𝐀b. Fin 🇫🇷 Paris.",
    "中文。日本語！Fin. Suite à Pékin.",
    "Une phrase؟ Une autre। Fin. مرحبا بالعالم",
    "Fin.\r\nDébut.\rSuite.\u2029Autre\u0085Encore\u2028Ligne",
    "Cite.\u0301 Suite Mot\u00ad. Suite e\u0301te\u0301 Éte\u0301.",
    "Emmanuel Macron a rencontré Angela Merkel à Berlin avec Olaf Scholz.",
    "La Société générale SA et Renault SAS ; Google Inc. et Siemens GmbH.",
    "le lac Léman, le mont Blanc, l'île de Ré, la rue de Rivoli, le golfe du Lion.",
    "\ufeffTitre\n\nTexte\tavec\ttabulations\x0bet\x0ccontrôles\u200bzéro\u200dlargeur\u2060.",
    "Les U.S.A. sont là. Le 12. 13 ans. Ceci est faux.Voilà.",
    "Jean Lyon Dupont.\nLyon\nDupont",
    "M. Jean Dupont Martin M. Jean Dupont Martin",
    "",
    " ",
    ".",
    "'",
    "-",
]

def utf16_raw(units):
    """0xFE + UTF-16LE units: the raw form of the tokenizer and tagger targets."""
    out = bytearray([0xFE])
    for u in units:
        out += bytes([u & 0xFF, u >> 8])
    return bytes(out)

def text_seeds():
    seeds = [s.encode("utf-8") for s in PROSE]
    seeds.append(" ".join(PROSE).encode("utf-8"))
    # Invalid UTF-8: stray continuation, truncated sequences, overlong, surrogate, out of range.
    seeds += [b"Paris \x80 Lyon", b"caf\xc3", b"\xc0\xaf M. Dupont", b"\xed\xa0\x80 Lyon", b"\xf4\x90\x80\x80 x",
              b"Jean \xe2\x80 Dupont.", b"\xff\xfe\x00P\x00a\x00r"]
    # Raw UTF-16 with unpaired surrogates and a pair split by a space.
    seeds.append(utf16_raw([ord(c) for c in "Paris "] + [0xD800] + [ord(c) for c in " Lyon."]))
    seeds.append(utf16_raw([0xDC00, 0x4D, 0x2E, 0x20, 0x4A, 0x2E, 0xD83D, 0xDE00, 0xD83D]))
    return seeds

JSON = [
    '{"id": "a1", "text": "M. Antony Blinken est arrivé à Kiev."}',
    '{"id": 42, "text": "Paris\\nLyon\\tMarseille \\"quoted\\" \\\\ \\/ \\b\\f\\r", "extra": [1, 2.5, -3e2, true, false, null]}',
    '{"text": "\\u00c9lys\\u00e9e \\ud83d\\ude00 \\ud800 \\udc00x \\ud800\\u0041", "meta": {"a": {"b": {"c": []}}}}',
    '{}', '[]', '"x"', '0', '-0.0', '1e999', '-1E-999', '12345678901234567890', '{"a":1,"a":2}',
    '{"id": "x", "text": "caf\xc3"}', '{"id":"x" , "text" : "y" }  ', ' \t\r\n{"k": "v"}\n',
    '[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]', '{"a": [{"b": null}, {"c": [true, {"d": "e"}]}]}',
    '{"id": "1", "text": "nul \\u0000 inside"}', '{"id": "\\u00e9t\\u00e9", "text": "\u00e9t\u00e9"}',
    # Malformed: trailing comma, missing colon, bad escape, control character, truncations.
    '{"a": 1,}', '{"a" 1}', '{"a": "\\x"}', '{"a": "tab\there"}', '{"a": "unterminated', '{"a": tru}', '{"a": 01}',
    '{"a": 1.}', '{"a": 1e}', '{"a": -}', '{"a": .5}', '{"a": [1 2]}', '{"a": 1} x', '', '   ',
]

def json_seeds():
    seeds = []
    for s in JSON:
        # Raw bytes for the one with \xc3 (invalid UTF-8 inside a string).
        seeds.append(s.encode("latin-1") if "\xc3" in s else s.encode("utf-8"))
    seeds.append(b"[" * 600 + b"]" * 600)  # deeper than the parser's 512 limit
    seeds.append(b'{"t": "' + b"\\ud83d\\ude00" * 50 + b'"}')
    return seeds

CONLL = [
    "-DOCSTART-\tO\n\nLe\tO\nprésident\tO\nEmmanuel\tB-PER\nMacron\tI-PER\nest\tO\nà\tO\nParis\tB-LOC\n.\tO\n\n"
    "L'\tO\nOTAN\tB-ORG\n(\tO\nOrganisation\tB-ORG\ndu\tI-ORG\ntraité\tI-ORG\n)\tO\n\n-DOCSTART-\tO\n\nLyon\tI-LOC\nMarseille\tI-LOC\n",
    "Jean O\nDupont B-PER\nDurand I-PER\nà O\nNew S-LOC\nYork E-LOC\n",
    "Le\tO\tDET\tx\nchat\tO\tNOUN\ty\n\n\n\nParis\tB-LOC\tPROPN\n",
    "Paris\tB_LOC\nLyon\tB_MISC\nNice\tI-MISC\nGrenoble\tB-GPE\nBrest\tB-Organisation\n",
    "Paris\tX-LOC\n",
    "Paris\n",
    "\tB-PER\n\tI-PER\n",
    "Paris\tB-\n",
    "Jean\tB-PER\r\nDupont\tI-PER\r\n\r\nFin\tO\r\n",
    "«\tO\nBonjour\tO\n»\tO\n,\tO\ndit\tO\nM.\tO\nDupont\tB-PER\n…\tO\n(\tO\nsic\tO\n)\tO\n%\tO\n",
    "-DOCSTART-\n-DOCSTART-\n\n",
    "jusqu'\tO\nà\tO\naujourd'hui\tO\n-\tO\nSaint\tB-LOC\n-\tI-LOC\nÉtienne\tI-LOC\n",
    "  \t \n\t\n",
    "",
]

BRAT = [
    ("Jean Dupont habite à Paris.\n", "T1\tPER 0 11\tJean Dupont\nT2\tLOC 21 26\tParis\n#1\tAnnotatorNotes T1\tnote\n"),
    ("Jean Dupont habite à Paris.", "T1\tPER 0 4;5 11\tJean Dupont\nT2\tPERS 0 4\tJean\nT3\tDATE 12 18\thabite\n"),
    ("La Banque de France.", "T1\tORG 3 19\tBanque de France\nT2\tLOC 13 19\tFrance\nT3\tORG 3 9\tBanque\n"),
    ("abc", "T1\tLOC 0 4\tabcd\n"),
    ("abc", "T1\tLOC 2 1\tx\n"),
    ("abc", "T1\tLOC -1 2\tx\n"),
    ("abc", "T1\tLOC\tx\n"),
    ("abc", "T1\n"),
    ("é😀x", "T1\tLOC 1 3\t😀x\r\nR1\tRel Arg1:T1 Arg2:T1\r\nE1\tEvent:T1\n"),
    ("", "T1\tPER 0 0\t\n"),
]

LEXICON = [
    "# comment\nJean Dupont\tPER.full\t\tuser\t\tA\nOTAN\tORG.international\tOrganisation du traité de l'Atlantique nord\tcurated\texact\tA\n"
    "Tours\tLOC.city\t\tdata-france\tamb\tA\nM.\tCUE.title\t\tcurated\texact\tA\nministère\tCUE.orghead\n"
    "américain\tDEM\tÉtats-Unis\nCovid\tNOENT.disease\nMacron\tPER.full\tEmmanuel Macron\tcurated\talias\tA\n",
    "Paris\tLOC\nRenault\tORG\nJean\tPER.first\nDupont\tPER.last\nLe Mans\tLOC.city\tLe Mans\t\t\tC\n",
    "Saint-Étienne\tLOC.city\nL'Haÿ-les-Roses\tLOC.city\n  Lyon  \t LOC.city \t\t\t amb , exact \t B \n",
    "Paris\tLOC.city\t\t\tamb,bogus\n",
    "Paris\tLOC.nowhere\n",
    "Paris\n",
    "\tLOC.city\n",
    "a\tb\tc\td\te\tf\tg\n",
    "Paris\tLOC.city\t\t\t\tZ\n",
    "le\tdet\nchat\tnoun\nrouge\tadj,adv\nmanger\tverb\n\tnoun\n",
    "Jean\r\nDupont\tPER.last\r\n\r\n# fin\r\n",
    "",
]

TEXT_WORDS = [
    "M.", "Mme", "Dr.", "Mgr", "président", "ministre", "ministère", "secrétaire", "l'", "d'", "L'", "D'", "qu'",
    "jusqu'", "l\u2019", "aujourd'hui", "Saint-", "-", "\u2010", " de la ", " du ", " des ", " et ", " à ", ". ", "!",
    "?", "\u2026", "\n", "\r\n", "\u2029", "\u202f", "\u00a0", "«", "»", "(", ")", ",", "http://", "https://www.",
    "@", ".fr", "www.", "1 000", "Paris", "Lyon", "Marseille", "PARIS", "Jean", "Pierre", "Marie", "Dupont", "Martin",
    "Macron", "OTAN", "SNCF", "AFP", "France", "Banque de France", "Assemblée nationale", "Parlement européen",
    "Emmanuel", "Blinken", "Kiev", "Washington", "SA", "SAS", "GmbH", "Inc.", "selon", "a déclaré", "lac", "mont",
    "rue", "ville", "A. ", "J.-C.", "O.N.U.", "É", "é", "\u0301", "\U0001F600", "\U0001D400", "\u00ad", "\u200b",
    "\ufeff", "\t", "Le ", "La ", "Les ",
]

DICTS = {
    "tokenizer": ("French text pieces", TEXT_WORDS),
    "tagger": ("French text pieces, names, cues", TEXT_WORDS),
    "json": ("JSON tokens", ['{', '}', '[', ']', ':', ',', '"', '"id"', '"text"', 'true', 'false', 'null', '\\u',
                             '\\ud83d', '\\ude00', '\\n', '\\"', '\\\\', '1e', '-0', '.5', 'E+', b'\xc3', 'é']),
    "conll": ("tags and separators", ["\t", "\n", "\n\n", "-DOCSTART-", "O", "B-PER", "I-PER", "B-ORG", "I-ORG",
                                      "B-LOC", "I-LOC", "S-LOC", "E-ORG", "B_PER", "B-MISC", "I-GPE", "\r\n", " ",
                                      "l'", "(", "«", "»", "...", "%", "-", "'"]),
    "brat": ("standoff fields", ["\0", "\t", "\n", "T1\t", "PER ", "ORG ", "LOC ", "PERS ", "GPE ", "MISC ", " 0 ",
                                 " 10 ", ";", "#1\tAnnotatorNotes", "R1\t", "E1\t", "A1\t", "-1", "\r\n"]),
    "lexicon": ("columns, types, flags", ["\t", "\n", "#", "PER", "ORG", "LOC", "PER.full", "PER.first", "PER.last",
                                          "LOC.city", "LOC.country", "ORG.company", "ORG.institution", "CUE.title",
                                          "CUE.function", "CUE.orghead", "CUE.orglegal", "CUE.lochead", "CUE.speech",
                                          "DEM", "NOENT.other", "amb", "exact", "alias", ",", "A", "B", "C", "curated",
                                          "noun", "adj", "verb", "det", "\r\n", " "]),
}

def dict_line(word):
    data = word if isinstance(word, bytes) else word.encode("utf-8")
    return '"' + "".join(chr(c) if 32 <= c < 127 and c not in (34, 92) else
                         ("\\" + chr(c) if c in (34, 92) else "\\x%02X" % c) for c in data) + '"'

def write_dicts():
    folder = os.path.join(ROOT, "dict")
    os.makedirs(folder, exist_ok=True)
    for target, (what, words) in DICTS.items():
        with open(os.path.join(folder, target + ".dict"), "w") as f:
            f.write("# libFuzzer dictionary for the %s target: %s (written by Fuzz/make-seeds.py)\n" % (target, what))
            for word in words:
                f.write(dict_line(word) + "\n")

def main():
    write_dicts()
    seeds = {
        "tokenizer": text_seeds(),
        "tagger": text_seeds(),
        "json": json_seeds(),
        "conll": [s.encode("utf-8") for s in CONLL],
        "brat": [(t + "\0" + a).encode("utf-8") for t, a in BRAT] + [BRAT[0][1].encode("utf-8")],
        "lexicon": [s.encode("utf-8") for s in LEXICON],
    }
    for target, items in seeds.items():
        folder = os.path.join(ROOT, "corpus", target)
        os.makedirs(folder, exist_ok=True)
        for name in os.listdir(folder):
            if name.startswith("seed-"):
                os.remove(os.path.join(folder, name))
        for i, data in enumerate(items):
            with open(os.path.join(folder, "seed-%03d" % i), "wb") as f:
                f.write(data)
        print("%s: %d seeds" % (target, len(items)), file=sys.stderr)

if __name__ == "__main__":
    main()
