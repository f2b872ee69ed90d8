/// Shell-style patterns for `exclude` lists: `*` is any run of characters, `?` one character;
/// everything else matches itself. Matching ignores case (slugs are lowercase, e-mails are not).
struct Glob: Sendable, Hashable {
    let pattern: String
    private let scalars: [Unicode.Scalar]

    init(_ pattern: String) {
        self.pattern = pattern
        self.scalars = Array(pattern.lowercased().unicodeScalars)
    }

    /// A pattern without `*` or `?` names one thing; a missing name is then an error, not a no-op.
    var isLiteral: Bool { !scalars.contains("*") && !scalars.contains("?") }

    func matches(_ text: String) -> Bool {
        let text = Array(text.lowercased().unicodeScalars)
        // Iterative matcher with one backtrack point for the last `*`: linear for typical patterns.
        var p = 0
        var t = 0
        var star: (pattern: Int, text: Int)?
        while t < text.count {
            if p < scalars.count, scalars[p] == "?" || scalars[p] == text[t] {
                p += 1
                t += 1
            } else if p < scalars.count, scalars[p] == "*" {
                star = (p, t)
                p += 1
            } else if let last = star {
                p = last.pattern + 1
                t = last.text + 1
                star = (last.pattern, last.text + 1)
            } else {
                return false
            }
        }
        while p < scalars.count, scalars[p] == "*" { p += 1 }
        return p == scalars.count
    }
}
