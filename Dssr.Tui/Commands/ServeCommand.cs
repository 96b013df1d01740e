using Dssr.Engine.Configuration;
using Dssr.Engine.Hosting;
using Dssr.Engine.Logging;
using Dssr.Tui.Composition;
using Microsoft.Extensions.Logging;

namespace Dssr.Tui.Commands;

/// <summary><c>dssr --serve</c>: the legacy API, headless, logging to stderr, until SIGTERM or Ctrl+C.</summary>
internal static class ServeCommand
{
    public static async Task<int> RunAsync(CommandLineOverrides cli, CancellationToken ct)
    {
        DssrConfiguration config;
        ServiceOptions options;
        try
        {
            (config, options) = ServiceComposition.Configure(ProcessEnvironment.Read(), cli);
        }
        catch (StartupException e)
        {
            await Console.Error.WriteLineAsync($"dssr: {e.Message}");
            return 2;
        }

        using var serilog = ServiceLogging.ToStderr(options.LogLevel);
        ServiceHost host;
        try
        {
            host = ServiceComposition.Build(config, options, serilog);
        }
        catch (StartupException e)
        {
            await Console.Error.WriteLineAsync($"dssr: {e.Message}");
            return 2;
        }

        await using (host)
        {
            var log = host.Logs.CreateLogger("dssr");
            StartupReport.Log(log, options);
            try
            {
                await host.StartAsync(ct);
            }
            catch (PortBusyException e)
            {
                await Console.Error.WriteLineAsync($"dssr: {e.Message}; choose another with --listen or WAITRESS_PORT");
                return 2;
            }
            await host.WaitForShutdownAsync(ct);
            log.LogInformation("Stopped");
        }
        return 0;
    }
}
