using Dssr.Engine.Logging;
using Serilog;
using Serilog.Core;
using Serilog.Events;

namespace Dssr.Tui.Terminal;

/// <summary>In the console, logs go to the log pane's buffer and to a file, never to the terminal.</summary>
internal static class ConsoleLogging
{
    public static Logger Create(LogEventLevel level, LogBuffer buffer, string file) => new LoggerConfiguration()
        .MinimumLevel.Is(LogEventLevel.Debug) // the pane filters; the file keeps the configured level
        .MinimumLevel.Override("Microsoft", LogEventLevel.Warning)
        .Enrich.With(new Dssr.Engine.Observability.RequestIdEnricher())
        .WriteTo.Sink(buffer)
        .WriteTo.File(new PythonLineFormatter(), file, restrictedToMinimumLevel: level, fileSizeLimitBytes: 50_000_000, rollOnFileSizeLimit: true, retainedFileCountLimit: 3)
        .CreateLogger();
}
