extension String {
    /// The lines of a text, split at `\n` with a `\r` before it removed (`"\r\n"` is one `Character`
    /// in Swift, so splitting the characters at `"\n"` would miss Windows line ends).
    func lines() -> [Substring] {
        var lines: [Substring] = []
        var start = startIndex
        let scalars = unicodeScalars
        var index = scalars.startIndex
        while index < scalars.endIndex {
            if scalars[index] == "\n" {
                var end = index
                if end > start, scalars[scalars.index(before: end)] == "\r" { end = scalars.index(before: end) }
                lines.append(self[start..<end])
                start = scalars.index(after: index)
            }
            index = scalars.index(after: index)
        }
        var end = endIndex
        if end > start, scalars[scalars.index(before: end)] == "\r" { end = scalars.index(before: end) }
        lines.append(self[start..<end])
        return lines
    }
}
