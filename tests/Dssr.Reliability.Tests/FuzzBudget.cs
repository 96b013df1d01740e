using System.Globalization;

namespace Dssr.Reliability.Tests;

/// <summary>Inputs tried per generated test: a few thousand in the suite, as many as <c>DSSR_FUZZ_ITERATIONS</c> says for a longer run.</summary>
internal static class FuzzBudget
{
    public static long Iterations(long inSuite) =>
        long.TryParse(Environment.GetEnvironmentVariable("DSSR_FUZZ_ITERATIONS"), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : inSuite;
}
