import SentryModel

/// The lines that describe one change, shared by the text and Markdown renderers: a heading with the
/// action's marker, then field, outcome and note lines. Secrets appear only as digest prefixes.
struct ChangeLine: Equatable {
    enum Style: Equatable {
        case heading(ChangeAction)
        case detail
        case added
        case removed
    }

    var style: Style
    var text: String
}

enum ChangeLines {
    static func marker(_ action: ChangeAction) -> String {
        switch action {
        case .create: "+"
        case .update: "~"
        case .delete: "-"
        case .keep: "="
        }
    }

    static func lines(for change: EntityChange) -> [ChangeLine] {
        var heading = ValueText.plain(change.key)
        if let outcome = headingOutcome(change) { heading += "  — \(outcome)" }
        var lines = [ChangeLine(style: .heading(change.action), text: heading)]
        for field in change.fields { lines += fieldLines(field, action: change.action) }
        for note in change.notes { lines.append(ChangeLine(style: .detail, text: "note: \(note)")) }
        return lines
    }

    private static func headingOutcome(_ change: EntityChange) -> String? {
        switch change.action {
        case .keep: return "only on the target: kept (--prune would delete it)"
        case .delete: return "only on the target: deleted (--prune)"
        case .create, .update: break
        }
        if let identity = change.identity {
            switch identity.policy {
            case .link:
                return identity.existingUserId.map { "links existing user #\($0)" }
                    ?? "links an existing user, but none has this e-mail"
            case .invite: return "invites"
            case .create: return "creates an unclaimed user"
            }
        }
        if let dsn = change.dsn {
            let id = dsn.projectId.map(String.init) ?? "?"
            if change.stage == .projects {
                return dsn.preserved
                    ? "DSNs kept (public keys and project id \(id); only the host changes)"
                    : "DSNs change: \(dsn.reason ?? "not preserved")"
            }
            return dsn.preserved
                ? "DSN kept (public key and project id \(id); only the host changes)"
                : "DSN changes: \(dsn.reason ?? "not preserved")"
        }
        return nil
    }

    static func fieldLines(_ field: FieldChange, action: ChangeAction) -> [ChangeLine] {
        if field.sensitive {
            let after = field.afterDigest.map { "sha256:\($0)" } ?? "none"
            guard let before = field.beforeDigest else {
                return [ChangeLine(style: .detail, text: "\(field.field): (sensitive) \(after)")]
            }
            return [
                ChangeLine(style: .detail, text: "\(field.field): (sensitive: changed) sha256:\(before) → \(after)")
            ]
        }
        if ValueText.isMultiline(field.before) || ValueText.isMultiline(field.after) {
            var lines = [ChangeLine(style: .detail, text: "\(field.field):")]
            for line in ValueText.lineDiff(before: field.before?.stringValue, after: field.after?.stringValue) {
                let style: ChangeLine.Style =
                    line.hasPrefix("+") ? .added : line.hasPrefix("-") ? .removed : .detail
                lines.append(ChangeLine(style: style, text: line))
            }
            return lines
        }
        let after = field.after.map(ValueText.render) ?? "null"
        guard action == .update else { return [ChangeLine(style: .detail, text: "\(field.field): \(after)")] }
        let before = field.before.map(ValueText.render) ?? "null"
        return [ChangeLine(style: .detail, text: "\(field.field): \(before) → \(after)")]
    }
}
