using Dssr.Engine.Configuration;
using Dssr.Engine.Hosting;
using Dssr.Engine.Logging;
using Dssr.Scripting.Globals;
using Dssr.Scripting.Repl;
using Dssr.Tui.Commands;
using Dssr.Tui.Composition;
using Dssr.Tui.ViewModels;
using Dssr.Tui.Views;
using Microsoft.Extensions.Logging;

namespace Dssr.Tui.Terminal;

/// <summary>
/// <c>dssr</c>: the full-screen console on Terminal.Gui, with the legacy API serving in the background
/// exactly as <c>--serve</c> would. Logs go to the log pane and to dssr.log in the state folder, never
/// to the terminal under the screen.
/// </summary>
internal static class OperatorConsole
{
    public static async Task<int> RunAsync(CommandLineOverrides cli, bool readOnly, string? theme, TextWriter error, CancellationToken ct)
    {
        var timeline = new StartupTimeline();
        timeline.Mark("runtime");
        if (!Tty.IsTerminal(0) || !Tty.IsTerminal(1))
        {
            await error.WriteLineAsync("dssr: the console needs a terminal; use dssr --serve to run headless");
            return 2;
        }
        var env = ProcessEnvironment.Read();
        DssrConfiguration config;
        ServiceOptions options;
        ConsoleTheme chosen;
        try
        {
            // As --serve reads it: dssr.yaml's clusters too, so the console shows every configured cluster.
            (config, options) = ServiceComposition.Configure(env, cli);
            chosen = Themes.Choose(theme, env);
            timeline.Mark("configuration");
        }
        catch (Exception e) when (e is StartupException or ConfigurationException or ArgumentException)
        {
            await error.WriteLineAsync($"dssr: {e.Message}");
            return 2;
        }

        var buffer = new LogBuffer();
        Directory.CreateDirectory(options.StateDirectory);
        using var serilog = ConsoleLogging.Create(options.LogLevel, buffer, Path.Combine(options.StateDirectory, "dssr.log"));
        // The service is built on another thread while the terminal opens on this one: on two cores the start's two
        // longest stages overlap.
        var building = Task.Run(() =>
        {
            var started = timeline.Elapsed;
            var built = ServiceComposition.Build(config, options, serilog);
            timeline.Beside("service", timeline.Elapsed - started);
            return built;
        });
        ConsoleTerminal terminal;
        try { terminal = ConsoleTerminal.Open(chosen); }
        catch
        {
            _ = building.ContinueWith(t => t.Result.DisposeAsync().AsTask(), TaskContinuationOptions.OnlyOnRanToCompletion);
            throw;
        }
        timeline.Mark("terminal");
        ServiceHost host;
        try
        {
            host = building.GetAwaiter().GetResult(); // blocking: the console's thread stays the one that opened the terminal
            timeline.Mark("waiting for the service");
        }
        catch (StartupException e)
        {
            terminal.Dispose();
            await error.WriteLineAsync($"dssr: {e.Message}");
            return 2;
        }
        catch
        {
            terminal.Dispose();
            throw;
        }

        var log = host.Logs.CreateLogger("dssr");
        try
        {
            StartupReport.Log(log, options);
            async Task<string?> StartApi()
            {
                try
                {
                    await host.StartAsync(ct);
                    return null;
                }
                catch (PortBusyException e)
                {
                    log.LogError("{Error}; the console runs without the API (choose another address with --listen or WAITRESS_PORT)", e.Message);
                    return $"{options.ListenUrl} is busy";
                }
                catch (OperationCanceledException) when (ct.IsCancellationRequested)
                {
                    return "stopping"; // a termination signal came while the API started
                }
            }
            await using var globals = new ScriptGlobals(host, [], TextWriter.Null);
            var history = new ReplHistory(host.Options.StateDirectory);
            var session = new ReplSession(globals, ReplOptions.Default, history);
            var completion = new ReplCompletion();
            timeline.Mark("repl");
            if (!terminal.InputWaits) log.LogInformation("The library's input could not be replaced; it polls the terminal 50 times a second");
            Run(timeline, terminal, host, new ServiceActions(host), new ScriptingReplEngine(session, completion), history.Entries, buffer, readOnly, chosen,
                StartApi, () => { _ = session.WarmUpAsync(); }, () => { _ = completion.WarmUpAsync(); }, message => log.LogInformation("{Message}", message));
            log.LogInformation("Console closed; stopping");
        }
        finally
        {
            terminal.Dispose();
            await StopWithinAsync(host, log);
        }
        return 0;
    }

