using System.Text.Json;
using System.Text.RegularExpressions;
using Dssr.Engine.Connectors;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Dssr.Engine.Api;

/// <summary>
/// The <c>args</c> form field of a legacy POST: a JSON object, read and checked here so that every
/// mistake is a 400 naming the field and what is expected (the original answered 500 pages).
/// </summary>
internal sealed partial class LegacyArgs
{
    private readonly JsonElement _root;

    private LegacyArgs(JsonElement root) => _root = root;

    public static async Task<LegacyArgs> ReadAsync(HttpContext http, long maxBodyBytes)
    {
        var request = http.Request;
        if (request.ContentLength > maxBodyBytes)
        {
            await DrainAsync(http); // read it so the caller gets the 400 rather than a reset connection
            throw TooLarge(maxBodyBytes);
        }
        if (!request.HasFormContentType)
            throw new InvalidInputException("args",
                "missing; send the body as application/x-www-form-urlencoded with a field args holding a JSON object");
        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(new FormOptions { ValueLengthLimit = (int)Math.Min(maxBodyBytes, int.MaxValue) }, http.RequestAborted);
        }
        catch (Exception e) when (e is InvalidDataException or BadHttpRequestException)
        {
            await DrainAsync(http);
            throw TooLarge(maxBodyBytes);
        }
        if (!form.TryGetValue("args", out var values) || values.Count == 0 || values[0] is null)
            throw new InvalidInputException("args", "missing form field; expected args=<JSON object>");
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(values[0]!, new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException e)
        {
            throw new InvalidInputException("args", $"not valid JSON ({FirstSentence(e.Message)})");
        }
        http.Response.RegisterForDispose(document);
        if (document.RootElement.ValueKind != JsonValueKind.Object)
            throw new InvalidInputException("args", $"expected a JSON object, got {Kind(document.RootElement)}");
        return new LegacyArgs(document.RootElement);
    }

    public string RequireString(string key, int maxLength = 4096, bool allowEmpty = false)
    {
        var value = Require(key, JsonValueKind.String, "a string").GetString()!;
        if (!allowEmpty && value.Length == 0) throw new InvalidInputException(key, "expected a non-empty string");
        if (value.Length > maxLength) throw new InvalidInputException(key, $"longer than {maxLength} characters");
        return value;
    }

    public long RequireInteger(string key, long min = long.MinValue, long max = long.MaxValue)
    {
        var element = Require(key, JsonValueKind.Number, "an integer");
        if (!element.TryGetInt64(out var value))
            throw new InvalidInputException(key, $"expected an integer, got {element.GetRawText()}");
        if (value < min || value > max)
            throw new InvalidInputException(key, $"expected an integer from {min} to {max}, got {value}");
        return value;
    }

    /// <summary>The upstream job name: it becomes a cluster's job name and a file name, so only safe characters.</summary>
    public string RequireJobName(string key = "name")
    {
        var name = RequireString(key, maxLength: Jobs.JobName.MaxLength);
        return Jobs.JobName.Parse(name, key);
    }

    public IReadOnlyDictionary<string, string> RequireStringMap(string key)
    {
        var element = Require(key, JsonValueKind.Object, "an object");
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var p in element.EnumerateObject())
        {
            if (p.Value.ValueKind != JsonValueKind.String)
                throw new InvalidInputException($"{key}.{p.Name}", $"expected a string, got {Kind(p.Value)}");
            map[p.Name] = p.Value.GetString()!;
        }
        if (map.Count == 0) throw new InvalidInputException(key, "expected at least one executor entry, such as {\"singularity\": \"<base64>\"}");
        return map;
    }

    /// <summary>The <c>qs</c> of /request: an object of string lists, as parse_qs gives.</summary>
    public RequestQuery RequireQuery(string key = "qs")
    {
        var element = Require(key, JsonValueKind.Object, "an object of string lists, such as {\"lines\": [\"100\"]}");
        var map = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var p in element.EnumerateObject())
        {
            if (p.Value.ValueKind != JsonValueKind.Array)
                throw new InvalidInputException($"{key}.{p.Name}", $"expected a list of strings, got {Kind(p.Value)}");
            var list = new List<string>();
            foreach (var item in p.Value.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.String)
                    throw new InvalidInputException($"{key}.{p.Name}", $"expected a list of strings, found {Kind(item)}");
                list.Add(item.GetString()!);
            }
            map[p.Name] = list;
        }
        return new RequestQuery(map);
    }

    private JsonElement Require(string key, JsonValueKind kind, string expected)
    {
        if (!_root.TryGetProperty(key, out var value))
            throw new InvalidInputException(key, $"missing; expected {expected}");
        if (value.ValueKind != kind)
            throw new InvalidInputException(key, $"expected {expected}, got {Kind(value)}");
        return value;
    }

    internal static string Kind(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "a list",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };

    private static async Task DrainAsync(HttpContext http)
    {
        var buffer = new byte[64 * 1024];
        try
        {
            while (await http.Request.Body.ReadAsync(buffer, http.RequestAborted) > 0) { }
        }
        catch (BadHttpRequestException)
        {
            // Over Kestrel's hard limit: the connection is closed after the answer.
        }
    }

    private static InvalidInputException TooLarge(long max) =>
        new("args", $"the request body is larger than {max} bytes");

    private static string FirstSentence(string message)
    {
        var i = message.IndexOf(" Path:", StringComparison.Ordinal);
        return (i > 0 ? message[..i] : message).TrimEnd('.');
    }

}
