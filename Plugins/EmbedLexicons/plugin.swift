import Foundation
import PackagePlugin

/// Compiles the shipped lexicons (`Lexicons/curated/*.tsv`, `Lexicons/generated/*.tsv`) into the
/// `FrenchNERLexicons` module as string constants, so that a program using the library finds them
/// wherever it is copied, without a checkout. The command runs again when any of those files changes.
@main
struct EmbedLexicons: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let lexicons = context.package.directoryURL.appending(path: "Lexicons")
        var inputs: [URL] = []
        var names: [String] = []
        for folder in ["curated", "generated"] {
            let directory = lexicons.appending(path: folder)
            let files = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
            for name in files.filter({ $0.hasSuffix(".tsv") }).sorted() {
                inputs.append(directory.appending(path: name))
                names.append(folder + "/" + name)
            }
        }
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedLexiconData.swift")
        return [
            .buildCommand(
                displayName: "Embedding \(names.count) lexicon files into \(target.name)",
                executable: try context.tool(named: "EmbedLexiconsTool").url,
                arguments: [output.path, lexicons.path] + names,
                inputFiles: inputs,
                outputFiles: [output]
            ),
        ]
    }
}
