using System.CommandLine;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Dssr.Engine.Observability;
using Dssr.Tui.Composition;

namespace Dssr.Tui.Commands;

/// <summary>
/// <c>dssr replay FILE --against URL [--speed N | --fast]</c>: sends a recording's requests again and reports each answer
/// whose status or size differs. Exit 0: all the same; 1: some differ; 2: bad input.
/// </summary>
internal static class ReplayCommand
{
    public const string KeyVariable = "DSSR_REPLAY_SERVER_KEY";

    public static Command Build()
    {
        var file = new Argument<string>("FILE") { Description = "A recording made with --record." };
        var against = new Option<string>("--against") { Description = "Base URL of the service to replay against, such as http://127.0.0.1:5000", Required = true, HelpName = "URL" };
        var speed = new Option<double?>("--speed") { Description = "Replay N times faster than recorded [default: 1, the original timing]", HelpName = "N" };
        var fast = new Option<bool>("--fast") { Description = "Send each request as soon as the previous one is answered." };
        var command = new Command("replay",
            $"Replay a recording of the upstream conversation against a service and report every answer whose status or size differs; exit 1 when any differs. " +
            $"The server key, when the service has one, is read from {KeyVariable} (user:password), never from the command line.")
        { file, against, speed, fast };
        command.SetAction((parse, ct) => RunAsync(parse.GetValue(file)!, parse.GetValue(against)!, parse.GetValue(fast) ? null : parse.GetValue(speed) ?? 1,
            ProcessEnvironment.Read().GetValueOrDefault(KeyVariable), Console.Out, Console.Error, ct));
        return command;
    }

    /// <param name="speed">null: as fast as answered.</param>
    public static async Task<int> RunAsync(string file, string against, double? speed, string? serverKey, TextWriter output, TextWriter errors, CancellationToken ct)
    {
        if (speed is <= 0)
        {
            await errors.WriteLineAsync($"dssr replay: --speed: expected a number above 0, got {speed}");
            return 2;
        }
        if (!Uri.TryCreate(against, UriKind.Absolute, out var baseUri) || baseUri.Scheme is not ("http" or "https"))
        {
            await errors.WriteLineAsync($"dssr replay: --against: expected an http(s) URL, got {against}");
            return 2;
        }
        IReadOnlyList<RecordedExchange> recording;
        try
        {
            recording = Replayer.Read(file);
        }
        catch (Exception e) when (e is FormatException or IOException or UnauthorizedAccessException)
        {
            await errors.WriteLineAsync($"dssr replay: {e.Message}");
            return 2;
        }
        using var http = new HttpClient { BaseAddress = baseUri, Timeout = TimeSpan.FromSeconds(120) };
        if (serverKey is { Length: > 0 })
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(serverKey)));
        var report = await new Replayer(http).ReplayAsync(recording, speed, ct);
        foreach (var d in report.Differences)
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"line {d.Line}: {d.Recorded.Method} {d.Recorded.Path} (request {d.Recorded.RequestId}): {d.What}"));
        var verdict = report.Same ? "no differences" : $"{report.Differences.Count} differ";
        var masked = report.StatusOnly > 0 ? $" ({report.StatusOnly} with masked secrets compared by status only)" : "";
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"{report.Requests} requests replayed against {baseUri} in {report.Took.TotalSeconds:0.0} s: {verdict}{masked}"));
        return report.Same ? 0 : 1;
    }
}
