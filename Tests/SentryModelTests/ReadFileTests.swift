import Foundation
import Testing

@testable import SentryModel

/// `PosixFiles.readFile` reads a file's bytes exactly, whatever its size, and says why it cannot.
@Suite struct ReadFileTests {
    @Test(arguments: [0, 1, 4095, 65_536, 65_537, 1_000_003])
    func readsEveryByteOfTheFile(size: Int) throws {
        try withTemporaryDirectory { directory in
            let path = directory.appendingPathComponent("file").path
            var generator = SplitMix64(seed: UInt64(size))
            let bytes = (0..<size).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            #expect(try PosixFiles.readFile(path) == bytes)
        }
    }

    @Test func aMissingFileIsAnErrorThatSaysSo() throws {
        try withTemporaryDirectory { directory -> Void in
            let path = directory.appendingPathComponent("absent").path
            #expect { try PosixFiles.readFile(path) } throws: { error in
                (error as? PosixError)?.code == ENOENT && (error as? PosixError)?.operation == "open"
            }
        }
    }

    @Test func aFolderIsNotReadAsAFile() throws {
        try withTemporaryDirectory { directory -> Void in
            #expect { try PosixFiles.readFile(directory.path) } throws: { error in
                (error as? PosixError)?.code == EISDIR && (error as? PosixError)?.operation == "read"
            }
        }
    }
}