    /// <summary>
    /// Once the screen is closed the operator waits for nothing: a cluster whose host never answers keeps its
    /// connection attempt until its connect timeout, so stopping gets a few seconds, then the process leaves it.
    /// </summary>
    private static async Task StopWithinAsync(ServiceHost host, ILogger log)
    {
        var stopping = Task.Run(async () =>
        {
            await host.StopAsync();
            await host.DisposeAsync();
        });
        if (await Task.WhenAny(stopping, Task.Delay(StopLimit)) != stopping)
            log.LogWarning("The service did not stop within {Seconds} s (a cluster that does not answer is still connecting); leaving it", StopLimit.TotalSeconds);
        else await stopping;
    }

    private static readonly TimeSpan StopLimit = TimeSpan.FromSeconds(5);

    private static void Run(StartupTimeline timeline, ConsoleTerminal terminal, ServiceHost host, IConsoleActions actions, IReplEngine engine, IReadOnlyList<string> history, LogBuffer logs,
        bool readOnly, ConsoleTheme theme, Func<Task<string?>> startApi, Action warmUp, Action warmUpCompletion, Action<string> frameLog)
    {
        var app = terminal.App;

        var model = new ConsoleModel(readOnly);
        var stopped = false;
        ConsoleWindow? window = null;
        void OnUi(Action action)
        {
            if (Volatile.Read(ref stopped)) return;
            try { app.Invoke(action); }
            catch (Exception) when (Volatile.Read(ref stopped)) { } // the application ended meanwhile
        }
        void Post(Task<Action<ConsoleModel>> work) =>
            work.ContinueWith(t => OnUi(() =>
            {
                // Background work that failed is a message on the screen, never the end of the console.
                if (t.IsCompletedSuccessfully) t.Result(model);
                else model.Say(t.Exception?.GetBaseException().Message ?? "cancelled", error: true);
                window?.Sync();
            }), TaskScheduler.Default);

        var controller = new ConsoleController(model, actions, Post);
        var feeds = new ConsoleFeeds(host, StartupReport.Version, Post);
        var pane = new ReplPane();
        pane.History.Load(history);
        var repl = new ReplController(pane, engine, Post);
        feeds.Tick(model);
        window = new ConsoleWindow(model, controller, pane, repl, logs, theme != ConsoleTheme.Monochrome);
        timeline.Mark("views");
        var completionWarm = false;
        app.Keyboard.KeyDown += (_, key) =>
        {
            using var noContext = new NoSynchronizationContext();
            window.OnKey(key);
            if (model.Mode != ConsoleMode.Repl || completionWarm) return;
            // Completion's workspace holds about 270 MB: built when the REPL pane first opens, not at start.
            completionWarm = true;
            warmUpCompletion();
        };
        terminal.OnStopSignal(() => OnUi(() => { model.QuitRequested = true; window.Sync(); }));
        app.AddTimeout(TimeSpan.FromSeconds(1), () =>
        {
            // Background work started here (queue, probes, output) must not resume on the library's
            // synchronization context: its results come back through OnUi, as every other result does.
            using var noContext = new NoSynchronizationContext();
            feeds.Tick(model);
            controller.Tick();
            window.Sync();
            return true;
        });
        var first = true;
        app.LayoutAndDrawComplete += (_, _) =>
        {
            if (!first) return;
            first = false;
            timeline.Mark("first draw");
            frameLog($"First full frame {timeline.Elapsed.TotalMilliseconds:0} ms after the process started ({timeline})");
            warmUp(); // Roslyn loads while the operator looks at the first frame
            // Off the UI thread: the host's loops must not capture the library's synchronization context.
            Post(Task.Run(startApi).ContinueWith<Action<ConsoleModel>>(t => m => { feeds.ServingProblem = t.Result; feeds.Tick(m); }, TaskScheduler.Default));
        };
        try { app.Run(window); }
        finally
        {
            Volatile.Write(ref stopped, true);
            window.Dispose();
            terminal.Dispose(); // puts the terminal back (alternate screen, mouse, raw mode)
        }
    }
}
