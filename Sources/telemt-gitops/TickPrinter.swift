import Foundation
import Reconciler

/// How `reconcile` reports a tick: the plan's lines, then what happened, on standard output;
/// notes and the error on standard error.
enum TickPrinter {
    static func print(_ report: TickReport) {
        if let plan = report.plan {
            plan.changes.forEach { Swift.print($0.line) }
            Swift.print(plan.summary)
            plan.warnings.forEach { Console.error(Plan.warningLine($0)) }
        }
        if let drift = report.drift { Console.error("warning: \(drift.summary)") }
        report.notes.forEach { Console.error("note: \($0)") }
        switch report.outcome {
        case .applied:
            Swift.print("applied \(short(report.revision)): config.toml written, reload \(report.reload.rawValue)")
        case .unchanged:
            Swift.print("\(short(report.revision)) is applied; config.toml is up to date")
        case .failed(let error):
            Console.error(error.description)
            if report.revision != nil { Console.error("nothing was applied; the last good config keeps serving") }
        }
        if let written = report.statusWritten { Swift.print("status: \(written)") }
        if let next = report.nextChange { Swift.print("next state change: \(ISO8601DateFormatter().string(from: next))") }
    }

    private static func short(_ revision: String?) -> String {
        guard let revision else { return "?" }
        return String(revision.prefix(12))
    }
}
