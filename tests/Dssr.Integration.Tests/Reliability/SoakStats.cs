using System.Collections.Concurrent;
using System.Diagnostics;
using Dssr.Testing;

namespace Dssr.Integration.Tests.Reliability;

/// <summary>Requests, errors by kind and latency per route, since the start of a soak.</summary>
internal sealed class SoakStats
{
    private readonly ConcurrentDictionary<string, ConcurrentQueue<double>> _latency = new();
    private readonly ConcurrentDictionary<string, int> _errors = new();
    private long _requests;

    public async Task<Answer> Time(string route, Func<Task<Answer>> request)
    {
        var clock = Stopwatch.StartNew();
        Interlocked.Increment(ref _requests);
        try
        {
            var answer = await request();
            if (answer.Status != 200) _errors.AddOrUpdate($"{route} {answer.Status}", 1, (_, n) => n + 1);
            return answer;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            _errors.AddOrUpdate($"{route} {e.GetType().Name}", 1, (_, n) => n + 1);
            return new Answer(0, null, []);
        }
        finally
        {
            _latency.GetOrAdd(route, _ => new()).Enqueue(clock.Elapsed.TotalMilliseconds);
        }
    }

    public string Report()
    {
        var errors = _errors.IsEmpty ? "no errors" : "errors " + string.Join(", ", _errors.OrderBy(e => e.Key).Select(e => $"{e.Key} x{e.Value}"));
        var routes = string.Join("; ", _latency.OrderBy(r => r.Key).Select(r =>
        {
            var sorted = r.Value.Order().ToList();
            return $"{r.Key} p50 {At(sorted, 0.5):0} ms p99 {At(sorted, 0.99):0} ms";
        }));
        return $"{Interlocked.Read(ref _requests)} requests, {errors}; {routes}";
    }

    private static double At(List<double> sorted, double q) => sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(q * sorted.Count) - 1)];
}
