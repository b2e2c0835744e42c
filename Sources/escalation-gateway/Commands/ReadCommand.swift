import ArgumentParser
import Foundation
import Gateway

/// `read FILE…`: what the gateway understood of each mail, without applying it. Without a
/// config file it reads as with an empty store (no thread matching) and says so.
struct ReadCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "read", abstract: "Show what the gateway understands of mail, without applying it.")

    @OptionGroup var options: CommonOptions

    @Flag(name: .long, help: "Read each file as a bare text/plain body.")
    var text = false

    @Flag(name: .long, help: "Read each file as a bare HTML body.")
    var html = false

    @Argument(help: "Mail files.")
    var files: [String]

    func run() throws {
        let hasConfig = FileManager.default.fileExists(atPath: options.config)
        let gateway = hasConfig ? try options.makeGateway() : nil
        if !hasConfig {
            FileHandle.standardError.write(Data("no config at \(options.config): reading as with an empty store, no thread matching\n".utf8))
        }
        let bodyKind = text ? "plain" : html ? "html" : nil
        for file in files {
            guard let data = FileManager.default.contents(atPath: file) else { throw ValidationError("\(file): cannot be read") }
            let report =
                try gateway?.read(Array(data), file: file, bodyKind: bodyKind)
                ?? ReadReport.withoutConfig(Array(data), file: file, bodyKind: bodyKind)
            if options.json {
                JSONLines.print(report)
            } else {
                print(
                    "\(file): from \(report.from ?? "-"), intent \(report.intent) \(report.arguments), automated \(report.automated ?? "no"), thread \(report.thread ?? "-") (\(report.threadMethod ?? "-"))"
                )
                print("  reply: " + report.replyText.replacingOccurrences(of: "\n", with: "\n         "))
                if let signature = report.signature { print("  signature removed: " + signature.replacingOccurrences(of: "\n", with: " | ")) }
            }
        }
    }
}
