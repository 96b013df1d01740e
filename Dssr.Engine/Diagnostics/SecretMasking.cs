using System.Text.RegularExpressions;

namespace Dssr.Engine.Diagnostics;

/// <summary>Hides what must not reach a log: the password in a URL such as <c>http://user:pass@proxy:3128</c>.</summary>
public static partial class SecretMasking
{
    public static string MaskUrlCredentials(string value) =>
        UrlPassword().Replace(value, m => $"{m.Groups[1].Value}{m.Groups[2].Value}:***@");

    [GeneratedRegex(@"([a-zA-Z][a-zA-Z0-9+.-]*://)([^:/@\s]*):[^@\s/]*@")]
    private static partial Regex UrlPassword();
}
