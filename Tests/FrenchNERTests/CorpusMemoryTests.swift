import Testing
@testable import FrenchNER

@Suite("Corpus memory and learning (issue 17)")
struct CorpusMemoryTests {
    static func document(_ names: [(UInt64, EntityLabel)]) -> DocumentNames {
        var document = DocumentNames()
        document.sure = names.map { NameObservation(name: $0.0, label: $0.1) }
        return document
    }

    @Test("a name decides from minimumCount documents with minimumAgreement of them agreeing", arguments: [
        ([EntityLabel.organisation], nil as EntityLabel?),                       // one document: too few
        ([.organisation, .organisation], .organisation),
        ([.organisation, .organisation, .organisation, .organisation, .person], .organisation), // 0.8
        ([.organisation, .organisation, .organisation, .person], nil),            // 0.75 < 0.8
        ([.person, .organisation], nil),
    ])
    func thresholds(labels: [EntityLabel], expected: EntityLabel?) {
        var memory = CorpusMemory()
        for label in labels { memory.add(CorpusMemoryTests.document([(42, label)])) }
        #expect(memory.label(of: 42) == expected)
        #expect(memory.label(of: 7) == nil)
        #expect(memory.documents == labels.count)
    }

    @Test("corpus.majority: PER or ORG from minimumMajorityCount documents, twice the mention's own label elsewhere",
          arguments: [
        // (labels the documents type the name with, by any evidence; the mention's label; expected)
        ([EntityLabel.organisation, .organisation, .location], EntityLabel.location, EntityLabel.organisation as EntityLabel?),
        ([.organisation, .location], .location, nil),                             // one document is no majority
        ([.organisation, .organisation, .location, .location], .location, nil),   // ORG does not outnumber LOC
        ([.organisation, .organisation, .organisation, .organisation, .location, .location], .location, .organisation),
        ([.location, .location, .location, .person], .person, nil),               // a LOC majority is never taken
        ([.person, .person, .organisation], .organisation, .person),
        ([.person, .person, .location, .location, .location], .location, nil),    // LOC outnumbers PER
        ([.organisation, .organisation], .organisation, nil),                     // already the majority's label
    ])
    func majority(labels: [EntityLabel], current: EntityLabel, expected: EntityLabel?) {
        var memory = CorpusMemory()
        for label in labels {
            var document = DocumentNames()
            document.typed = [NameObservation(name: 42, label: label), NameObservation(name: 42, label: label)]
            memory.add(document)
        }
        #expect(memory.majorityLabel(of: 42, current: current) == expected)
        #expect(memory.majorityLabel(of: 7, current: current) == nil)
        #expect(memory.label(of: 42) == nil)    // weak typings never make a name sure
    }

    @Test("a name counts once per document")
    func oncePerDocument() {
        var memory = CorpusMemory()
        memory.add(CorpusMemoryTests.document([(42, .location), (42, .location), (42, .location)]))
        #expect(memory.names[42]?.location == 1)
        #expect(memory.label(of: 42) == nil)
    }

    @Test("the table is bounded: new names beyond the capacity are refused, known names keep counting")
    func bounded() {
        var memory = CorpusMemory(capacity: 2)
        memory.add(CorpusMemoryTests.document([(1, .person), (2, .person), (3, .person)]))
        memory.add(CorpusMemoryTests.document([(1, .person), (4, .person)]))
        #expect(memory.names.count == 2)
        #expect(memory.refusedNames == 2)
        #expect(memory.label(of: 1) == .person)
        #expect(memory.label(of: 3) == nil)
    }

    @Test("pass 1 remembers sure names and surnames of persons named in full, not bare guesses")
    func passOne() {
        let names = { (text: String) in Set(sharedTagger.names(in: TextBuffer(text), detail: true).sure.map(\.text)) }
        #expect(names("La société Quillifer a ouvert.").contains("Quillifer"))
        #expect(names("Mathilde Quillifer est arrivée.") == ["Quillifer"])   // the full name scores below sure
        #expect(names("Hier, Vexholm a gagné.").isEmpty)
        #expect(!names("Mathilde Brusquelin et France Bleu Roussillon.").contains("Bleu Roussillon"))
    }

    @Test("learn: entries above the thresholds, known and common names left out, most confident first")
    func learner() throws {
        var learner = LexiconLearner()
        let texts = ["La société Quillifer a ouvert.", "La société Quillifer a fermé.", "La société Quillifer a vendu.",
                     "M. Brusquelin a parlé.", "M. Brusquelin a ri.", "La société Renault a ouvert.", "La société Renault a fermé.",
                     "La société Santé a ouvert.", "La société Santé a fermé."]
        for text in texts { learner.add(sharedTagger.names(in: TextBuffer(text), detail: true)) }
        let entries = learner.entries(minimumCount: 2, minimumAgreement: 0.9)
        #expect(entries.map(\.text) == ["Quillifer", "Brusquelin"])
        #expect(entries.first?.label == .organisation && entries.first?.documents == 3 && entries.first?.agreement == 1)
        #expect(learner.entries(minimumCount: 3, minimumAgreement: 0.9).map(\.text) == ["Quillifer"])
        let tsv = learner.lexiconTSV(entries).split(separator: "\n")
        #expect(tsv.count == 4)
        #expect(tsv[2].hasPrefix("Quillifer\tORG.other\t\tlearned\t\tB\t# documents=3 mentions=3 agreement=1.00"))
        #expect(try LexiconFile.parse(String(tsv[2]), name: "learned.tsv").first?.surface == "Quillifer")
    }
}
