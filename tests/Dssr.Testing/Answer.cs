namespace Dssr.Testing;

/// <summary>An HTTP answer read whole: status, content type and the exact body bytes.</summary>
public sealed record Answer(int Status, string? ContentType, byte[] Body)
{
    public string Text => System.Text.Encoding.UTF8.GetString(Body);

    public static async Task<Answer> Of(Task<HttpResponseMessage> request)
    {
        using var response = await request;
        var body = await response.Content.ReadAsByteArrayAsync();
        var type = response.Content.Headers.ContentType?.ToString();
        return new Answer((int)response.StatusCode, type, body);
    }
}
