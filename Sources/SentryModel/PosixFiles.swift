// The few POSIX calls the snapshot writer and reader need and Foundation does not give exact
// control over: file modes set at creation, fsync, atomic exchange of two folders.

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

struct PosixError: Error {
    var operation: String
    var path: String
    var code: Int32

    var reason: String { String(cString: strerror(code)) }
}

enum PosixFiles {
    /// `mkdir` with `mode`; the umask can only narrow it. `exactMode` then sets it exactly, so
    /// even an odd umask cannot take the owner's access away.
    static func makeDirectory(_ path: String, mode: mode_t, exactMode: Bool = false) throws(PosixError) {
        guard mkdir(path, mode) == 0 else { throw PosixError(operation: "create folder", path: path, code: errno) }
        if exactMode, chmod(path, mode) != 0 {
            throw PosixError(operation: "set permissions of", path: path, code: errno)
        }
    }

    /// Creates a file that must not exist yet, writes `bytes` and syncs them to disk. The mode
    /// is given to `open` itself, so the file is never, even briefly, more open than `mode`.
    static func writeNewFile(
        _ path: String, bytes: [UInt8], mode: mode_t, exactMode: Bool = false
    ) throws(PosixError) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode)
        guard descriptor >= 0 else { throw PosixError(operation: "create", path: path, code: errno) }
        var failure: PosixError?
        if exactMode, fchmod(descriptor, mode) != 0 {
            failure = PosixError(operation: "set permissions of", path: path, code: errno)
        }
        var written = 0
        while failure == nil, written < bytes.count {
            let result = bytes.withUnsafeBytes { buffer in
                write(descriptor, buffer.baseAddress! + written, buffer.count - written)
            }
            if result > 0 {
                written += result
            } else if result < 0, errno != EINTR {
                failure = PosixError(operation: "write", path: path, code: errno)
            }
        }
        if failure == nil, fsync(descriptor) != 0 { failure = PosixError(operation: "sync", path: path, code: errno) }
        if close(descriptor) != 0, failure == nil { failure = PosixError(operation: "close", path: path, code: errno) }
        if let failure { throw failure }
    }

    /// Makes a folder's entries (creations, renames) durable.
    static func syncDirectory(_ path: String) throws(PosixError) {
        let descriptor = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw PosixError(operation: "open", path: path, code: errno) }
        defer { close(descriptor) }
        // Some file systems cannot sync a folder; the data files themselves are already synced.
        if fsync(descriptor) != 0, errno != EINVAL, errno != EBADF {
            throw PosixError(operation: "sync", path: path, code: errno)
        }
    }

    static func rename(_ source: String, to target: String) throws(PosixError) {
        #if canImport(Glibc)
        let result = Glibc.rename(source, target)
        #elseif canImport(Musl)
        let result = Musl.rename(source, target)
        #else
        let result = Darwin.rename(source, target)
        #endif
        guard result == 0 else { throw PosixError(operation: "rename", path: source, code: errno) }
    }

    /// Swaps two paths in one step (Linux `renameat2(RENAME_EXCHANGE)`). Returns false where the
    /// system or file system cannot, so that the caller falls back to two renames.
    static func exchange(_ first: String, _ second: String) throws(PosixError) -> Bool {
        #if os(Linux)
        // Swift's Glibc module does not import renameat2 (it is behind _GNU_SOURCE), so look it up.
        typealias RenameAt2 =
            @convention(c) (Int32, UnsafePointer<CChar>?, Int32, UnsafePointer<CChar>?, UInt32) ->
            Int32
        guard let symbol = dlsym(nil, "renameat2") else { return false }
        let renameat2 = unsafeBitCast(symbol, to: RenameAt2.self)
        let renameExchange: UInt32 = 1 << 1
        if renameat2(AT_FDCWD, first, AT_FDCWD, second, renameExchange) == 0 { return true }
        if errno == EINVAL || errno == ENOSYS || errno == ENOTSUP { return false }
        throw PosixError(operation: "swap in", path: first, code: errno)
        #else
        return false
        #endif
    }

    /// The whole content of the file at `path`, read straight into the array that holds it. Through
    /// `Data(contentsOf:)` every snapshot byte was read into `Data` and then copied into `[UInt8]`: a
    /// quarter of checking a large snapshot's files (docs/performance.md, twelfth session).
    static func readFile(_ path: String) throws(PosixError) -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw PosixError(operation: "open", path: path, code: errno) }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw PosixError(operation: "read", path: path, code: errno) }
        // The size is a hint: a file that grows or shrinks while it is read is read to its end all the same.
        // The array is filled by `read` itself, never zeroed first.
        let size = max(Int(info.st_size), 0)
        var failure: Int32?
        let fill = { (buffer: inout UnsafeMutableBufferPointer<UInt8>, count: inout Int) in
            count = 0
            while count < buffer.count {
                let result = read(descriptor, buffer.baseAddress! + count, buffer.count - count)
                if result > 0 {
                    count += result
                } else if result == 0 {
                    return
                } else if errno != EINTR {
                    failure = errno
                    return
                }
            }
        }
        var bytes = [UInt8](unsafeUninitializedCapacity: size + 1, initializingWith: fill)
        while failure == nil, bytes.count > size {
            let more = [UInt8](unsafeUninitializedCapacity: max(size, 1 << 16), initializingWith: fill)
            if more.isEmpty { break }
            bytes += more
        }
        if let failure { throw PosixError(operation: "read", path: path, code: failure) }
        return bytes
    }

    /// `lstat`: the entry itself, not what a symbolic link points to.
    static func status(_ path: String) -> stat? {
        var info = stat()
        return lstat(path, &info) == 0 ? info : nil
    }

    static func isDirectory(_ info: stat) -> Bool { info.st_mode & S_IFMT == S_IFDIR }
    static func isSymbolicLink(_ info: stat) -> Bool { info.st_mode & S_IFMT == S_IFLNK }
    static func isRegularFile(_ info: stat) -> Bool { info.st_mode & S_IFMT == S_IFREG }
}
