// The snapshot's most numerous kinds as the fields the planner compares, built directly
// (`JSONObjectConvertible`). `JSONValue.of` gets the same value through `Encodable`, the canonical
// writer and the parser; for the 73,000 creates of an initial apply of the large organization that
// round trip was most of the replan's work (docs/performance.md, eleventh session). Each conversion
// writes what the type's synthesized `Encodable` writes: every stored property under its own name,
// a nil optional left out. `JSONObjectTests` holds each one to `JSONValue.of`.

/// A value whose `JSONValue.of` form is an object that it can build without encoding.
package protocol JSONObjectConvertible {
    /// Exactly the members of the object `JSONValue.of(self)` gives.
    var jsonObject: [String: JSONValue] { get }
}

extension Dictionary where Key == String, Value == JSONValue {
    /// Sets `key` to `value` mapped, unless `value` is nil (as `encodeIfPresent` leaves it out).
    fileprivate mutating func setIfPresent<Wrapped>(_ key: String, _ value: Wrapped?, _ map: (Wrapped) -> JSONValue) {
        if let value { self[key] = map(value) }
    }
}

extension Team: JSONObjectConvertible {
    package var jsonObject: [String: JSONValue] {
        var object: [String: JSONValue] = ["slug": .string(slug), "name": .string(name)]
        object.setIfPresent("hostedId", hostedId, JSONValue.string)
        return object
    }
}

extension TeamMembership: JSONObjectConvertible {
    package var jsonObject: [String: JSONValue] {
        var object: [String: JSONValue] = ["slug": .string(slug)]
        object.setIfPresent("role", role, JSONValue.string)
        return object
    }
}

extension Member: JSONObjectConvertible {
    package var jsonObject: [String: JSONValue] {
        var object: [String: JSONValue] = [
            "email": .string(email), "name": .string(name), "role": .string(role), "pending": .bool(pending),
            "teams": .array(teams.map { .object($0.jsonObject) }),
        ]
        object.setIfPresent("hostedId", hostedId, JSONValue.string)
        object.setIfPresent("identity", identity) { .string($0.rawValue) }
        return object
    }
}

extension RateLimit: JSONObjectConvertible {
    package var jsonObject: [String: JSONValue] {
        ["count": .number(Double(count)), "window": .number(Double(window))]
    }
}

extension LoaderOptions: JSONObjectConvertible {
    package var jsonObject: [String: JSONValue] {
        [
            "hasDebug": .bool(hasDebug), "hasFeedback": .bool(hasFeedback),
            "hasLogsAndMetrics": .bool(hasLogsAndMetrics), "hasPerformance": .bool(hasPerformance),
            "hasReplay": .bool(hasReplay),
        ]
    }
}

extension ClientKey: JSONObjectConvertible {
    package var jsonObject: [String: JSONValue] {
        var object: [String: JSONValue] = [
            "project": .string(project), "label": .string(label), "publicKey": .string(publicKey),
            "active": .bool(active),
        ]
        object.setIfPresent("rateLimit", rateLimit) { .object($0.jsonObject) }
        object.setIfPresent("browserSdkVersion", browserSdkVersion, JSONValue.string)
        object.setIfPresent("loaderOptions", loaderOptions) { .object($0.jsonObject) }
        object.setIfPresent("hostedProjectId", hostedProjectId, JSONValue.string)
        return object
    }
}
