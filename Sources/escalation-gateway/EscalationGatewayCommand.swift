import ArgumentParser

/// `escalation-gateway`: case and account escalation driven by mail.
@main
struct EscalationGatewayCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "escalation-gateway",
        abstract: "Case and account escalation driven by mail.",
        subcommands: [
            RunCommand.self, ProcessCommand.self, ReadCommand.self, ImportCommand.self, ListCommand.self, ShowCommand.self,
            PendingCommand.self, CheckConfigCommand.self, FailedCommand.self, OutboxCommand.self, DemoCommand.self, BenchCommand.self,
            TemplatesCommand.self, InitCommand.self, ReportCommand.self, MigrateStoreCommand.self,
        ])
}
