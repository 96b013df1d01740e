namespace Dssr.Connectors.Dummy;

/// <summary>The dummy's canned job output for <c>/request/…/tail</c>: a heading and two filler paragraphs.</summary>
internal static class DummyTail
{
    public static string For(string jobName) =>
        $"\nLogs for job {jobName}\n" +
        "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore et dolore magna aliqua. " +
        "Ut enim ad minim veniam, quis nostrud exercitation ullamco laboris nisi ut aliquip ex ea commodo consequat.\n" +
        "Duis aute irure dolor in reprehenderit in voluptate velit esse cillum dolore eu fugiat nulla pariatur. " +
        "Excepteur sint occaecat cupidatat non proident, sunt in culpa qui officia deserunt mollit anim id est laborum.\n";
}
