import Foundation
import SentryModel

// `GET /api/0/organizations/{org}/combined-rules/`: `OrganizationCombinedRuleIndexEndpoint.get`
// (getsentry/sentry `src/sentry/incidents/endpoints/organization_alert_rule_index.py`), the list the
// Alerts page shows. Served as its legacy path does: issue rules of status ACTIVE and DISABLED,
// metric alerts (`AlertRule.objects.fetch_for_organization`), uptime detectors; the simulator holds
// no cron monitors, so no `monitor` rows. Each row is its own serializer's answer plus `type`
// (`CombinedRuleSerializer.serialize`).

/// One row of the combined list, with what `CombinedQuerysetPaginator` sorts it by.
struct CombinedItem {
    enum Kind {
        case rule(SimulatedOrg.RuleRecord)
        case metricAlert(SimulatedOrg.MetricAlertRecord)
        /// An uptime monitor only counted (`configuration.notCarried["combined-rules"]`).
        case uptime(Int)
    }

    var kind: Kind

    var id: Int {
        switch kind {
        case .rule(let record): record.id
        case .metricAlert(let record): record.id
        case .uptime(let id): id
        }
    }

    /// The model's class name: the paginator's tie-breaker after the sort key.
    var modelName: String {
        switch kind {
        case .rule: "Rule"
        case .metricAlert: "AlertRule"
        case .uptime: "Detector"
        }
    }

    /// `date_added` in microseconds (the paginator's key for dates, `multiplier = 1000000`).
    var dateKey: Int { SimulatedDates.microseconds(forId: id) }

    /// The `alertType` this row answers to (`has_type`).
    var alertType: String {
        switch kind {
        case .rule: "rule"
        case .metricAlert: "alert_rule"
        case .uptime: "uptime"
        }
    }
}

/// Simulated rows are dated by id (a millisecond per id after a fixed instant), so the combined
/// list's date order is the id order and no two rows of one kind tie, as sentry.io's microsecond
/// `date_added` values practically never do.
enum SimulatedDates {
    static let epochMicroseconds = 1_704_164_645_000_000  // 2024-01-02T03:04:05Z

    static func microseconds(forId id: Int) -> Int { epochMicroseconds + id * 1000 }

    /// ISO 8601 with microseconds, as Sentry's serializers render a datetime.
    static func iso(forId id: Int) -> String {
        let micros = microseconds(forId: id)
        let date = Date(timeIntervalSince1970: Double(micros / 1_000_000))
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        let seconds = formatter.string(from: date).dropLast()  // drop "Z"
        let fraction = String(micros % 1_000_000)
        return seconds + "." + String(repeating: "0", count: 6 - fraction.count) + fraction + "Z"
    }
}

/// A row's own body with the `type` `CombinedRuleSerializer` adds.
struct TypedBody<Body: Encodable>: Encodable {
    var body: Body
    var type: String

    private struct TypeKey: CodingKey {
        var stringValue: String { "type" }
        var intValue: Int? { nil }
        init() {}
        init?(stringValue: String) {}
        init?(intValue: Int) { nil }
    }

    func encode(to encoder: any Encoder) throws {
        try body.encode(to: encoder)
        var container = encoder.container(keyedBy: TypeKey.self)
        try container.encode(type, forKey: TypeKey())
    }
}

enum CombinedBody: Encodable {
    case rule(TypedBody<RuleBody>)
    case metricAlert(TypedBody<MetricAlertBody>)
    case uptime(TypedBody<NotCarriedRow>)

    func encode(to encoder: any Encoder) throws {
        switch self {
        case .rule(let body): try body.encode(to: encoder)
        case .metricAlert(let body): try body.encode(to: encoder)
        case .uptime(let body): try body.encode(to: encoder)
        }
    }
}

enum CombinedPaginator {
    /// `CombinedQuerysetPaginator.get_result` over date keys, then `build_cursor`
    /// (`src/sentry/api/paginator.py`, `src/sentry/utils/cursors.py`): every kind is filtered by the
    /// cursor's value and cut to `limit + extra` rows *before* the offset applies, exactly as Sentry
    /// does (so rows tied on one date past a page's length would be skipped there too).
    static func page(_ items: [CombinedItem], limit: Int, cursor given: Cursor?, desc: Bool) -> Page<CombinedItem> {
        let cursor = given ?? Cursor(value: 0, offset: 0, isPrev: false)
        let value: Int? = cursor.value != 0 ? cursor.value : nil
        let limit = min(limit, 100)
        var extra = 1
        if cursor.isPrev, value != nil { extra += 1 }
        let ascending = (desc && cursor.isPrev) || !(desc || cursor.isPrev)
        var combined: [CombinedItem] = []
        for model in ["Rule", "AlertRule", "Detector"] {
            var rows = items.filter { $0.modelName == model }
            if let value { rows = rows.filter { ascending ? $0.dateKey >= value : $0.dateKey <= value } }
            rows.sort {
                ascending ? ($0.dateKey, $0.id) < ($1.dateKey, $1.id) : ($0.dateKey, $0.id) > ($1.dateKey, $1.id)
            }
            combined += rows.prefix(limit + extra)
        }
        combined.sort {
            ascending
                ? ($0.dateKey, $0.modelName) < ($1.dateKey, $1.modelName)
                : ($0.dateKey, $0.modelName) > ($1.dateKey, $1.modelName)
        }
        let offset = max(0, cursor.offset)
        var results = Array(combined.dropFirst(offset).prefix(limit + extra))
        if cursor.isPrev, let value {
            if let first = results.first, first.dateKey == value {
                results.removeFirst()
            } else if results.count == offset + limit + extra {
                results.removeLast()
            }
        }
        if cursor.isPrev { results.reverse() }
        return build(results, cursor: cursor, limit: limit)
    }

