// The canonical order of a snapshot's lists, so that equal configurations are equal values and
// equal files. Strings compare by their UTF-8 bytes: a total order that no locale or Unicode
// normalization can change.

extension Snapshot {
    /// This snapshot in canonical order: teams by slug, members by e-mail (each member's teams
    /// by slug), projects by slug (each project's teams sorted), keys by project then public key,
    /// filters and ownership by project, secrets by public key, legacy-browser subfilters sorted.
    /// Lists a person typed into a filter (IPs, releases, error messages) keep their order.
    public func canonicalized() -> Snapshot {
        // Every element is read before it is written: writing through `copy.members[index]` makes the
        // list unique, and so copied whole, even when nothing in it changes (50,000 members per plan).
        var copy = self
        copy.teams.sortIfNeeded { $0.slug.utf8Precedes($1.slug) }
        for index in copy.members.indices
        where !copy.members[index].teams.isInOrder(by: { $0.slug.utf8Precedes($1.slug) }) {
            copy.members[index].teams.sort { $0.slug.utf8Precedes($1.slug) }
        }
        copy.members.sortIfNeeded { $0.email.utf8Precedes($1.email) }
        for index in copy.projects.indices {
            let project = copy.projects[index]
            if !project.teams.isInOrder(by: { $0.utf8Precedes($1) }) {
                copy.projects[index].teams.sort { $0.utf8Precedes($1) }
            }
            // No stored setting and no environment are the same as none listed.
            if project.settings?.isEmpty == true { copy.projects[index].settings = nil }
            if project.environments?.isEmpty == true { copy.projects[index].environments = nil }
        }
        if copy.organization.settings?.isEmpty == true { copy.organization.settings = nil }
        copy.projects.sortIfNeeded { $0.slug.utf8Precedes($1.slug) }
        copy.keys.sortIfNeeded {
            $0.project == $1.project ? $0.publicKey.utf8Precedes($1.publicKey) : $0.project.utf8Precedes($1.project)
        }
        for index in copy.filters.indices {
            if case .subfilters(var names) = copy.filters[index].legacyBrowsers,
                !names.isInOrder(by: { $0.utf8Precedes($1) })
            {
                names.sort { $0.utf8Precedes($1) }
                copy.filters[index].legacyBrowsers = .subfilters(names)
            }
        }
        copy.filters.sortIfNeeded { $0.project.utf8Precedes($1.project) }
        copy.ownership.sortIfNeeded { $0.project.utf8Precedes($1.project) }
        for index in copy.metricAlerts.indices {
            let alert = copy.metricAlerts[index]
            if !alert.projects.isInOrder(by: { $0.utf8Precedes($1) }) {
                copy.metricAlerts[index].projects.sort { $0.utf8Precedes($1) }
            }
            if !alert.eventTypes.isInOrder(by: { $0.utf8Precedes($1) }) {
                copy.metricAlerts[index].eventTypes.sort { $0.utf8Precedes($1) }
            }
        }
        copy.metricAlerts.sortIfNeeded {
            ($0.project, $0.name) == ($1.project, $1.name)
                ? $0.ordinal < $1.ordinal
                : $0.project == $1.project ? $0.name.utf8Precedes($1.name) : $0.project.utf8Precedes($1.project)
        }
        copy.secrets.sortIfNeeded { $0.publicKey.utf8Precedes($1.publicKey) }
        copy.projectSecrets.sortIfNeeded { $0.project.utf8Precedes($1.project) }
        copy.rules.sortIfNeeded {
            ($0.project, $0.name) == ($1.project, $1.name)
                ? $0.ordinal < $1.ordinal
                : $0.project == $1.project ? $0.name.utf8Precedes($1.name) : $0.project.utf8Precedes($1.project)
        }
        return copy
    }
}

extension Collection {
    /// Whether no element is ordered before the one ahead of it (as `sort(by:)` would leave them).
    func isInOrder(by areInIncreasingOrder: (Element, Element) -> Bool) -> Bool {
        var index = startIndex
        while index != endIndex {
            let next = self.index(after: index)
            if next != endIndex, areInIncreasingOrder(self[next], self[index]) { return false }
            index = next
        }
        return true
    }
}

extension MutableCollection where Self: RandomAccessCollection {
    /// Sorts only when out of order: a snapshot read from its files or from the target is already
    /// canonical, and sorting (even sorted input) writes every element, which copies the whole list
    /// when it is shared (50,000 members copied twice per plan, a tenth of its time).
    mutating func sortIfNeeded(by areInIncreasingOrder: (Element, Element) -> Bool) {
        if !isInOrder(by: areInIncreasingOrder) { sort(by: areInIncreasingOrder) }
    }
}
