using Dssr.Tui.Commands;

return await DssrCommandLine.Build().Parse(args).InvokeAsync();
