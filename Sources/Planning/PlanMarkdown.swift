import SentryModel

/// The plan as pull-request comments: a summary table, then one folded `<details>` per kind whose
/// body is a `diff` code block. A plan too long for one comment is split into parts, each shorter
/// than `limit` characters (measured in UTF-8 bytes, which is never less than GitHub's count), each
/// starting with `<!-- sentry-migrate plan: part I of N -->`.
public enum PlanMarkdown {
    /// GitHub's limit for one comment body.
    public static let commentLimit = 65_536
    /// Room kept in every part for its part marker and heading.
    static let headerReserve = 512

    public static func render(_ plan: Plan, limit: Int = commentLimit) -> [String] {
        let budget = max(limit - headerReserve, 256)
        var parts: [String] = []
        var current = overview(plan)
        for block in kindBlocks(plan, budget: budget) {
            if current.utf8.count + block.utf8.count > budget {
                parts.append(current)
                current = ""
            }
            current += block
        }
        parts.append(current)
        return parts.enumerated().map { index, body in
            var heading = "<!-- sentry-migrate plan: part \(index + 1) of \(parts.count) -->\n"
            if index > 0 {
                heading +=
                    "### sentry-migrate plan for \(code(plan.organization)) (part \(index + 1) of \(parts.count))\n\n"
            }
            return heading + body
        }
    }

    private static func overview(_ plan: Plan) -> String {
        let summary = PlanSummary(plan.changes)
        var out = "### sentry-migrate plan for \(code(plan.organization))\n\n"
        out +=
            "Desired: snapshot \(code(plan.snapshot.path)) (manifest sha256 \(code(String(plan.snapshot.manifestSHA256.prefix(12)))))  \n"
        out += "Target: \(code(plan.target.location)), self-hosted \(code(plan.target.profile))  \n"
        out += "Scope: \(code(PlanText.scope(plan.selection)))\n\n"
        out += "| Kind | Create | Update | Delete | Kept |\n|---|---:|---:|---:|---:|\n"
        for stage in Stage.allCases {
            let counts = summary.byStage[stage] ?? PlanSummary.Counts()
            out += "| \(stage.title) | \(counts.create) | \(counts.update) | \(counts.delete) | \(counts.keep) |\n"
        }
        let total = summary.total
        out += "| **Total** | **\(total.create)** | **\(total.update)** | **\(total.delete)** | **\(total.keep)** |\n\n"
        out += "**\(summary.line)**\n\n"
        if let finish = WorkflowEngineNotes.summaryLine(for: plan.changes) { out += "\(finish)\n\n" }
        return out
    }

    /// One `<details>` per kind; a kind too long for one part is cut between lines into
    /// several, marked "continued".
    private static func kindBlocks(_ plan: Plan, budget: Int) -> [String] {
        var blocks: [String] = []
        for stage in Stage.allCases {
            let changes = plan.changes.filter { $0.stage == stage }
            guard !changes.isEmpty else { continue }
            let counts = PlanSummary(changes).total
            let summary = [
                (counts.create, "to create"), (counts.update, "to update"), (counts.delete, "to delete"),
                (counts.keep, "kept"),
            ].filter { $0.0 > 0 }.map { "\($0.0) \($0.1)" }.joined(separator: ", ")
            let lines = changes.flatMap(ChangeLines.lines).flatMap(diffLines).map(\.trimmingTrailingSpaces)
            let fence = String(repeating: "`", count: max(3, longestBacktickRun(in: lines) + 1))
            let title = "\(stage.title): \(summary)"
            // Each block's frame: the summary, fences and closing tag.
            let frame = "<details><summary>\(title) (continued)</summary>\n\n\(fence)diff\n\(fence)\n\n</details>\n\n"
            let room = max(budget - frame.utf8.count, 64)
            var chunks: [[String]] = [[]]
            var size = 0
            for line in lines.flatMap({ cut($0, to: room) }) {
                if size + line.utf8.count + 1 > room, !chunks[chunks.count - 1].isEmpty {
                    chunks.append([])
                    size = 0
                }
                chunks[chunks.count - 1].append(line)
                size += line.utf8.count + 1
            }
            for (index, chunk) in chunks.enumerated() {
                let label = index == 0 ? title : "\(title) (continued)"
                blocks.append(
                    "<details><summary>\(label)</summary>\n\n\(fence)diff\n"
                        + chunk.map { $0 + "\n" }.joined() + "\(fence)\n\n</details>\n\n")
            }
        }
        return blocks
    }

    /// Markers in the first column, as `diff` highlighting expects.
    private static func diffLines(_ line: ChangeLine) -> [String] {
        switch line.style {
        case .heading(let action): ["\(ChangeLines.marker(action)) \(line.text)"]
        case .detail: ["    \(line.text)"]
        case .added: ["+     \(line.text.dropFirst(2))"]
        case .removed: ["-     \(line.text.dropFirst(2))"]
        }
    }

    /// A single line longer than a whole part is cut into pieces (it happens only with huge values).
    private static func cut(_ line: String, to room: Int) -> [String] {
        guard line.utf8.count > room else { return [line] }
        var pieces: [String] = []
        var piece = ""
        for character in line {
            if piece.utf8.count + character.utf8.count > room - 1 {
                pieces.append(piece)
                piece = "    "
            }
            piece.append(character)
        }
        pieces.append(piece)
        return pieces
    }

    private static func longestBacktickRun(in lines: [String]) -> Int {
        var longest = 0
        for line in lines {
            var run = 0
            for character in line {
                run = character == "`" ? run + 1 : 0
                longest = max(longest, run)
            }
        }
        return longest
    }

    /// An inline code span that no backtick inside `text` can break.
    static func code(_ text: String) -> String {
        var longest = 0
        var run = 0
        for character in text {
            run = character == "`" ? run + 1 : 0
            longest = max(longest, run)
        }
        let ticks = String(repeating: "`", count: longest + 1)
        let safe = ValueText.plain(text)
        let padded = safe.hasPrefix("`") || safe.hasSuffix("`") ? " \(safe) " : safe
        return ticks + padded + ticks
    }
}
