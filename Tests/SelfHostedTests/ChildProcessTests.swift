import Foundation
import Testing

/// The test runner of child processes cannot deadlock on a chatty child.
@Suite struct ChildProcessTests {
    /// 1 MiB on stderr before anything on stdout: with pipes read one after the other, the child
    /// would block on a full stderr pipe while the parent waits for stdout's end.
    @Test func aChildThatFillsStderrFirstFinishes() throws {
        let result = try ChildProcess.run(
            URL(fileURLWithPath: "/bin/sh"), ["-c", "yes e | head -c 1048576 >&2; echo done"])
        #expect(result.status == 0)
        #expect(result.stdout == "done\n")
        #expect(result.stderr.utf8.count == 1_048_576)
        #expect(result.stderr.hasPrefix("e\ne\n"))
    }

    @Test func bothStreamsAreKeptApartAndTheStatusIsTheChilds() throws {
        let result = try ChildProcess.run(
            URL(fileURLWithPath: "/bin/sh"), ["-c", "echo out; echo err >&2; head -c 200000 /dev/zero; exit 3"])
        #expect(result.status == 3)
        #expect(result.stdout.hasPrefix("out\n"))
        #expect(result.stdout.utf8.count == 4 + 200_000)
        #expect(result.stderr == "err\n")
    }
}
