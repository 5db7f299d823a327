import Foundation

extension Pipeline {
    public struct IOFailure: Error, CustomStringConvertible {
        public var description: String

        /// Why `output` could not be written, as the system says it (`Permission denied`), with
        /// the path it was said of: not Foundation's error dump.
        static func writing(_ output: URL, _ error: Error) -> IOFailure {
            let error = error as NSError
            let path = error.userInfo[NSFilePathErrorKey] as? String
            let posix = (error.userInfo[NSUnderlyingErrorKey] as? Error).map { $0 as NSError }
                .flatMap { $0.domain == NSPOSIXErrorDomain ? $0.code : nil }
                ?? (error.domain == NSPOSIXErrorDomain ? error.code : nil)
            var isFolder: ObjCBool = false
            let reason: String
            if let path, let posix, posix == Int(EEXIST) || posix == Int(ENOTDIR),
               FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), !isFolder.boolValue {
                reason = "\(path) is a file, not a folder"
            } else if let posix {
                reason = String(cString: strerror(Int32(posix))) + (path.map { " (\($0))" } ?? "")
            } else {
                reason = error.localizedDescription
            }
            return IOFailure(description: "cannot write \(output.path): \(reason)")
        }
    }
}
