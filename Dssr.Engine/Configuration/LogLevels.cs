using Serilog.Events;

namespace Dssr.Engine.Configuration;

/// <summary>Python's logging levels (10 DEBUG … 50 CRITICAL), as JARVICE_SCHED_LOGLEVEL gives them, and their names.</summary>
public static class LogLevels
{
    public static LogEventLevel Parse(string value, string source)
    {
        switch (value.Trim().ToUpperInvariant())
        {
            case "10": case "DEBUG": return LogEventLevel.Debug;
            case "20": case "INFO": return LogEventLevel.Information;
            case "30": case "WARNING": case "WARN": return LogEventLevel.Warning;
            case "40": case "ERROR": return LogEventLevel.Error;
            case "50": case "CRITICAL": return LogEventLevel.Fatal;
            default:
                throw new ConfigurationException(
                    $"{source}: '{value}' is not a log level; use 10, 20, 30, 40, 50 or DEBUG, INFO, WARNING, ERROR, CRITICAL");
        }
    }

    public static string PythonName(LogEventLevel level) => level switch
    {
        LogEventLevel.Verbose or LogEventLevel.Debug => "DEBUG",
        LogEventLevel.Information => "INFO",
        LogEventLevel.Warning => "WARNING",
        LogEventLevel.Error => "ERROR",
        _ => "CRITICAL",
    };
}
