using System.Text.Json.Serialization;

namespace Dssr.Engine.Observability;

/// <summary>
/// One upstream request and its answer, as a line of a recording: what was asked (method, path, query, the
/// <c>args</c> form field with its secrets masked) and what was answered (status, bytes, time taken).
/// <see cref="Masked"/>: secrets were replaced, so a replay sends other args and the answer's size may differ.
/// </summary>
public sealed record RecordedExchange(
    [property: JsonPropertyName("at")] DateTimeOffset At,
    [property: JsonPropertyName("id")] string RequestId,
    [property: JsonPropertyName("method")] string Method,
    [property: JsonPropertyName("path")] string Path,
    [property: JsonPropertyName("query")] string? Query,
    [property: JsonPropertyName("args")] string? Args,
    [property: JsonPropertyName("status")] int Status,
    [property: JsonPropertyName("bytes")] long Bytes,
    [property: JsonPropertyName("ms")] double Milliseconds,
    [property: JsonPropertyName("masked")] bool Masked = false);
