# The export's request minimum (docs/export.md) and its wall-time floor, from an exported snapshot.
# Input: one object {teams, members, projects, keys, rules, metricAlerts, notCarried} (the snapshot's
# files; rules and metric alerts [] when the snapshot has none; notCarried from its manifest) plus
# $rate (the caller's shared counter), $rate_mk (the members list's and the keys lists' own
# counters), $window (s), $latency (ms) and $concurrency.
def pages(n): if n <= 100 then 1 else ((n + 99) / 100 | floor) end;

.teams as $teams | .members as $members | .projects as $projects | .keys as $keys
| (.rules // []) as $rules | (.metricAlerts // []) as $metric | (.notCarried // {}) as $not_carried
# Members per team, counted in one pass (a search per team took minutes on the large org).
| ([$members[] | .teams | map(.slug) | unique | .[]] | group_by(.) | map({key: .[0], value: length})
   | from_entries) as $per_team
| ($teams | map($per_team[.slug] // 0)) as $team_counts
| ($keys | group_by(.project) | map({key: .[0].project, value: length}) | from_entries) as $key_counts
| ($team_counts | map(pages(.)) | add // 0) as $team_listing
| ($members | length) as $m
# Team roles come from the per-team lists (endpoint team-members) or one detail per member (member).
| (if $team_listing <= $m then {"team-members": $team_listing} else {member: $m} end) as $roles
# sentry.io counts every endpoint without limits of its own against one counter per caller and
# method (get_rate_limit_key); only the members list and the keys lists have their own.
| ({preflight: 2, organization: 1, teams: pages($teams | length), projects: pages($projects | length),
    filters: ($projects | length), ownership: ($projects | length), environments: ($projects | length),
    "metric-alerts": (pages($metric | length) + ($metric | length)),
    # The not-carried inventory: one list per kind (RequestFormula.inventory; 6 kinds). The combined
    # alert list (counted as uptimeMonitors) also holds every issue rule and metric alert: issue
    # rules are read from it and cost no request of their own. Older manifests' alertRules counted
    # that whole list.
    inventory: (($not_carried | del(.uptimeMonitors, .alertRules) | to_entries | map(pages(.value)) | add // 0)
      + pages(($rules | length) + ($metric | length) + ($not_carried.uptimeMonitors // 0))
      + (5 - ($not_carried | del(.uptimeMonitors, .alertRules) | length)))}
   + $roles) as $shared
| {shared: ($shared | add), members: pages($m),
   keys: ($projects | map(pages($key_counts[.slug] // 0)) | add // 0)} as $buckets
| ($buckets | add) as $requests
# Sentry's windows are fixed (aligned to the clock): N requests under a limit of r per window need
# ceil(N / r) windows, the first of which may be nearly over; the last answer still takes one latency.
| ($buckets | to_entries | map(
    (if (.key == "members" or .key == "keys") then $rate_mk else $rate end) as $r
    | {endpoint: .key, requests: .value, limit: $r,
       seconds: ((((.value + $r - 1) / $r | floor) - 1) * $window + $latency / 1000)})) as $rate_floors
# At most $concurrency requests in flight, each taking at least the latency.
| ((($requests + $concurrency - 1) / $concurrency | floor) * $latency / 1000) as $latency_floor
| ($rate_floors | max_by(.seconds)) as $binding
| {
    requests: $requests,
    buckets: $buckets,
    rate_floors: $rate_floors,
    latency_floor: $latency_floor,
    floor: ([$binding.seconds, $latency_floor] | max),
    binding: (if $binding.seconds >= $latency_floor
              then "\($binding.endpoint): \($binding.requests) requests at \($binding.limit)/\($window)s"
              else "latency: \($requests) requests x \($latency) ms / \($concurrency) in flight" end)
  }
