using System.Text;

namespace Dssr.Engine.Remote;

/// <summary>What a command gave back. Output is kept as bytes; the text views never throw on invalid UTF-8.</summary>
public sealed record RemoteResult(int ExitCode, byte[] StdoutBytes, byte[] StderrBytes, TimeSpan Elapsed)
{
    // Replacement characters instead of exceptions: a stray byte in a job's output must not become a 500.
    private static readonly Encoding Lenient = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    public string Stdout => Lenient.GetString(StdoutBytes);
    public string Stderr => Lenient.GetString(StderrBytes);
    public bool Succeeded => ExitCode == 0;

    /// <summary>The signal that ended the command (<c>TERM</c>, <c>KILL</c>…), when it did not exit by itself; <see cref="ExitCode"/> is then 128 + its number, as shells report it.</summary>
    public string? ExitSignal { get; init; }

    /// <summary>For a streamed run whose stderr was held: writes it to <paramref name="stderr"/> and returns the result without output.</summary>
    internal async Task<RemoteResult> WithStderrWrittenAsync(Stream? stderr, CancellationToken ct)
    {
        if (stderr is not null) await stderr.WriteAsync(StderrBytes, ct).ConfigureAwait(false);
        return this with { StdoutBytes = [], StderrBytes = [] };
    }
}
