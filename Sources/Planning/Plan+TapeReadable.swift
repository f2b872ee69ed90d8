import SentryModel

// A plan file's changes read straight from the tape (`TapeReadable`), for apply's and show's start on
// a large plan (73,000 changes on the bench's large organization; half of loading them was spent in
// the Decodable containers). Each reader knows the fields its type's `Decodable` reads, with the
// same names, kinds and optionality; anything else is nil, and the change is decoded strictly
// instead, which reports its problem (`PlanTapeReadableTests`). Only the tape's non-generic readers,
// and its inlinable generic ones, are called from here: a generic function of another module that is
// not inlinable is not specialized, and looked up type metadata at run time for every field.

extension FieldChange: TapeReadable {
    package init?(tape: JSONTape, at index: Int) {
        var field: String?
        var before: JSONValue?
        var after: JSONValue?
        var sensitive: Bool?
        var beforeDigest: String?
        var afterDigest: String?
        guard
            tape.readMembers(
                of: index,
                { key, value in
                    switch key {
                    case "field": keep(tape.plainString(value), in: &field)
                    // Absent is nil and JSON null is `.null`, as `init(from:)` keeps them apart.
                    case "before": keep(JSONValue(tape, value), in: &before)
                    case "after": keep(JSONValue(tape, value), in: &after)
                    case "sensitive": keep(tape.plainBool(value), in: &sensitive)
                    case "beforeDigest": tape.isNull(value) || keep(tape.plainString(value), in: &beforeDigest)
                    case "afterDigest": tape.isNull(value) || keep(tape.plainString(value), in: &afterDigest)
                    default: false
                    }
                }), let field, let sensitive
        else { return nil }
        self.init(field: field, before: before, after: after)
        self.sensitive = sensitive
        self.beforeDigest = beforeDigest
        self.afterDigest = afterDigest
    }
}

extension IdentityOutcome: TapeReadable {
    package init?(tape: JSONTape, at index: Int) {
        var policy: IdentityPolicy?
        var existingUserId: Int64?
        guard
            tape.readMembers(
                of: index,
                { key, value in
                    switch key {
                    case "policy": keep(tape.plainString(value).flatMap(IdentityPolicy.init(rawValue:)), in: &policy)
                    case "existingUserId": tape.isNull(value) || keep(tape.plainInt64(value), in: &existingUserId)
                    default: false
                    }
                }), let policy
        else { return nil }
        self.init(policy: policy, existingUserId: existingUserId)
    }
}

extension DSNOutcome: TapeReadable {
    package init?(tape: JSONTape, at index: Int) {
        var preserved: Bool?
        var projectId: Int64?
        var reason: String?
        guard
            tape.readMembers(
                of: index,
                { key, value in
                    switch key {
                    case "preserved": keep(tape.plainBool(value), in: &preserved)
                    case "projectId": tape.isNull(value) || keep(tape.plainInt64(value), in: &projectId)
                    case "reason": tape.isNull(value) || keep(tape.plainString(value), in: &reason)
                    default: false
                    }
                }), let preserved
        else { return nil }
        self.init(preserved: preserved, projectId: projectId, reason: reason)
    }
}

extension EntityChange: TapeReadable {
    package init?(tape: JSONTape, at index: Int) {
        var stage: Stage?
        var key: String?
        var action: ChangeAction?
        var fields: [FieldChange]?
        var notes: [String]?
        var identity: IdentityOutcome?
        var dsn: DSNOutcome?
        guard
            tape.readMembers(
                of: index,
                { name, value in
                    switch name {
                    case "stage": return keep(tape.plainString(value).flatMap(Stage.init(rawValue:)), in: &stage)
                    case "key": return keep(tape.plainString(value), in: &key)
                    case "action":
                        return keep(tape.plainString(value).flatMap(ChangeAction.init(rawValue:)), in: &action)
                    case "fields":
                        return keep(tape.elements(of: value) { FieldChange(tape: tape, at: $0) }, in: &fields)
                    case "notes": return keep(tape.elements(of: value, tape.plainString), in: &notes)
                    case "identity":
                        return tape.isNull(value) || keep(IdentityOutcome(tape: tape, at: value), in: &identity)
                    case "dsn": return tape.isNull(value) || keep(DSNOutcome(tape: tape, at: value), in: &dsn)
                    default: return false
                    }
                }), let stage, let key, let action, let fields, let notes
        else { return nil }
        self.init(
            stage: stage, key: key, action: action, fields: fields, notes: notes, identity: identity, dsn: dsn)
    }
}
