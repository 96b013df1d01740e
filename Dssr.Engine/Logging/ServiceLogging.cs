using Serilog;
using Serilog.Core;
using Serilog.Events;

namespace Dssr.Engine.Logging;

/// <summary>Builds the Serilog pipeline: the Python-style line on stderr at the configured level.</summary>
public static class ServiceLogging
{
    public static Logger ToStderr(LogEventLevel level) => To(Console.Error, level);

    /// <summary>The same pipeline to any writer (tests read the lines an operator would grep).</summary>
    public static Logger To(TextWriter writer, LogEventLevel level) => new LoggerConfiguration()
        .MinimumLevel.Is(level)
        // ASP.NET's own chatter stays out unless something is wrong.
        .MinimumLevel.Override("Microsoft", LogEventLevel.Warning)
        .Enrich.With(new Observability.RequestIdEnricher())
        .WriteTo.Sink(new TextWriterSink(writer, new PythonLineFormatter()))
        .CreateLogger();
}
