import SentryModel
import Yams

/// Turns a Yams parse failure into a positioned diagnostic: a file that is not YAML has no
/// tree to check further, so this is the only problem reported for it.
enum YAMLSyntax {
    static func diagnostic(for error: any Error, file: String) -> Diagnostic {
        let hint = "check the indentation and quoting around this position"
        guard let yamlError = error as? YamlError else {
            return Diagnostic(.error, "cannot read YAML: \(error)", at: Location(file: file))
        }
        switch yamlError {
        case .scanner(let context, let problem, let mark, _),
            .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            var message = "invalid YAML: \(problem)"
            if let context { message += " (\(context.text) at \(context.mark.line):\(context.mark.column))" }
            return Diagnostic(.error, message, next: hint, at: location(file, mark))
        case .duplicatedKeysInMapping(let duplicates, let context):
            let names = duplicates.map { "'\($0)'" }.joined(separator: ", ")
            return Diagnostic(
                .error, "duplicate key \(names) in one mapping",
                next: "each key may appear once; merge the two entries", at: location(file, context.mark))
        case .reader(let problem, _, _, _):
            return Diagnostic(
                .error, "invalid YAML: \(problem)", next: "save the file as UTF-8",
                at: Location(file: file, position: Position(line: 1, column: 1)))
        default:
            return Diagnostic(.error, "cannot read YAML: \(yamlError)", at: Location(file: file))
        }
    }

    private static func location(_ file: String, _ mark: Mark) -> Location {
        Location(file: file, position: Position(line: mark.line, column: mark.column))
    }
}
