public import Gateway
public import Logging

/// Sets up the process's logging from `[log]`: text (swift-log's stream handler) or JSON lines
/// on standard error, at the configured level, else at `fallback`.
public enum LogBootstrap {
    public static func bootstrap(_ settings: LogSettings, fallback: Logger.Level) {
        let level = settings.level.flatMap(Logger.Level.init(rawValue:)) ?? fallback
        let format = settings.format
        LoggingSystem.bootstrap { label in
            switch format {
            case .text:
                var handler = StreamLogHandler.standardError(label: label)
                handler.logLevel = level
                return handler
            case .json:
                return JSONLogHandler(label: label, logLevel: level)
            }
        }
    }
}
