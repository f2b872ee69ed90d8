// Removes credentials from the URLs a snapshot records as its source: a URL's userinfo password and
// credential-like query parameters. Database locations arrive already in libpq's shown form, with
// secrets masked (`ConnectionTarget` in SelfHosted, built on libpq's own parser), so no connection
// string is parsed here.

public enum Redaction {
    /// `location` without passwords or tokens: `https://u:pw@host/api/?auth_token=x` becomes
    /// `https://u@host/api/`. Anything else (a plain path, a URL without credentials, a database
    /// location already masked) comes back unchanged.
    public static func stripCredentials(from location: String) -> String {
        guard let schemeEnd = location.range(of: "://") else { return location }
        return strippingURL(location, afterScheme: schemeEnd.upperBound)
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
}

extension String {
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