    /// `build_cursor`: the next cursor is the first row of the next page's key, with the offset of
    /// the rows before it that share that key.
    static func build(_ results: [CombinedItem], cursor: Cursor, limit: Int) -> Page<CombinedItem> {
        var value = cursor.value
        let hasPrevious: Bool
        if cursor.isPrev {
            hasPrevious = results.count > limit
        } else {
            hasPrevious = cursor.value != 0 || cursor.offset > 0
        }
        var nextValue = value
        var nextOffset = cursor.offset
        var hasNext = false
        if cursor.isPrev {
            hasNext = true
        } else if let last = results.last {
            if value == 0, let first = results.first { value = first.dateKey }
            hasNext = results.count > limit
            nextValue = last.dateKey
            if nextValue == value {
                nextOffset = cursor.offset + limit
            } else {
                nextOffset = 0
                for item in results.dropLast().reversed() {
                    guard item.dateKey == nextValue else { break }
                    nextOffset += 1
                }
            }
        }
        var previousValue = value
        var previousOffset = cursor.offset
        if cursor.isPrev, let first = results.first {
            previousValue = first.dateKey
            var index = 0
            if results.count > 2 {
                index = 1
                while index < results.count, results[index].dateKey == previousValue { index += 1 }
                index -= 1
            }
            previousOffset = previousValue == value ? cursor.offset + index : index
        }
        return Page(
            items: Array(results.prefix(limit)),
            previous: Cursor(value: previousValue, offset: previousOffset, isPrev: true),
            previousHasResults: hasPrevious,
            next: Cursor(value: nextValue, offset: nextOffset, isPrev: false), nextHasResults: hasNext)
    }
}

extension Simulator {
    /// The valid `sort` keys (`VALID_COMBINED_RULE_SORT_KEYS`); the simulator sorts by date only.
    static let combinedSortKeys: Set<String> = ["date_added", "name", "incident_status", "date_triggered"]

    func combinedRules(
        call: Call, caller: Caller, org: SimulatedOrg, perPage: Int, cursor: Cursor?
    ) -> Reply {
        // Projects: `-1` becomes every active project's id, then `get_projects` checks those ids
        // like named ones (all must be accessible, else 403); no `project` is the projects of the
        // caller's teams (a caller without a user: its memberships, `filter_by_membership`).
        let asked = call.values("project")
        var visible: [SimulatedOrg.ProjectRecord]
        if asked.isEmpty {
            visible = org.projects.filter { caller.isMember(ofProject: $0) }
        } else {
            guard asked.allSatisfy({ Int($0) != nil }) else {
                return .badRequest("Invalid project parameter. Values must be numbers.")
            }
            if asked.contains("-1") {
                visible = org.projects
            } else {
                visible = asked.compactMap { id in org.projects.first { String($0.id) == id } }
                guard visible.count == Set(asked).count else { return .forbidden() }
            }
            guard visible.allSatisfy(caller.hasAccess(toProject:)) else { return .forbidden() }
        }
        let sort = call.values("sort").isEmpty ? ["date_added"] : call.values("sort")
        let invalid = sort.filter { !Self.combinedSortKeys.contains($0) }
        if !invalid.isEmpty {
            return Reply(
                status: .badRequest,
                body: DetailBody(detail: "Invalid sort key(s): \(invalid.joined(separator: ", "))"))
        }
        guard sort == ["date_added"] else {
            return .badRequest("sentry-sim sorts the combined alert list by date_added only")
        }
        let slugs = Set(visible.map(\.project.slug))
        let types = Set(call.values("alertType"))
        func wanted(_ type: String) -> Bool { types.isEmpty || types.contains(type) }
        var items: [CombinedItem] = []
        if wanted("alert_rule") {
            items += org.metricAlerts.filter { !slugs.isDisjoint(with: $0.alert.projects) }.map {
                CombinedItem(kind: .metricAlert($0))
            }
        }
        if wanted("rule") {
            // `status__in=[ObjectStatus.ACTIVE, ObjectStatus.DISABLED]`: disabled rules too.
            items += org.rules.filter { slugs.contains($0.rule.project) }.map { CombinedItem(kind: .rule($0)) }
        }
        if wanted("uptime"), !visible.isEmpty {
            items += (0..<(configuration.notCarried["combined-rules"] ?? 0)).map {
                CombinedItem(kind: .uptime(900_001 + $0))
            }
        }
        // `asc=1` is ascending; default newest first. 25 a page unless `per_page` says otherwise.
        let size = call.value("per_page") == nil ? 25 : perPage
        let page = CombinedPaginator.page(items, limit: size, cursor: cursor, desc: call.value("asc") != "1")
        let link = Paginate.linkHeader(
            base: call.baseURL + call.path, query: call.query, previous: page.previous,
            previousHasResults: page.previousHasResults, next: page.next, nextHasResults: page.nextHasResults)
        let rows = page.items.map { item -> CombinedBody in
            switch item.kind {
            case .rule(let record): .rule(TypedBody(body: RuleBody(record: record, org: org), type: "rule"))
            case .metricAlert(let record):
                .metricAlert(
                    TypedBody(body: MetricAlertBody(record: record, org: org, detailed: false), type: "alert_rule"))
            case .uptime(let id):
                .uptime(TypedBody(body: NotCarriedRow(id: String(id), name: "uptime \(id)"), type: "uptime"))
            }
        }
        return Reply(body: rows, headers: [("Link", link)])
    }
}
