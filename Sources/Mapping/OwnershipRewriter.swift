import SentryModel

/// What one owner token becomes.
enum OwnerResolution: Sendable, Hashable {
    /// Still right as written.
    case keep
    /// Write this instead (`#new-team`, `new@example.com`).
    case replace(String)
    /// Names no team or member of the result because of the mapping; the reason says why.
    case unknown(String)
    /// Names no team or member of the hosted snapshot either: sentry.io itself does not resolve it.
    case staleOnHosted
}

/// The result of rewriting one project's ownership rules.
struct OwnershipRewrite: Sendable, Hashable {
    struct Change: Sendable, Hashable {
        var position: Position
        var from: String
        /// nil when the owner was removed.
        var to: String?
        var reason: String
    }

    struct UnknownOwner: Sendable, Hashable {
        var position: Position
        var token: String
        var reason: String
    }

    var text: String
    var changes: [Change] = []
    var unknownOwners: [UnknownOwner] = []
    /// Owners sentry.io itself does not resolve, kept as written (unless the policy drops them).
    var staleOwners: [UnknownOwner] = []
    /// Rules left with no owner, turned into comments.
    var commentedOut: [Position] = []
    /// Lines Sentry's grammar rejects; left as they are.
    var unparsed: [Position] = []
}

/// Rewrites owner tokens inside ownership-rule text; every other character, comments, quoting,
/// spacing and line breaks included, is copied as it was.
enum OwnershipRewriter {
    static func rewrite(
        _ raw: String, unknownOwners policy: UnknownOwnerPolicy, resolve: (OwnerToken) -> OwnerResolution
    ) -> OwnershipRewrite {
        let document = OwnershipDocument(parsing: raw)
        var result = OwnershipRewrite(text: raw)
        result.unparsed = document.unparsed.map { document.position(of: $0.lowerBound) }
        var edits: [(range: Range<Int>, replacement: String)] = []

        for rule in document.rules {
            var ruleEdits: [(range: Range<Int>, replacement: String)] = []
            var ruleChanges: [OwnershipRewrite.Change] = []
            // Owners already in the rule, and whether the rewrite produced them.
            var seen: [String: Bool] = [:]
            var remaining = 0
            var previousEnd = rule.pattern.upperBound
            for owner in rule.owners {
                defer { previousEnd = owner.range.upperBound }
                let written = document.string(owner.range)
                let position = document.position(of: owner.range.lowerBound)
                var final = written
                var drop: String?
                switch resolve(owner) {
                case .keep: break
                case .replace(let replacement): final = replacement
                case .unknown(let reason):
                    switch policy {
                    case .drop: drop = reason
                    case .error, .keep:
                        result.unknownOwners.append(.init(position: position, token: written, reason: reason))
                    }
                case .staleOnHosted:
                    // The hosted state, not a mapping mistake: kept as sentry.io keeps it.
                    let reason = "already unresolved on sentry.io"
                    if policy == .drop {
                        drop = reason
                    } else {
                        result.staleOwners.append(.init(position: position, token: written, reason: reason))
                    }
                }
                let key = final.hasPrefix("#") ? final : final.lowercased()
                if drop == nil, let rewritten = seen[key], rewritten || final != written {
                    drop = "already an owner of this rule after the rewrite"
                }
                if let drop {
                    ruleEdits.append((previousEnd..<owner.range.upperBound, ""))
                    ruleChanges.append(.init(position: position, from: written, to: nil, reason: drop))
                    continue
                }
                seen[key] = (seen[key] ?? false) || final != written
                remaining += 1
                if final != written {
                    ruleEdits.append((owner.range, final))
                    ruleChanges.append(.init(position: position, from: written, to: final, reason: "renamed"))
                }
            }
            if remaining == 0 && !rule.owners.isEmpty {
                // Sentry refuses a rule without owners; keep it visible as a comment instead.
                let position = document.position(of: rule.range.lowerBound)
                edits.append((rule.range, commentedOut(document.string(rule.range))))
                result.commentedOut.append(position)
                result.changes.append(
                    contentsOf: ruleChanges.map {
                        .init(position: $0.position, from: $0.from, to: nil, reason: $0.reason)
                    })
            } else {
                edits.append(contentsOf: ruleEdits)
                result.changes.append(contentsOf: ruleChanges)
            }
        }
        if !edits.isEmpty {
            result.text = apply(edits, to: document)
        }
        return result
    }

    /// `# ` before the rule and after each line break inside it (a `tags.` type may span lines).
    static func commentedOut(_ rule: String) -> String {
        var output = String.UnicodeScalarView()
        output.append(contentsOf: "# ".unicodeScalars)
        let scalars = Array(rule.unicodeScalars)
        for (index, scalar) in scalars.enumerated() {
            output.append(scalar)
            let breaksLine =
                scalar == "\n" || (scalar == "\r" && (index + 1 == scalars.count || scalars[index + 1] != "\n"))
            if breaksLine { output.append(contentsOf: "# ".unicodeScalars) }
        }
        return String(output)
    }

    private static func apply(_ edits: [(range: Range<Int>, replacement: String)], to document: OwnershipDocument)
        -> String
    {
        var output = String.UnicodeScalarView()
        var cursor = 0
        for edit in edits.sorted(by: { $0.range.lowerBound < $1.range.lowerBound }) {
            output.append(contentsOf: document.text[cursor..<edit.range.lowerBound])
            output.append(contentsOf: edit.replacement.unicodeScalars)
            cursor = edit.range.upperBound
        }
        output.append(contentsOf: document.text[cursor...])
        return String(output)
    }
}
