import FrenchNER
let tokenizer = try Tokenizer()
let doc = tokenizer.tokenize(CommandLine.arguments.dropFirst().joined(separator: " "))
for s in doc.sentences { print(s.tokens.map { doc.string(of: doc.tokens[$0]) }.joined(separator: " | ")) }
