/// Sentry's ownership-rule text, parsed exactly as Sentry's PEG grammar does
/// (`src/sentry/issues/ownership/grammar.py`), keeping the position of every owner token so that a
/// rewrite can change owners and nothing else.
///
///     ownership = line*
///     line      = _ (comment / rule / empty) newline?
///     rule      = _ matcher owners
///     matcher   = _ matcher_tag any_identifier
///     matcher_tag  = (matcher_type sep)?
///     matcher_type = "url" / "path" / "module" / "codeowners" / event_tag
///     event_tag    = ~r"tags.[^:]+"
///     owners    = _ owner*
///     owner     = _ team_prefix identifier      team_prefix = "#"?
///     comment   = ~r"#[^\r\n]*"
///     any_identifier    = quoted_identifier / identifier
///     identifier        = ~r"\S+"
///     quoted_identifier = ~r'"([^"\\]*(?:\\.[^"\\]*)*)"'
///     newline   = ~r"[\r\n]"     _ = " "*
///
/// PEG choices and optionals commit: once `url` matched, a missing `:` does not retry other
/// types, and a matched `url:` followed by white space fails the line. Sentry rejects text whose
/// lines do not all parse; this parser instead records such stretches as `unparsed` and resumes
/// after the next newline, so it always covers the whole text.
package struct OwnershipDocument: Sendable {
    package let text: [Unicode.Scalar]
    package var rules: [OwnershipRule] = []
    /// Stretches Sentry's grammar does not accept (each runs to the end of its line).
    package var unparsed: [Range<Int>] = []

    /// Where each line starts, for positions.
    private let lines: LineIndex<AnyNewlineBreaks>

    package init(parsing raw: String) {
        text = Array(raw.unicodeScalars)
        var parser = OwnershipParser(text: text)
        parser.parseDocument()
        rules = parser.rules
        unparsed = parser.unparsed
        lines = LineIndex(text)
    }

    package func string(_ range: Range<Int>) -> String {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: text[range])
        return String(view)
    }

    /// 1-based line and column of a position, counting `\n`, `\r\n` and a lone `\r` as line breaks.
    package func position(of index: Int) -> Position {
        let position = lines.position(of: index)
        return Position(line: position.line, column: position.column)
    }
}

package struct OwnershipRule: Sendable, Hashable {
    /// From the matcher's first character to the end of the last owner.
    package var range: Range<Int>
    /// `path` when the rule has no `type:` prefix, as Sentry reads it.
    package var matcherType: String
    /// The pattern as written (quotes included when quoted).
    package var pattern: Range<Int>
    package var owners: [OwnerToken]
}

package struct OwnerToken: Sendable, Hashable {
    /// The token as written, `#` included for teams.
    package var range: Range<Int>
    package var isTeam: Bool
    /// The token without its `#`.
    package var identifier: String
}

private struct OwnershipParser {
    let text: [Unicode.Scalar]
    var rules: [OwnershipRule] = []
    var unparsed: [Range<Int>] = []

    init(text: [Unicode.Scalar]) {
        self.text = text
    }

    mutating func parseDocument() {
        var position = 0
        while position < text.count {
            let end = parseLine(at: position)
            if end > position {
                position = end
                continue
            }
            // Sentry stops here with a parse error; skip to the next line and carry on.
            var stop = position
            while stop < text.count, !isNewline(text[stop]) { stop += 1 }
            if stop < text.count { stop += 1 }
            unparsed.append(position..<stop)
            position = stop
        }
    }

    /// `line = _ (comment / rule / empty) newline?`; returns where the line ends.
    mutating func parseLine(at start: Int) -> Int {
        var position = skipSpaces(start)
        if position < text.count, text[position] == "#" {
            while position < text.count, text[position] != "\r", text[position] != "\n" { position += 1 }
        } else if let rule = parseRule(at: position) {
            rules.append(rule)
            position = rule.range.upperBound
        }
        if position < text.count, isNewline(text[position]) { position += 1 }
        return position
    }

    /// `rule = _ matcher owners`.
    func parseRule(at start: Int) -> OwnershipRule? {
        let matcherStart = skipSpaces(start)
        var patternStart = matcherStart
        var type = "path"
        if let typeEnd = matcherType(at: matcherStart), typeEnd < text.count, text[typeEnd] == ":" {
            type = string(matcherStart..<typeEnd)
            patternStart = typeEnd + 1
        }
        guard let patternEnd = quotedIdentifier(at: patternStart) ?? identifier(at: patternStart) else {
            return nil
        }
        var owners: [OwnerToken] = []
        var end = skipSpaces(patternEnd)
        let ownersStart = end
        while true {
            let tokenStart = skipSpaces(end)
            let isTeam = tokenStart < text.count && text[tokenStart] == "#"
            let identifierStart = isTeam ? tokenStart + 1 : tokenStart
            guard let tokenEnd = identifier(at: identifierStart) else { break }
            owners.append(
                OwnerToken(
                    range: tokenStart..<tokenEnd, isTeam: isTeam, identifier: string(identifierStart..<tokenEnd)))
            end = tokenEnd
        }
        // Spaces after the pattern belong to the rule only when an owner follows them.
        let ruleEnd = owners.isEmpty ? ownersStart : end
        return OwnershipRule(
            range: matcherStart..<ruleEnd, matcherType: type, pattern: patternStart..<patternEnd, owners: owners)
    }

    /// `"url" / "path" / "module" / "codeowners" / ~r"tags.[^:]+"`: the first alternative that matches.
    func matcherType(at start: Int) -> Int? {
        for word in ["url", "path", "module", "codeowners"] where hasPrefix(word, at: start) {
            return start + word.unicodeScalars.count
        }
        // `tags` + any character but a newline + one or more non-colons (newlines included).
        guard hasPrefix("tags", at: start), start + 4 < text.count, text[start + 4] != "\n" else { return nil }
        var end = start + 5
        while end < text.count, text[end] != ":" { end += 1 }
        return end > start + 5 ? end : nil
    }

    /// `"([^"\\]*(?:\\.[^"\\]*)*)"`; the escaped character may be anything but a newline.
    func quotedIdentifier(at start: Int) -> Int? {
        guard start < text.count, text[start] == "\"" else { return nil }
        var position = start + 1
        while position < text.count {
            switch text[position] {
            case "\"": return position + 1
            case "\\":
                guard position + 1 < text.count, text[position + 1] != "\n" else { return nil }
                position += 2
            default: position += 1
            }
        }
        return nil
    }

    /// `\S+` with Python's notion of white space.
    func identifier(at start: Int) -> Int? {
        var end = start
        while end < text.count, !PythonWhitespace.contains(text[end]) { end += 1 }
        return end > start ? end : nil
    }

    func skipSpaces(_ start: Int) -> Int {
        var position = start
        while position < text.count, text[position] == " " { position += 1 }
        return position
    }

    func hasPrefix(_ word: String, at start: Int) -> Bool {
        var position = start
        for scalar in word.unicodeScalars {
            guard position < text.count, text[position] == scalar else { return false }
            position += 1
        }
        return true
    }

    func isNewline(_ scalar: Unicode.Scalar) -> Bool { scalar == "\r" || scalar == "\n" }

    func string(_ range: Range<Int>) -> String {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: text[range])
        return String(view)
    }
}

/// The characters Python's `\s` (and `str.isspace`) treat as white space.
package enum PythonWhitespace {
    package static func contains(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09...0x0D, 0x1C...0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000:
            return true
        default:
            return false
        }
    }
}
