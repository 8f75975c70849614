extension Scorer {
    /// Scores another system's predictions (`PredictionFile.read`) against gold documents, by id; a
    /// document without predictions is scored as empty.
    /// - Returns: the number of documents that had no predictions.
    @discardableResult
    public mutating func add(_ documents: [GoldDocument], predictions: [String: [PredictedEntity]]) -> Int {
        var missing = 0
        for document in documents {
            let spans = predictions[document.id]
            if spans == nil { missing += 1 }
            add(gold: document.entities, predicted: spans?.map(\.span) ?? [], text: document.text,
                id: document.id, sentences: document.sentenceCount, sources: spans?.map(\.source))
        }
        return missing
    }
}

extension GoldDocument {
    /// The document's text as a JSON Lines record, `{"id", "text"}` (`frner eval --dump-text`).
    public func textRecord() -> [UInt8] {
        var writer = JSONWriter()
        writer.objectStart()
        writer.key("id"); writer.string(id)
        writer.key("text"); writer.string(text)
        writer.objectEnd(); writer.newline()
        return writer.bytes
    }
}
