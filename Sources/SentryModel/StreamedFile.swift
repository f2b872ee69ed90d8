#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A file written a chunk at a time, atomically: the chunks go to a new file next to `path`, which
/// replaces `path` only once complete and synced, so a failure (or a kill) midway leaves any earlier
/// file as it was. For outputs too large to build whole in memory first (a large plan).
public enum StreamedFile {
    /// Calls `produce` with a function that appends a chunk. The file gets `mode` less the umask.
    public static func write(
        to path: String, mode: mode_t = 0o666, _ produce: (_ emit: ([UInt8]) throws -> Void) throws -> Void
    ) throws {
        let temporary = path + ".partial-\(getpid())"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode)
        guard descriptor >= 0 else { throw StreamedFileError(path: path, operation: "create", code: errno) }
        do {
            try produce { chunk in
                try writeAll(chunk, to: descriptor, path: path)
            }
            guard fsync(descriptor) == 0 else { throw StreamedFileError(path: path, operation: "sync", code: errno) }
            guard close(descriptor) == 0 else { throw StreamedFileError(path: path, operation: "close", code: errno) }
        } catch {
            close(descriptor)
            unlink(temporary)
            throw error
        }
        do {
            try PosixFiles.rename(temporary, to: path)
        } catch {
            unlink(temporary)
            throw StreamedFileError(path: path, operation: "rename into place", code: error.code)
        }
    }

    /// Writes every byte of `bytes` to an open descriptor (standard output included), retrying short
    /// writes and interruptions.
    public static func writeAll(_ bytes: [UInt8], to descriptor: Int32, path: String) throws {
        var written = 0
        while written < bytes.count {
            let result = bytes.withUnsafeBytes { buffer in
                systemWrite(descriptor, buffer.baseAddress! + written, buffer.count - written)
            }
            if result > 0 {
                written += result
            } else if result < 0, errno != EINTR {
                throw StreamedFileError(path: path, operation: "write", code: errno)
            }
        }
    }
}

/// POSIX `write`, which the enum's own `write` would shadow.
private func systemWrite(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    write(descriptor, bytes, count)
}

/// A streamed file could not be written.
public struct StreamedFileError: Error, CustomStringConvertible {
    public var path: String
    public var operation: String
    public var code: Int32

    public var reason: String { "cannot \(operation) \(path): \(String(cString: strerror(code)))" }
    public var description: String { reason }
}
