// The canonical order of a snapshot's lists, so that equal configurations are equal values and
// equal files. Strings compare by their UTF-8 bytes: a total order that no locale or Unicode
// normalization can change.

extension Snapshot {
    /// This snapshot in canonical order: teams by slug, members by e-mail (each member's teams
    /// by slug), projects by slug (each project's teams sorted), keys by project then public key,
    /// filters and ownership by project, secrets by public key, legacy-browser subfilters sorted.
    /// Lists a person typed into a filter (IPs, releases, error messages) keep their order.
    public func canonicalized() -> Snapshot {
        var copy = self
        copy.teams.sortIfNeeded { $0.slug.utf8Precedes($1.slug) }
        for index in copy.members.indices {
            copy.members[index].teams.sortIfNeeded { $0.slug.utf8Precedes($1.slug) }
        }
        copy.members.sortIfNeeded { $0.email.utf8Precedes($1.email) }
        for index in copy.projects.indices {
            copy.projects[index].teams.sortIfNeeded { $0.utf8Precedes($1) }
            // No stored setting and no environment are the same as none listed.
            if copy.projects[index].settings?.isEmpty == true { copy.projects[index].settings = nil }
            if copy.projects[index].environments?.isEmpty == true { copy.projects[index].environments = nil }
        }
        if copy.organization.settings?.isEmpty == true { copy.organization.settings = nil }
        copy.projects.sortIfNeeded { $0.slug.utf8Precedes($1.slug) }
        copy.keys.sortIfNeeded {
            $0.project == $1.project ? $0.publicKey.utf8Precedes($1.publicKey) : $0.project.utf8Precedes($1.project)
        }
        for index in copy.filters.indices {
            if case .subfilters(var names) = copy.filters[index].legacyBrowsers {
                let before = names
                names.sortIfNeeded { $0.utf8Precedes($1) }
                if names != before { copy.filters[index].legacyBrowsers = .subfilters(names) }
            }
        }
        copy.filters.sortIfNeeded { $0.project.utf8Precedes($1.project) }
        copy.ownership.sortIfNeeded { $0.project.utf8Precedes($1.project) }
        copy.metricAlerts = copy.metricAlerts.map { alert in
            var alert = alert
            alert.projects.sort { $0.utf8Precedes($1) }
            alert.eventTypes.sort { $0.utf8Precedes($1) }
            return alert
        }
        copy.metricAlerts.sort {
            ($0.project, $0.name) == ($1.project, $1.name)
                ? $0.ordinal < $1.ordinal
                : $0.project == $1.project ? $0.name.utf8Precedes($1.name) : $0.project.utf8Precedes($1.project)
        }
        copy.secrets.sortIfNeeded { $0.publicKey.utf8Precedes($1.publicKey) }
        copy.projectSecrets.sortIfNeeded { $0.project.utf8Precedes($1.project) }
        copy.rules.sort {
            ($0.project, $0.name) == ($1.project, $1.name)
                ? $0.ordinal < $1.ordinal
                : $0.project == $1.project ? $0.name.utf8Precedes($1.name) : $0.project.utf8Precedes($1.project)
        }
        return copy
    }
}

extension MutableCollection where Self: RandomAccessCollection {
    /// Sorts only when out of order: a snapshot read from its files or from the target is already
    /// canonical, and sorting (even sorted input) writes every element, which copies the whole list
    /// when it is shared (50,000 members copied twice per plan, a tenth of its time).
    mutating func sortIfNeeded(by areInIncreasingOrder: (Element, Element) -> Bool) {
        var index = startIndex
        while index != endIndex {
            let next = self.index(after: index)
            if next != endIndex, areInIncreasingOrder(self[next], self[index]) {
                sort(by: areInIncreasingOrder)
                return
            }
            index = next
        }
    }
}
