import ArgumentParser
import Foundation
import TelemtRender

/// `telemt-gitops keygen`: creates the host's master key.
struct KeygenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keygen",
        abstract: "Create the host's master key file (0600), from which every user's secret is derived.",
        discussion: """
            The key never goes into git. Keep a backup: with another key every derived secret, and so \
            every user's link, changes. An existing key is never replaced; running keygen again is safe \
            and reports the key that is there.
            Examples:
              telemt-gitops keygen --out /etc/telemt-gitops/master.key   # once per host; back it up
            """
    )

    @Option(name: [.short, .long], help: ArgumentHelp(
        "Where to write the key (default: $TELEMT_GITOPS_KEY, else /etc/telemt-gitops/master.key as root, else <state dir>/master.key).",
        valueName: "file"))
    var out: String?

    func run() throws {
        let out = self.out ?? KeyOptions.defaultPath
        if FileManager.default.fileExists(atPath: out) {
            do {
                let existing = try MasterKey.load(from: out)
                print("kept \(out): a key is already there (key \(existing.fingerprint)); nothing changed")
                return
            } catch {
                Console.error("error: \(out) exists but is not a usable master key: \(error)")
                Console.error("keygen never replaces a file; fix it as said above, or choose another --out")
                throw ExitCode.failure
            }
        }
        let key = MasterKey.generate()
        try key.write(to: out)
        print("created \(out) (key \(key.fingerprint), mode 0600)")
    }
}
