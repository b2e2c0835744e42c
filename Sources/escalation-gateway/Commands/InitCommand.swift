import ArgumentParser
import Foundation
import Gateway

/// `init DIR`: writes a starter config, an empty directory file and the mail folders.
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init", abstract: "Write a working starter config and an empty directory into a folder.")

    @Argument(help: "The folder to write into (created when missing).")
    var folder: String

    func run() throws {
        let url = URL(fileURLWithPath: folder)
        do {
            try StarterFiles.write(into: url)
        } catch let error as ConfigError {
            throw configurationExit(error)
        }
        let config = url.appendingPathComponent("gateway.toml").path
        print("wrote \(config), \(url.appendingPathComponent("directory.json").path), inbox/ and outbox/")
        print("next: edit [gateway] address and domain and the [[template]] approvers in \(config), list your accounts in directory.json, then:")
        print("  escalation-gateway import --config \(config) \(url.appendingPathComponent("directory.json").path)")
        print("  escalation-gateway check-config --config \(config) && escalation-gateway run --config \(config)")
    }
}
