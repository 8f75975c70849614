// A program that uses FrenchNER as a dependency, for scripts/check-standalone-library.sh: it must tag a
// sentence after being copied away from its build, with the FrenchNER checkout moved away.
import FrenchNER

do {
    // The shipped lexicons: found without a checkout (compiled into the library).
    let tagger = try Tagger()
    for entity in tagger.entities(in: "M. Antony Blinken est arrivé à Kiev.") {
        print("entity", entity.label, entity.text, entity.start, entity.end)
    }
    print("shipped", try LexiconSet().shipped)

    // Entries given in code, no file.
    let zorglub = LexiconEntry(surface: "Zorglub Industries", type: .company, source: "app")
    let custom = try Tagger(lexicons: LexiconSet(entries: [zorglub]))
    for entity in custom.entities(in: "Il travaille chez Zorglub Industries depuis mai.") {
        print("entity", entity.label, entity.text, entity.source)
    }
} catch {
    print("error", error)
}

// A missing lexicon file is an error the program can catch, not a crash.
do {
    _ = try Tagger(lexicons: LexiconSet(userLexicons: ["/nonexistent/frner-lexicon.tsv"]))
    print("missing lexicon: no error")
} catch {
    print("missing lexicon: thrown:", error)
}
