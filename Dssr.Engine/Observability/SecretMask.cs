using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Dssr.Engine.Observability;

/// <summary>
/// Masks what a recording must never hold: bearer tokens, passwords and other secret-named fields, registry
/// credentials (JOBOBJ_CTRSECRET, JOBOBJ_DOCKER_SECRET and the like inside the job script) and private keys,
/// wherever they appear in the <c>args</c> JSON, including inside the base64 job script.
/// </summary>
internal static partial class SecretMask
{
    public const string Mask = "***";

    /// <summary>The args JSON with its secrets masked; text that is not JSON is masked line by line.</summary>
    public static string MaskArgs(string args)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(args);
        }
        catch (JsonException)
        {
            return MaskText(args);
        }
        if (root is null) return args;
        return MaskNode(root, null)?.ToJsonString() ?? "null";
    }

    /// <summary>Secret lines (<c>KEY=value</c> with a secret-sounding key), private key blocks and URL passwords of a text.</summary>
    public static string MaskText(string text)
    {
        var masked = PrivateKeyBlock().Replace(text, $"-----BEGIN PRIVATE KEY-----{Mask}-----END PRIVATE KEY-----");
        masked = SecretAssignment().Replace(masked, m => $"{m.Groups[1].Value}={Mask}");
        masked = BearerHeader().Replace(masked, m => $"{m.Groups[1].Value} {Mask}");
        return Diagnostics.SecretMasking.MaskUrlCredentials(masked);
    }

    public static bool IsSecretName(string name) => SecretName().IsMatch(name);

    private static JsonNode? MaskNode(JsonNode? node, string? key)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var name in obj.Select(p => p.Key).ToList())
                    obj[name] = MaskNode(obj[name], name);
                return obj;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++) array[i] = MaskNode(array[i], key);
                return array;
            case JsonValue value when value.TryGetValue<string>(out var text):
                if (key is not null && IsSecretName(key)) return JsonValue.Create(Mask);
                if (key is not null && TryBase64Text(text, out var decoded))
                {
                    var masked = MaskText(decoded);
                    return masked == decoded ? value : JsonValue.Create(Convert.ToBase64String(Encoding.UTF8.GetBytes(masked)));
                }
                var plain = MaskText(text);
                return plain == text ? value : JsonValue.Create(plain);
            default:
                return node;
        }
    }

    /// <summary>A job script travels as base64 (hpc_script's values): decoded only when it is base64 of UTF-8 text.</summary>
    private static bool TryBase64Text(string text, out string decoded)
    {
        decoded = "";
        if (text.Length < 8 || text.Length % 4 != 0) return false;
        var buffer = new byte[text.Length / 4 * 3];
        if (!Convert.TryFromBase64String(text, buffer, out var length)) return false;
        try
        {
            decoded = new UTF8Encoding(false, true).GetString(buffer, 0, length);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }

    [GeneratedRegex(@"(?i)bearer|passw|secret|token|credential|pkey|private|apikey|api_key|auth")]
    private static partial Regex SecretName();

    [GeneratedRegex(@"-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----[\s\S]*?(-----END [A-Z0-9 ]*PRIVATE KEY-----|$)")]
    private static partial Regex PrivateKeyBlock();

    // KEY=value (optionally exported) whose key names a secret; the value runs to the end of the line.
    [GeneratedRegex(@"(?im)^((?:export\s+)?[A-Z0-9_]*(?:PASSW|SECRET|TOKEN|CREDENTIAL|PKEY|PRIVATE|APIKEY|API_KEY|AUTH|BEARER)[A-Z0-9_]*)=.*$")]
    private static partial Regex SecretAssignment();

    [GeneratedRegex(@"(?i)\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+")]
    private static partial Regex BearerHeader();
}
