// The snapshot's most numerous kinds read straight from the tape (`TapeReadable`). Each reader
// knows the fields its type's synthesized `Decodable` reads, with the same names and kinds:
// required fields must be present and not null, optional ones may be absent or null. Anything
// else is nil, and `StrictDecoder` decodes the value instead (`TapeReadableTests` holds each
// reader to it, on hostile values too).

extension TeamMembership: TapeReadable {
    package init?(tape: JSONTape, at index: Int) {
        var slug: String?
        var role: String?
        guard
            tape.readMembers(
                of: index,
                { key, value in
                    switch key {
                    case "slug": keep(tape.plainString(value), in: &slug)
                    case "role": tape.isNull(value) || keep(tape.plainString(value), in: &role)
                    default: false
                    }
                }), let slug
        else { return nil }
        self.init(slug: slug, role: role)
    }
}

extension Member: TapeReadable {
    package init?(tape: JSONTape, at index: Int) {
        var email: String?
        var name: String?
        var role: String?
        var pending: Bool?
        var teams: [TeamMembership]?
        var hostedId: String?
        var identity: IdentityPolicy?
        guard
            tape.readMembers(
                of: index,
                { key, value in
                    switch key {
                    case "email": keep(tape.plainString(value), in: &email)
                    case "name": keep(tape.plainString(value), in: &name)
                    case "role": keep(tape.plainString(value), in: &role)
                    case "pending": keep(tape.plainBool(value), in: &pending)
                    case "teams":
                        keep(tape.elements(of: value) { TeamMembership(tape: tape, at: $0) }, in: &teams)
                    case "hostedId": tape.isNull(value) || keep(tape.plainString(value), in: &hostedId)
                    case "identity":
                        tape.isNull(value)
                            || keep(tape.plainString(value).flatMap(IdentityPolicy.init(rawValue:)), in: &identity)
                    default: false
                    }
                }), let email, let name, let role, let pending, let teams
        else { return nil }
        self.init(
            email: email, name: name, role: role, pending: pending, teams: teams, hostedId: hostedId,
            identity: identity)
    }
}

extension RateLimit: TapeReadable {
    package init?(tape: JSONTape, at index: Int) {
        var count: Int?
        var window: Int?
        guard
            tape.readMembers(
                of: index,
                { key, value in
                    switch key {
                    case "count": keep(tape.plainInteger(value), in: &count)
                    case "window": keep(tape.plainInteger(value), in: &window)
                    default: false
                    }
                }), let count, let window
        else { return nil }
        self.init(count: count, window: window)
    }
}

extension LoaderOptions: TapeReadable {
    package init?(tape: JSONTape, at index: Int) {
        var flags: [Bool?] = [nil, nil, nil, nil, nil]
        let names = ["hasDebug", "hasFeedback", "hasLogsAndMetrics", "hasPerformance", "hasReplay"]
        guard
            tape.readMembers(
                of: index,
                { key, value in
                    guard let position = names.firstIndex(of: key) else { return false }
                    return keep(tape.plainBool(value), in: &flags[position])
                })
        else { return nil }
        let read = flags.compactMap { $0 }
        guard read.count == names.count else { return nil }
        self.init(
            hasDebug: read[0], hasFeedback: read[1], hasLogsAndMetrics: read[2], hasPerformance: read[3],
            hasReplay: read[4])
    }
}

extension ClientKey: TapeReadable {
    package init?(tape: JSONTape, at index: Int) {
        var project: String?
        var label: String?
        var publicKey: String?
        var active: Bool?
        var rateLimit: RateLimit?
        var browserSdkVersion: String?
        var loaderOptions: LoaderOptions?
        var hostedProjectId: String?
        guard
            tape.readMembers(
                of: index,
                { key, value in
                    switch key {
                    case "project": keep(tape.plainString(value), in: &project)
                    case "label": keep(tape.plainString(value), in: &label)
                    case "publicKey": keep(tape.plainString(value), in: &publicKey)
                    case "active": keep(tape.plainBool(value), in: &active)
                    case "rateLimit": tape.isNull(value) || keep(RateLimit(tape: tape, at: value), in: &rateLimit)
                    case "browserSdkVersion":
                        tape.isNull(value) || keep(tape.plainString(value), in: &browserSdkVersion)
                    case "loaderOptions":
                        tape.isNull(value) || keep(LoaderOptions(tape: tape, at: value), in: &loaderOptions)
                    case "hostedProjectId":
                        tape.isNull(value) || keep(tape.plainString(value), in: &hostedProjectId)
                    default: false
                    }
                }), let project, let label, let publicKey, let active
        else { return nil }
        self.init(
            project: project, label: label, publicKey: publicKey, active: active, rateLimit: rateLimit,
            browserSdkVersion: browserSdkVersion, loaderOptions: loaderOptions, hostedProjectId: hostedProjectId)
    }
}
