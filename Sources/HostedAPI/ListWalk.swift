/// Where the reading of a paged list stands: the cursor of its next page, and the checks that
/// stop a list whose cursors lead nowhere.
struct ListWalk {
    let path: String
    /// The next page's cursor; nil before the first page.
    private(set) var cursor: String?
    private var seen: Set<String> = []
    private var pages = 0
    private var emptyInARow = 0

    init(path: String) { self.path = path }

    /// Takes in a page of `rows` rows with its `Link` header: true when another page follows (its
    /// cursor is then `cursor`), false when the list is complete.
    mutating func follow(rows: Int, link: String?) throws -> Bool {
        pages += 1
        emptyInARow = rows == 0 ? emptyInARow + 1 : 0
        guard let link else { return false }
        guard let next = NextCursor(linkHeader: link) else {
            throw HostedAPIError.malformed(url: path, path: "Link", detail: "no rel=\"next\" entry in '\(link)'")
        }
        guard next.hasResults else { return false }
        // A cursor that keeps promising rows it never brings would be followed forever.
        if emptyInARow >= HostedClient.emptyPagesTolerated || pages >= HostedClient.maximumPages {
            throw HostedAPIError.endlessPagination(url: path, pages: pages)
        }
        guard seen.insert(next.cursor).inserted else {
            throw HostedAPIError.malformed(url: path, path: "Link", detail: "cursor \(next.cursor) repeats")
        }
        cursor = next.cursor
        return true
    }
}
