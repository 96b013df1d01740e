using System.CommandLine;
using Dssr.Tui.Commands;

// A termination signal cancels the command's token; the process is ended only if the command has not
// finished 10 s later. The console handles its signals itself (it puts the terminal back first, and
// ends within a few seconds); --serve stops the service gracefully within that time.
return await DssrCommandLine.Build().Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(10) });
