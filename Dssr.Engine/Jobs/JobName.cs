using System.Text.RegularExpressions;
using Dssr.Engine.Connectors;

namespace Dssr.Engine.Jobs;

/// <summary>
/// An upstream job name, checked once by the one rule: it becomes a cluster's job name, a file name and a
/// command-line word, so 1 to 200 letters, digits and <c>. _ - + @</c>, never starting with <c>.</c> (a hidden
/// file) or <c>-</c> (an option to the command it reaches).
/// </summary>
public readonly partial record struct JobName
{
    public const int MaxLength = 200;
    public const string Expected = "expected 1-200 letters, digits and . _ - + @ only, not starting with . or - (such as 20240101120000-ABCDE-app-user_s1)";

    private JobName(string value) => Value = value;

    public string Value { get; }

    /// <summary>The name, or an <see cref="InvalidInputException"/> naming <paramref name="field"/> (a 400).</summary>
    public static JobName Parse(string text, string field = "name") =>
        IsValid(text) ? new JobName(text) : throw new InvalidInputException(field, Expected);

    public static bool IsValid(string text) => text.Length is > 0 and <= MaxLength && Pattern().IsMatch(text);

    public override string ToString() => Value;

    public static implicit operator string(JobName name) => name.Value;

    [GeneratedRegex(@"^[A-Za-z0-9_+@][A-Za-z0-9._+@-]*\z")]
    private static partial Regex Pattern();
}
