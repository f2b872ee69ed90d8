// The canonical order of a snapshot's lists, so that equal configurations are equal values and
// equal files. Strings compare by their UTF-8 bytes: a total order that no locale or Unicode
// normalization can change.

extension Snapshot {
    /// This snapshot in canonical order: teams by slug, members by e-mail (each member's teams
    /// by slug), projects by slug (each project's teams sorted), keys by project then public key,
    /// filters and ownership by project, secrets by public key, legacy-browser subfilters sorted.
    /// Lists a person typed into a filter (IPs, releases, error messages) keep their order.
    public func canonicalized() -> Snapshot {
        // Every check reads `self`, which never changes, and finds what is out of order first; only that
        // is written, into `copy`. A list written through `copy` is copied whole (it shares its storage
        // with `self`), and the optimizer makes it unique before any loop that may write it, whether or
        // not the loop then writes: a target already in order had its 50,000 members copied, 40 ms of a
        // large plan's one-thread tail (docs/performance.md, eleventh session). `CanonicalOrderTests`
        // checks that an ordered snapshot keeps its lists' storage.
        var copy = self
        if !teams.isInOrder(by: { $0.slug.utf8Precedes($1.slug) }) {
            copy.teams.sort { $0.slug.utf8Precedes($1.slug) }
        }
        let membersToSort = members.withUnsafeBufferPointer { members in
            members.indices.filter { !members[$0].teams.isInOrder(by: { $0.slug.utf8Precedes($1.slug) }) }
        }
        if !membersToSort.isEmpty {
            for index in membersToSort { copy.members[index].teams.sort { $0.slug.utf8Precedes($1.slug) } }
        }
        if !members.isInOrder(by: { $0.email.utf8Precedes($1.email) }) {
            copy.members.sort { $0.email.utf8Precedes($1.email) }
        }
        // No stored setting and no environment are the same as none listed.
        let projectsToMend = projects.indices.filter {
            !projects[$0].teams.isInOrder(by: { $0.utf8Precedes($1) }) || projects[$0].settings?.isEmpty == true
                || projects[$0].environments?.isEmpty == true
        }
        if !projectsToMend.isEmpty {
            for index in projectsToMend {
                copy.projects[index].teams.sort { $0.utf8Precedes($1) }
                if projects[index].settings?.isEmpty == true { copy.projects[index].settings = nil }
                if projects[index].environments?.isEmpty == true { copy.projects[index].environments = nil }
            }
        }
        if organization.settings?.isEmpty == true { copy.organization.settings = nil }
        if !projects.isInOrder(by: { $0.slug.utf8Precedes($1.slug) }) {
            copy.projects.sort { $0.slug.utf8Precedes($1.slug) }
        }
        let keyOrder: (ClientKey, ClientKey) -> Bool = {
            $0.project == $1.project ? $0.publicKey.utf8Precedes($1.publicKey) : $0.project.utf8Precedes($1.project)
        }
        if !keys.isInOrder(by: keyOrder) { copy.keys.sort(by: keyOrder) }
        let filtersToSort = filters.indices.filter {
            guard case .subfilters(let names) = filters[$0].legacyBrowsers else { return false }
            return !names.isInOrder(by: { $0.utf8Precedes($1) })
        }
        if !filtersToSort.isEmpty {
            for index in filtersToSort {
                if case .subfilters(var names) = filters[index].legacyBrowsers {
                    names.sort { $0.utf8Precedes($1) }
                    copy.filters[index].legacyBrowsers = .subfilters(names)
                }
            }
        }
        if !filters.isInOrder(by: { $0.project.utf8Precedes($1.project) }) {
            copy.filters.sort { $0.project.utf8Precedes($1.project) }
        }
        if !ownership.isInOrder(by: { $0.project.utf8Precedes($1.project) }) {
            copy.ownership.sort { $0.project.utf8Precedes($1.project) }
        }
        let alertsToSort = metricAlerts.indices.filter {
            !metricAlerts[$0].projects.isInOrder(by: { $0.utf8Precedes($1) })
                || !metricAlerts[$0].eventTypes.isInOrder(by: { $0.utf8Precedes($1) })
        }
        if !alertsToSort.isEmpty {
            for index in alertsToSort {
                copy.metricAlerts[index].projects.sort { $0.utf8Precedes($1) }
                copy.metricAlerts[index].eventTypes.sort { $0.utf8Precedes($1) }
            }
        }
        let alertOrder: (MetricAlert, MetricAlert) -> Bool = {
            ($0.project, $0.name) == ($1.project, $1.name)
                ? $0.ordinal < $1.ordinal
                : $0.project == $1.project ? $0.name.utf8Precedes($1.name) : $0.project.utf8Precedes($1.project)
        }
        if !metricAlerts.isInOrder(by: alertOrder) { copy.metricAlerts.sort(by: alertOrder) }
        if !secrets.isInOrder(by: { $0.publicKey.utf8Precedes($1.publicKey) }) {
            copy.secrets.sort { $0.publicKey.utf8Precedes($1.publicKey) }
        }
        if !projectSecrets.isInOrder(by: { $0.project.utf8Precedes($1.project) }) {
            copy.projectSecrets.sort { $0.project.utf8Precedes($1.project) }
        }
        let ruleOrder: (IssueAlertRule, IssueAlertRule) -> Bool = {
            ($0.project, $0.name) == ($1.project, $1.name)
                ? $0.ordinal < $1.ordinal
                : $0.project == $1.project ? $0.name.utf8Precedes($1.name) : $0.project.utf8Precedes($1.project)
        }
        if !rules.isInOrder(by: ruleOrder) { copy.rules.sort(by: ruleOrder) }
        return copy
    }
}

extension Collection {
    /// Whether no element is ordered before the one ahead of it (as `sort(by:)` would leave them).
    package func isInOrder(by areInIncreasingOrder: (Element, Element) -> Bool) -> Bool {
        var index = startIndex
        while index != endIndex {
            let next = self.index(after: index)
            if next != endIndex, areInIncreasingOrder(self[next], self[index]) { return false }
            index = next
        }
        return true
    }
}

extension Array {
    /// `Collection.isInOrder` through the array's buffer, whose elements are read in place: through the
    /// array, each element compared was copied (every string of a member retained and released).
    package func isInOrder(by areInIncreasingOrder: (Element, Element) -> Bool) -> Bool {
        withUnsafeBufferPointer { elements in
            guard elements.count > 1 else { return true }
            for index in 1..<elements.count where areInIncreasingOrder(elements[index], elements[index - 1]) {
                return false
            }
            return true
        }
    }
}

extension Array {
    /// This list sorted by `areInIncreasingOrder`; itself, not a copy, when it already is.
    package func sortedIfNeeded(by areInIncreasingOrder: (Element, Element) -> Bool) -> [Element] {
        isInOrder(by: areInIncreasingOrder) ? self : sorted(by: areInIncreasingOrder)
    }
}

extension MutableCollection where Self: RandomAccessCollection {
    /// Sorts only when out of order: a snapshot read from its files or from the target is already
    /// canonical, and sorting (even sorted input) writes every element, which copies the whole list
    /// when it is shared (50,000 members copied twice per plan, a tenth of its time).
    package mutating func sortIfNeeded(by areInIncreasingOrder: (Element, Element) -> Bool) {
        if !isInOrder(by: areInIncreasingOrder) { sort(by: areInIncreasingOrder) }
    }
}
