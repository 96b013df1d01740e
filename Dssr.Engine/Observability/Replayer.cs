using System.Diagnostics;
using System.Text.Json;

namespace Dssr.Engine.Observability;

/// <summary>
/// Sends a recording's requests to another service, in order, with the original gaps divided by a speed (or none),
/// and compares each answer with the recorded one: status and size. A site checks an upgrade against yesterday's
/// traffic this way, or Dssr against the original side by side.
/// </summary>
public sealed class Replayer(HttpClient http)
{
    /// <param name="speed">How much faster than recorded: 1 keeps the original timing; null sends each request as soon as the last is answered.</param>
    public async Task<ReplayReport> ReplayAsync(IReadOnlyList<RecordedExchange> recording, double? speed, CancellationToken ct)
    {
        if (speed is <= 0) throw new ArgumentOutOfRangeException(nameof(speed), speed, "speed: expected a number above 0");
        var differences = new List<ReplayDifference>();
        var statusOnly = 0;
        var clock = Stopwatch.StartNew();
        var first = recording.Count > 0 ? recording[0].At : default;
        for (var i = 0; i < recording.Count; i++)
        {
            var exchange = recording[i];
            if (speed is { } s)
            {
                var due = TimeSpan.FromTicks((long)((exchange.At - first).Ticks / s));
                if (due > clock.Elapsed) await Task.Delay(due - clock.Elapsed, ct).ConfigureAwait(false);
            }
            using var request = new HttpRequestMessage(new HttpMethod(exchange.Method), exchange.Path + (exchange.Query ?? ""));
            request.Headers.TryAddWithoutValidation(RequestContext.Header, exchange.RequestId);
            if (exchange.Args is { } args) request.Content = new FormUrlEncodedContent([new KeyValuePair<string, string>("args", args)]);
            int status;
            long bytes;
            try
            {
                using var response = await http.SendAsync(request, ct).ConfigureAwait(false);
                status = (int)response.StatusCode;
                bytes = (await response.Content.ReadAsByteArrayAsync(ct).ConfigureAwait(false)).LongLength;
            }
            catch (HttpRequestException e)
            {
                differences.Add(new ReplayDifference(i + 1, exchange, 0, 0, $"no answer: {e.Message}"));
                continue;
            }
            // A HEAD answer has no body; its recorded size is the GET's Content-Length. Masked args are not the
            // ones the upstream sent, so only the status of their answer is comparable.
            if (exchange.Masked) statusOnly++;
            var sizeDiffers = !exchange.Masked && bytes != exchange.Bytes && !(exchange.Method == "HEAD" && bytes == 0);
            if (status != exchange.Status || sizeDiffers)
                differences.Add(new ReplayDifference(i + 1, exchange, status, bytes,
                    status != exchange.Status ? $"status {exchange.Status} -> {status}" : $"bytes {exchange.Bytes} -> {bytes}"));
        }
        return new ReplayReport(recording.Count, differences, clock.Elapsed, statusOnly);
    }

    /// <summary>Reads a recording; a line that is not an exchange is an error naming the line and the field.</summary>
    public static IReadOnlyList<RecordedExchange> Read(string file)
    {
        var list = new List<RecordedExchange>();
        var number = 0;
        foreach (var line in File.ReadLines(file))
        {
            number++;
            if (line.Length == 0) continue;
            RecordedExchange? exchange;
            try
            {
                exchange = JsonSerializer.Deserialize<RecordedExchange>(line);
            }
            catch (JsonException e)
            {
                throw new FormatException($"{file} line {number}: not a recorded exchange ({e.Message})");
            }
            if (exchange is null || string.IsNullOrEmpty(exchange.Method) || string.IsNullOrEmpty(exchange.Path) || !exchange.Path.StartsWith('/'))
                throw new FormatException($"{file} line {number}: method and path (starting with /) are required");
            list.Add(exchange);
        }
        return list;
    }
}

/// <param name="Line">The exchange's line in the recording (1-based).</param>
public sealed record ReplayDifference(int Line, RecordedExchange Recorded, int Status, long Bytes, string What);

/// <param name="StatusOnly">Requests whose recorded args were masked: their answers are compared by status only.</param>
public sealed record ReplayReport(int Requests, IReadOnlyList<ReplayDifference> Differences, TimeSpan Took, int StatusOnly = 0)
{
    public bool Same => Differences.Count == 0;
}
