import Testing

@testable import SentryModel

/// The one renderer: every place kind, with and without why and next, runs sharing a next step, the
/// listing limit and hostile text.
@Suite struct DiagnosticRendererTests {
    @Test(arguments: [
        (Diagnostic("the plan is stale"), "error: the plan is stale"),
        (
            Diagnostic(.error, "unknown key 'x'", at: Location(file: "m.yaml", position: Position(line: 3, column: 5))),
            "m.yaml:3:5: error: unknown key 'x'"
        ),
        (Diagnostic(.warning, "kept as written", at: Location(file: "m.yaml")), "m.yaml: warning: kept as written"),
        (
            Diagnostic(
                "team 'x' is not in teams.json",
                at: .json(
                    Location(file: "snap/members.json", position: Position(line: 45, column: 18)), path: "$[3].teams[0]"
                )),
            "snap/members.json:45:18: error: $[3].teams[0]: team 'x' is not in teams.json"
        ),
        (Diagnostic("gone", at: .json(Location(file: ""), path: "$.slug")), "error: $.slug: gone"),
        (
            Diagnostic("no such user", at: .entity(kind: "member", key: "ada@example.com")),
            "error: member 'ada@example.com': no such user"
        ),
    ])
    func rendersEveryPlace(diagnostic: Diagnostic, expected: String) {
        #expect(diagnostic.description == expected)
    }

    @Test func whyAndNextFollowIndented() {
        let diagnostic = Diagnostic(
            "the plan is stale", why: "changed since the plan:\nteam a\nteam b", next: "Run plan again.",
            at: .entity(kind: "stage", key: "teams"))
        #expect(
            diagnostic.description == """
                error: stage 'teams': the plan is stale
                  why: changed since the plan:
                    team a
                    team b
                  next: Run plan again.
                """)
        #expect(Diagnostic("lost", next: "Run it again.").description == "error: lost\n  next: Run it again.")
    }

    @Test func aRunSharingItsNextStepShowsItOnceThenTheSummary() {
        let file = Location(file: "m.yaml", position: Position(line: 1, column: 1))
        let text = DiagnosticRenderer.render(
            [
                Diagnostic(.error, "a", next: "fix a or b", at: file),
                Diagnostic(.error, "b", next: "fix a or b", at: file),
                Diagnostic(.warning, "c", next: "fix c", at: file),
                Diagnostic(.error, "d", next: "fix a or b", at: file),
            ], summary: "3 errors in m.yaml; nothing was written.")
        #expect(
            text == """
                m.yaml:1:1: error: a
                m.yaml:1:1: error: b
                  next: fix a or b
                m.yaml:1:1: warning: c
                  next: fix c
                m.yaml:1:1: error: d
                  next: fix a or b
                3 errors in m.yaml; nothing was written.
                """)
    }

    @Test func manyAreCountedNotListed() {
        let many = (0..<(DiagnosticRenderer.listedLimit + 7)).map { Diagnostic("problem \($0)", next: "same") }
        let lines = DiagnosticRenderer.render(many).split(separator: "\n")
        #expect(lines.count == DiagnosticRenderer.listedLimit + 2)
        #expect(lines[lines.count - 2] == "  next: same")
        #expect(lines.last == "… and 7 more")
    }

    /// A name from outside cannot end its line and forge another (a fake `next:` or a fake error).
    @Test func outsideTextCannotForgeALine() {
        let hostile = "x\n  next: run rm -rf /\u{1b}[2K"
        let text = Diagnostic(
            "team '\(hostile)' is unknown", why: "found '\(hostile)'", next: "rename '\(hostile)'",
            at: .entity(kind: "team", key: hostile)
        ).description
        #expect(text.split(separator: "\n").count == 4)
        #expect(!text.contains("\u{1b}"))
        #expect(text.components(separatedBy: "\n  next: ").count == 2)
    }
}
