using System.Text.Json;

namespace Dssr.Scripting.Api;

/// <summary>A legacy route's answer as the upstream receives it: status, content type and the body text.</summary>
public sealed record ApiAnswer(int Status, string ContentType, string Body)
{
    public bool Ok => Status == 200;

    /// <summary>The body parsed, for <c>(await Api.Running()).Json.GetArrayLength()</c>.</summary>
    public JsonElement Json
    {
        get
        {
            using var document = JsonDocument.Parse(Body);
            return document.RootElement.Clone();
        }
    }
}
