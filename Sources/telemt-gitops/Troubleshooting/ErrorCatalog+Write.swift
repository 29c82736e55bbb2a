import Foundation
import TelemtRender

/// Writing config.toml (and other files) atomically (``FileWriteError``).
extension ErrorCatalog {
    private static let configPath = "/etc/telemt/config.toml"
    private static let writeMeaning = "Files are written atomically: a temporary file in the same directory, fsync, rename, fsync of the directory. "

    static var writeEntries: [ErrorEntry] {
        [
            fileWrite(.create, ENOENT, previous: false, "The directory does not exist",
                      meaning: "the output's directory is missing, so not even the temporary file could be created.",
                      fix: "Create the directory (`mkdir -p /etc/telemt`) or give another `--out`."),
            fileWrite(.create, EACCES, "The temporary file cannot be created",
                      meaning: "this user may not create files in the config's directory (telemt watches the directory, so the file is written there).",
                      fix: "Run as the user that owns /etc/telemt, or give it write access to the directory (`chown`, `chmod g+w`)."),
            fileWrite(.chmod, EPERM, "The mode cannot be set",
                      meaning: "the temporary file's mode could not be set to the existing file's (less access for others).",
                      fix: "Run as the owner of the directory; check for filesystems that do not keep modes."),
            fileWrite(.chown, EPERM, "The owner cannot be kept",
                      meaning: "the existing config belongs to another user or group, and only root may hand a file to them.",
                      fix: "Run telemt-gitops as the config's owner (or as root), or `chown` the config to the user that runs telemt-gitops."),
            fileWrite(.write, ENOSPC, "The file cannot be written",
                      meaning: "writing the temporary file failed, most often because the filesystem is full.", fix: "Free space (`df -h /etc/telemt`), then run again."),
            fileWrite(.fsync, EROFS, "The file cannot be synced",
                      meaning: "the data could not be flushed to disk (a read-only or failing filesystem).", fix: "Check the filesystem (`dmesg`, `mount`); write somewhere that is writable."),
            fileWrite(.rename, EACCES, "The file cannot be put in place",
                      meaning: "renaming the temporary file over the config failed; the old config is still there, unchanged.",
                      fix: "Check the directory's permissions (a sticky bit, or another owner) and run as the owner."),
            ErrorEntry(FileWriteError(path: configPath, operation: .followSymlink, errno: 0, linkTarget: "/home/telemt/config.toml"), kind: FileWriteError.Operation.followSymlink,
                       "A symbolic link out of the directory",
                       meaning: "The config path is a link to a file in another directory. Writing through it would let anyone who can write the directory aim it at any file.",
                       fix: "Point the link at a file in the same directory, or give the real path as `--out` (`telemt.config`)."),
        ]
    }

    private static func fileWrite(_ operation: FileWriteError.Operation, _ code: Int32, previous: Bool = true, _ title: String,
                                  meaning: String, fix: String) -> ErrorEntry {
        ErrorEntry(FileWriteError(path: configPath, operation: operation, errno: code, previousFileExists: previous), kind: operation, title,
                   meaning: writeMeaning + meaning.prefix(1).uppercased() + meaning.dropFirst(), fix: fix)
    }
}
