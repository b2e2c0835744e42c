import ArgumentParser
import Foundation
import MailComposing

/// `templates`: the mail templates built into the executable.
struct TemplatesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "templates", abstract: "The built-in mail templates.", subcommands: [TemplatesExport.self])
}

/// `templates export DIR`: writes the built-in templates for editing; a folder named as
/// `[gateway] templates` replaces those of its files that are there.
struct TemplatesExport: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "export", abstract: "Write the built-in mail templates into a folder.")

    @Argument(help: "The folder to write into (created if missing; files of the same name are replaced).")
    var folder: String

    func run() throws {
        let target = URL(fileURLWithPath: folder)
        try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
        for (name, text) in TemplateSet.builtIn.sorted(by: { $0.key < $1.key }) {
            try text.write(to: target.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        print("wrote \(TemplateSet.builtIn.count) templates to \(target.path)")
    }
}
