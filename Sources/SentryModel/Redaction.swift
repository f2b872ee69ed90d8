// Removes credentials from the locations a snapshot records and the tool prints: a URL's
// userinfo password, credential-like query parameters, and `password=` in libpq conninfo text.

public enum Redaction {
    /// `location` without passwords or tokens: `postgres://u:pw@db/sentry?sslpassword=x`
    /// becomes `postgres://u@db/sentry`; `host=db password=pw` becomes `host=db`. Anything else
    /// (a plain path, a URL without credentials) comes back unchanged.
    public static func stripCredentials(from location: String) -> String {
        if let schemeEnd = location.range(of: "://") {
            return strippingURL(location, afterScheme: schemeEnd.upperBound)
        }
        if location.contains("=") && !location.contains("/") || location.lowercased().contains("password=") {
            return strippingConninfo(location)
        }
        return location
    }

    private static func isCredentialName(_ name: String) -> Bool {
        let name = name.lowercased()
        return name.contains("password") || name.contains("token") || name.contains("secret")
            || ["key", "apikey", "api_key", "auth", "authorization"].contains(name)
    }

    private static func strippingURL(_ url: String, afterScheme start: String.Index) -> String {
        let rest = url[start...]
        let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? rest.endIndex
        var authority = String(rest[..<authorityEnd])
        if let at = authority.lastIndex(of: "@") {
            let userinfo = authority[..<at]
            let user = userinfo.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            authority = (user.isEmpty ? "" : "\(user)@") + authority[authority.index(after: at)...]
        }
        var tail = String(rest[authorityEnd...])
        if let query = tail.firstIndex(of: "?") {
            let fragmentStart = tail[query...].firstIndex(of: "#") ?? tail.endIndex
            let items = tail[tail.index(after: query)..<fragmentStart].split(separator: "&").filter { item in
                let name = item.split(separator: "=", maxSplits: 1).first.map(String.init) ?? ""
                return !isCredentialName(name.removingPercentEscapesLoosely)
            }
            tail = tail[..<query] + (items.isEmpty ? "" : "?" + items.joined(separator: "&")) + tail[fragmentStart...]
        }
        return String(url[..<start]) + authority + tail
    }

    /// libpq keyword/value text: `key=value` pairs separated by spaces, values optionally in
    /// single quotes with backslash escapes.
    private static func strippingConninfo(_ text: String) -> String {
        var kept: [String] = []
        var index = text.startIndex
        while index < text.endIndex {
            while index < text.endIndex, text[index].isWhitespace { index = text.index(after: index) }
            guard index < text.endIndex else { break }
            let start = index
            var inQuotes = false
            while index < text.endIndex, inQuotes || !text[index].isWhitespace {
                if text[index] == "\\" {
                    index = text.index(after: index)
                    if index == text.endIndex { break }
                } else if text[index] == "'" {
                    inQuotes.toggle()
                }
                index = text.index(after: index)
            }
            let pair = String(text[start..<index])
            let name = pair.split(separator: "=", maxSplits: 1).first.map(String.init) ?? pair
            if !isCredentialName(name.trimmingSpaces) { kept.append(pair) }
        }
        return kept.joined(separator: " ")
    }
}

extension String {
    fileprivate var trimmingSpaces: String {
        String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }

    /// Enough percent-decoding to recognize `pass%77ord`; not a general decoder.
    fileprivate var removingPercentEscapesLoosely: String {
        guard contains("%") else { return self }
        var bytes: [UInt8] = []
        var utf8 = Array(self.utf8)[...]
        while let byte = utf8.popFirst() {
            if byte == UInt8(ascii: "%"), utf8.count >= 2,
                let value = UInt8(String(decoding: utf8.prefix(2), as: UTF8.self), radix: 16)
            {
                bytes.append(value)
                utf8 = utf8.dropFirst(2)
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
