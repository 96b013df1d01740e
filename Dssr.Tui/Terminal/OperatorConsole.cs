using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Threading.Channels;
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
/// <c>dssr</c>: the full-screen console, with the legacy API serving in the background exactly as
/// <c>--serve</c> would. Logs go to the log pane and to dssr.log in the state folder, never to the
/// terminal under the screen. Redraws at most once per event batch, and once a second when idle.
/// </summary>
public static class OperatorConsole
{
    public static async Task<int> RunAsync(CommandLineOverrides cli, bool readOnly, CancellationToken ct)
    {
        if (Console.IsInputRedirected || Console.IsOutputRedirected)
        {
            await Console.Error.WriteLineAsync("dssr: the console needs a terminal; use dssr --serve to run headless");
            return 2;
        }
        var env = ProcessEnvironment.Read();
        ServiceOptions options;
        try { options = ServiceOptionsReader.Read(env, cli); }
        catch (ConfigurationException e)
        {
            await Console.Error.WriteLineAsync($"dssr: {e.Message}");
            return 2;
        }

        var buffer = new LogBuffer();
        Directory.CreateDirectory(options.StateDirectory);
        using var serilog = ConsoleLogging.Create(options.LogLevel, buffer, Path.Combine(options.StateDirectory, "dssr.log"));
        using var logs = ServiceLogging.Factory(serilog);
        var log = logs.CreateLogger("dssr");
        ServiceHost host;
        try { host = ServiceHost.Create(options, ConnectorCatalog.Registry(), TimeProvider.System, logs); }
        catch (ConfigurationException e)
        {
            await Console.Error.WriteLineAsync($"dssr: {e.Message}");
            return 2;
        }

        await using (host)
        {
            StartupReport.Log(log, options);
            // The first frame goes up before the API binds its port: the operator sees the console at once.
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
            }
            using var screen = new TerminalScreen(Console.Out);
            var actions = new ServiceActions(host);
            await Loop(host, actions, screen, buffer, readOnly, StartApi, FrameRenderer.ColorWanted(env),
                message => log.LogInformation("{Message}", message), ct);
            log.LogInformation("Console closed; stopping");
            await host.StopAsync();
        }
        return 0;
    }

    private static async Task Loop(ServiceHost host, ServiceActions actions, TerminalScreen screen, LogBuffer logs,
        bool readOnly, Func<Task<string?>> startApi, bool color, Action<string>? frameLog, CancellationToken ct)
    {
        var events = Channel.CreateUnbounded<ConsoleEvent>(new UnboundedChannelOptions { SingleReader = true });
        void Post(Task<Action<ConsoleModel>> work) =>
            work.ContinueWith(t => events.Writer.TryWrite(new ConsoleEvent.Apply(t.Result)), TaskScheduler.Default);

        var model = new ConsoleModel(readOnly);
        var controller = new ConsoleController(model, actions, Post);
        var feeds = new ConsoleFeeds(host, StartupReport.Version, Post);
        var renderer = new FrameRenderer(color);
        var repl = new ReplPane();
        await using var globals = new ScriptGlobals(host, [], TextWriter.Null);
        var history = new ReplHistory(host.Options.StateDirectory);
        var session = new ReplSession(globals, ReplOptions.Default, history);
        repl.Editor.Load(history.Entries);
        var replController = new ReplController(repl, new ScriptingReplEngine(session), Post);
        // Ctrl+C is a key here (it cancels a REPL evaluation), not a signal that ends the console.
        var treatCtrlC = Console.TreatControlCAsInput;
        Console.TreatControlCAsInput = true;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        using var resize = OperatingSystem.IsWindows() ? null : PosixSignalRegistration.Create(PosixSignal.SIGWINCH, c => { c.Cancel = true; events.Writer.TryWrite(new ConsoleEvent.Resize()); });
        using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; events.Writer.TryWrite(new ConsoleEvent.InputClosed()); });
        _ = Ticks(events.Writer, stop.Token);

        screen.Enter();
        KeyReader.Start(events.Writer, stop.Token);
        feeds.Tick(model);
        string? last = null;
        var lastLogVersion = -1L;
        var first = true;
        try
        {
            while (!model.QuitRequested && await events.Reader.WaitToReadAsync(stop.Token))
            {
                var forced = false;
                while (events.Reader.TryRead(out var e))
                {
                    switch (e)
                    {
                        case ConsoleEvent.Key k when k.Info.Key == ConsoleKey.C && k.Info.Modifiers.HasFlag(ConsoleModifiers.Control):
                            replController.Cancel();
                            break;
                        case ConsoleEvent.Key k when model.Mode == ConsoleMode.Repl && replController.Handle(k.Info):
                            break;
                        case ConsoleEvent.Key k: controller.Handle(k.Info); break;
                        case ConsoleEvent.Tick: feeds.Tick(model); controller.Tick(); break;
                        case ConsoleEvent.Resize: forced = true; break;
                        case ConsoleEvent.Apply a: a.Change(model); break;
                        case ConsoleEvent.InputClosed: model.QuitRequested = true; break;
                    }
                }
                if (model.QuitRequested) break;
                var (w, h) = screen.Size;
                var started = Stopwatch.GetTimestamp();
                var lines = renderer.RenderLines(Frame.Lines(model, logs, repl, w, h), w);
                var frame = renderer.ToTerminal(lines);
                if (forced || frame != last || logs.Version != lastLogVersion)
                {
                    if (forced) screen.Write("\u001b[2J");
                    screen.Write(frame);
                    last = frame;
                    lastLogVersion = logs.Version;
                    if (first)
                    {
                        first = false;
                        var sinceStart = DateTime.Now - Process.GetCurrentProcess().StartTime;
                        _ = session.WarmUpAsync(); // Roslyn loads while the operator looks at the first frame
                        Post(startApi().ContinueWith<Action<ConsoleModel>>(t => m => { feeds.ServingProblem = t.Result; feeds.Tick(m); }, TaskScheduler.Default));
                        frameLog?.Invoke($"First full frame {sinceStart.TotalMilliseconds:0} ms after the process started ({Stopwatch.GetElapsedTime(started).TotalMilliseconds:0.0} ms to build it)");
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested) { }
        finally
        {
            Console.TreatControlCAsInput = treatCtrlC;
            await stop.CancelAsync();
        }
    }

    private static async Task Ticks(ChannelWriter<ConsoleEvent> events, CancellationToken ct)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        try { while (await timer.WaitForNextTickAsync(ct)) events.TryWrite(new ConsoleEvent.Tick()); }
        catch (OperationCanceledException) { }
    }
}
