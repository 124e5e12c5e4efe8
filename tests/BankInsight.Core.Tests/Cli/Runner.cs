using BankInsight.Cli;

namespace BankInsight.Tests.Cli;

/// <summary>Runs the bankinsight runner in-process, capturing what it prints.</summary>
internal static class Runner
{
    public static (int Exit, string Out, string Err) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int exit = CliApp.Run(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }
}
