using System.Globalization;

namespace Dssr.Connectors.Dummy;

/// <summary><c>str(timedelta(seconds=n))</c> for whole seconds: <c>0:00:07</c>, <c>1 day, 0:00:01</c>, <c>2 days, …</c>.</summary>
internal static class PythonTimedelta
{
    public static string Format(TimeSpan span)
    {
        var total = (long)Math.Floor(span.TotalSeconds);
        if (total < 0) total = 0;
        var days = total / 86_400;
        var rest = total % 86_400;
        var clock = string.Create(CultureInfo.InvariantCulture, $"{rest / 3600}:{rest / 60 % 60:00}:{rest % 60:00}");
        return days == 0 ? clock : string.Create(CultureInfo.InvariantCulture, $"{days} day{(days == 1 ? "" : "s")}, {clock}");
    }
}
