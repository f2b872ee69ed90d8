/// Sentry's cursors: `value:offset:is_prev`, three integers.
struct Cursor: Equatable, CustomStringConvertible {
    var value: Int
    var offset: Int
    var isPrev: Bool

    init(value: Int, offset: Int, isPrev: Bool) {
        self.value = value
        self.offset = offset
        self.isPrev = isPrev
    }

    init?(_ text: String) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 3, let value = Int(parts[0]), let offset = Int(parts[1]), let prev = Int(parts[2]) else {
            return nil
        }
        self.init(value: value, offset: offset, isPrev: prev != 0)
    }

    var description: String { "\(value):\(offset):\(isPrev ? 1 : 0)" }
}

/// One page of a list, with the cursors Sentry would put in `Link`.
struct Page<Element> {
    var items: [Element]
    var previous: Cursor
    var previousHasResults: Bool
    var next: Cursor
    var nextHasResults: Bool
}

enum Paginate {
    /// `OffsetPaginator`: value = page size, offset = page number.
    static func offset<Element>(_ all: [Element], perPage: Int, cursor: Cursor?) -> Page<Element> {
        let page = max(0, cursor?.offset ?? 0)
        let start = min(all.count, page * perPage)
        let end = min(all.count, start + perPage)
        return Page(
            items: Array(all[start..<end]), previous: Cursor(value: perPage, offset: page - 1, isPrev: true),
            previousHasResults: page > 0, next: Cursor(value: perPage, offset: page + 1, isPrev: false),
            nextHasResults: end < all.count)
    }

    /// The default value `Paginator` over rows ordered by descending id: a cursor holds the id
    /// the page starts at.
    static func descendingId<Element>(
        _ all: [Element], id: (Element) -> Int, perPage: Int, cursor: Cursor?
    ) -> Page<Element> {
        var start = 0
        if let cursor, !cursor.isPrev, cursor.value > 0 || cursor.offset > 0 {
            start = (all.firstIndex { id($0) <= cursor.value } ?? all.count) + max(0, cursor.offset)
        } else if let cursor, cursor.isPrev {
            let firstAfter = all.firstIndex { id($0) <= cursor.value } ?? all.count
            start = max(0, firstAfter - perPage)
        }
        start = min(start, all.count)
        let end = min(all.count, start + perPage)
        let items = Array(all[start..<end])
        let firstId = items.first.map(id) ?? cursor?.value ?? 0
        let nextId = end < all.count ? id(all[end]) : (items.last.map(id) ?? firstId)
        return Page(
            items: items, previous: Cursor(value: firstId, offset: 0, isPrev: true), previousHasResults: start > 0,
            next: Cursor(value: nextId, offset: 0, isPrev: false), nextHasResults: end < all.count)
    }

    /// `Link` exactly as Sentry's `add_cursor_headers` builds it: previous first, both always.
    static func linkHeader(
        base: String, query: [(String, String)], previous: Cursor, previousHasResults: Bool,
        next: Cursor, nextHasResults: Bool
    ) -> String {
        let kept = query.filter { $0.0 != "cursor" }.map { "\(encode($0.0))=\(encode($0.1))" }.joined(separator: "&")
        func link(_ cursor: Cursor, _ rel: String, _ hasResults: Bool) -> String {
            "<\(base)?\(kept)&cursor=\(cursor)>; rel=\"\(rel)\"; results=\"\(hasResults)\"; cursor=\"\(cursor)\""
        }
        return link(previous, "previous", previousHasResults) + ", " + link(next, "next", nextHasResults)
    }

    /// Python's `urlencode` quoting (quote_plus): letters, digits and `_.-~` stay, space is `+`.
    static func encode(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "-"),
                UInt8(ascii: "~"):
                out.append(Character(UnicodeScalar(byte)))
            case UInt8(ascii: " "): out.append("+")
            default:
                let hex = String(byte, radix: 16, uppercase: true)
                out += "%" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return out
    }
}
