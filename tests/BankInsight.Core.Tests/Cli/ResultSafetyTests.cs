using System.Diagnostics;
using BankInsight.Common;
using BankInsight.Synthetic;
using BankInsight.Tests.Support;
using static BankInsight.Tests.Cli.Runner;

namespace BankInsight.Tests.Cli;

/// <summary>
/// A result is only replaced by a result: every way a monthly run could replace last month's
/// files with nothing, with a mix, or with the wrong thing — and what happens now. Each case asserts
/// the exit code, the message and that the previous files are byte for byte as they were.
/// </summary>
public class ResultSafetyTests
{
    private const string LastMonth = "\"last month\"\n";

    private static string Churn(TempFolder temp, int rows = 300, string name = "customer_losing.del")
    {
        string path = temp.File(name);
        SyntheticDataGenerator.GenerateFile(new SyntheticDataRequest("CorporateChurn", rows) { Seed = 5 }, path, NullSink.Instance);
        return path;
    }

    private static string[] Predict(string input, string output, params string[] more) =>
        ["churn", "predict", "--input_data_path", input, "--output_data_path", output, .. more];

    private static void AssertOnlyFiles(TempFolder temp, params string[] names) =>
        Assert.Equal(names.Order(StringComparer.Ordinal), Directory.GetFiles(temp.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));

    [Theory]
    [InlineData("", "has no data rows")]
    [InlineData("\n\n\r\n", "has no data rows (3 blank lines)")]
    [InlineData("  \n\t\n \t \r\n", "has no data rows (3 blank lines)")] // spaces and tabs only: blank too, not "1 field per line"
    public void An_empty_export_exits_2_and_leaves_last_months_list(string content, string message)
    {
        using var temp = new TempFolder();
        File.WriteAllText(temp.File("in.del"), content);
        File.WriteAllText(temp.File("out.txt"), LastMonth);
        var (exit, _, err) = Run(Predict(temp.File("in.del"), temp.File("out.txt")));
        Assert.Equal(2, exit);
        Assert.Contains(message, err);
        Assert.Contains("earlier results stay as they were", err);
        Assert.Equal(LastMonth, File.ReadAllText(temp.File("out.txt")));
        AssertOnlyFiles(temp, "in.del", "out.txt");
    }

    [Fact]
    public void A_fully_rejected_export_exits_2_and_leaves_last_months_list_and_rejects()
    {
        using var temp = new TempFolder();
        File.WriteAllLines(temp.File("in.del"), ["\"a\",\"b\"", "\"c\",\"d\""]);
        File.WriteAllText(temp.File("out.txt"), LastMonth);
        File.WriteAllText(temp.File("rejects.del"), "last month's rejects\n");
        var (exit, _, err) = Run(Predict(temp.File("in.del"), temp.File("out.txt"), "--reject_path", temp.File("rejects.del")));
        Assert.Equal(2, exit);
        Assert.Contains("is this the right file", err, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(LastMonth, File.ReadAllText(temp.File("out.txt")));
        Assert.Equal("last month's rejects\n", File.ReadAllText(temp.File("rejects.del")));
        AssertOnlyFiles(temp, "in.del", "out.txt", "rejects.del");
    }

    [Fact]
    public void More_than_half_rejected_exits_2_unless_the_limit_is_raised()
    {
        using var temp = new TempFolder();
        string input = Churn(temp, 20);
        var lines = File.ReadAllLines(input);
        for (int i = 8; i < 20; i++) lines[i] = lines[i].Replace(",", ",x,", StringComparison.Ordinal); // 12 of 20 with a wrong field count
        File.WriteAllLines(input, lines);
        File.WriteAllText(temp.File("out.txt"), LastMonth);
        var (exit, _, err) = Run(Predict(input, temp.File("out.txt")));
        Assert.Equal(2, exit);
        Assert.Contains("12 of 20 rows", err);
        Assert.Contains("(60%), more than the 50% a job accepts", err);
        Assert.Equal(LastMonth, File.ReadAllText(temp.File("out.txt")));

        (exit, _, err) = Run(Predict(input, temp.File("out.txt"), "--max_rejected_share", "0.7"));
        Assert.Equal(3, exit); // done, with rows rejected
        Assert.NotEqual(LastMonth, File.ReadAllText(temp.File("out.txt")));
    }

    [Fact]
    public void Prospect_files_given_in_swapped_order_exit_2_and_leave_last_months_list()
    {
        using var temp = new TempFolder();
        SyntheticDataGenerator.GenerateFile(new SyntheticDataRequest("CorporateProspect", 300) { Seed = 2 }, temp.File("p.del"), NullSink.Instance);
        SyntheticDataGenerator.GenerateFile(new SyntheticDataRequest("ProspectRelation", 300) { Seed = 2 }, temp.File("r.del"), NullSink.Instance);
        File.WriteAllText(temp.File("out.txt"), LastMonth);
        var (exit, _, err) = Run("prospect", "predict", "--input_data_path1", temp.File("r.del"), "--input_data_path2", temp.File("p.del"), "--output_data_path", temp.File("out.txt"));
        Assert.Equal(2, exit);
        Assert.Contains("r.del", err);
        Assert.Equal(LastMonth, File.ReadAllText(temp.File("out.txt")));
    }

    [Theory]
    [InlineData("--output_data_path", "--input_data_path")]
    [InlineData("--scores_path", "--output_data_path")]
    [InlineData("--reject_path", "--input_data_path")]
    [InlineData("--reject_path", "--output_data_path")]
    public void Two_paths_naming_one_written_file_exit_2_before_anything_is_touched(string option, string sameAs)
    {
        using var temp = new TempFolder();
        string input = Churn(temp);
        byte[] before = File.ReadAllBytes(input);
        File.WriteAllText(temp.File("out.txt"), LastMonth);
        var paths = new Dictionary<string, string> { ["--input_data_path"] = input, ["--output_data_path"] = temp.File("out.txt") };
        // The same file under another name: through a symbolic link to its folder, and '..'.
        Directory.CreateSymbolicLink(temp.File("link"), temp.Path);
        Directory.CreateDirectory(temp.File("sub"));
        string other = Path.Combine(temp.Path, "link", "sub", "..", Path.GetFileName(paths[sameAs]));
        var args = Predict(input, temp.File("out.txt")).ToList();
        if (option == "--output_data_path") args[args.IndexOf("--output_data_path") + 1] = other;
        else args.AddRange([option, other]);
        var (exit, _, err) = Run([.. args]);
        Assert.Equal(2, exit);
        Assert.Contains("name the same file", err);
        Assert.Equal(before, File.ReadAllBytes(input));
        Assert.Equal(LastMonth, File.ReadAllText(temp.File("out.txt")));
    }

    [Fact]
    public void Training_refuses_to_write_the_model_over_its_input()
    {
        using var temp = new TempFolder();
        string input = Churn(temp, 2000);
        byte[] before = File.ReadAllBytes(input);
        var (exit, _, err) = Run("churn", "train", "--input_data_path", input, "--model", input);
        Assert.Equal(2, exit);
        Assert.Contains("--input_data_path and --model name the same file", err);
        Assert.Equal(before, File.ReadAllBytes(input));
    }

    [Fact]
    public void A_folder_in_place_of_a_result_is_refused_before_any_work()
    {
        // The rename into place would fail only after loading and scoring; the paths are checked
        // first. (A failure at the rename itself rolls back the files already replaced:
        // CommitGroupTests; a full disk mid-write: A_full_disk_... below.)
        using var temp = new TempFolder();
        string input = Churn(temp);
        File.WriteAllText(temp.File("out.txt"), LastMonth);
        Directory.CreateDirectory(temp.File("scores.txt"));
        var (exit, stdout, err) = Run(Predict(input, temp.File("out.txt"), "--scores_path", temp.File("scores.txt")));
        Assert.Equal(2, exit);
        Assert.Equal($"bankinsight: error: --scores_path '{temp.File("scores.txt")}' is a folder; name the file to write in it.", err.Trim());
        Assert.Empty(stdout);
        Assert.Equal(LastMonth, File.ReadAllText(temp.File("out.txt")));
        AssertOnlyFiles(temp, "customer_losing.del", "out.txt"); // no temporary or backup file left

        var missing = Run(Predict(input, temp.File("out.txt"), "--reject_path", Path.Combine(temp.Path, "no-such-folder", "rejects.del")));
        Assert.Equal(2, missing.Exit);
        Assert.Contains("The folder of --reject_path", missing.Err);
        Assert.Empty(missing.Out);
        Assert.Equal(LastMonth, File.ReadAllText(temp.File("out.txt")));
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // Unix permissions; the CI and the bank's servers run Linux
    public void Replacing_a_result_keeps_its_permissions_and_writes_through_a_symbolic_link()
    {
        using var temp = new TempFolder();
        string input = Churn(temp);
        Directory.CreateDirectory(temp.File("real"));
        string real = Path.Combine(temp.File("real"), "customer_losing.txt");
        File.WriteAllText(real, LastMonth);
        File.SetUnixFileMode(real, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.CreateSymbolicLink(temp.File("out.txt"), real);
        var (exit, _, _) = Run(Predict(input, temp.File("out.txt")));
        Assert.Equal(0, exit);
        Assert.NotNull(new FileInfo(temp.File("out.txt")).LinkTarget);                       // still a link
        Assert.NotEqual(LastMonth, File.ReadAllText(real));                                   // the target has the new list
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(real)); // still 600
        Assert.Single(Directory.GetFiles(temp.File("real")));
    }

    [Fact]
    public void A_long_output_name_is_written_even_though_its_temporary_name_would_be_longer()
    {
        using var temp = new TempFolder();
        string input = Churn(temp);
        string name = new string('客', 80) + ".txt"; // 244 bytes in UTF-8: the old temporary name passed 255
        var (exit, _, err) = Run(Predict(input, temp.File(name)));
        Assert.True(exit == 0, err);
        Assert.True(File.Exists(temp.File(name)));
    }

    [Fact]
    public void A_read_only_result_is_refused_and_kept()
    {
        using var temp = new TempFolder();
        string input = Churn(temp);
        File.WriteAllText(temp.File("out.txt"), LastMonth);
        File.SetAttributes(temp.File("out.txt"), FileAttributes.ReadOnly);
        try
        {
            var (exit, _, err) = Run(Predict(input, temp.File("out.txt")));
            Assert.Equal(2, exit);
            Assert.Contains("is read-only", err);
            Assert.Equal(LastMonth, File.ReadAllText(temp.File("out.txt")));
            AssertOnlyFiles(temp, "customer_losing.del", "out.txt");
        }
        finally
        {
            File.SetAttributes(temp.File("out.txt"), FileAttributes.Normal);
        }
    }

    [Fact]
    public void A_full_disk_exits_2_naming_the_file_and_leaves_last_months_files_and_no_temporary_ones()
    {
        // The disk fills while the scores are written: a file-size limit makes every write past
        // 64 KB fail as a full disk would (bash ignores SIGXFSZ, so the write returns an error).
        using var temp = new TempFolder();
        string input = Churn(temp, 3000);
        File.WriteAllText(temp.File("out.txt"), LastMonth);
        File.WriteAllText(temp.File("scores.txt"), LastMonth);
        string runner = Path.Combine(AppContext.BaseDirectory, "bankinsight.dll");
        var start = new ProcessStartInfo("bash", ["-c", $"ulimit -f 64; trap '' XFSZ; exec dotnet '{runner}' churn predict --input_data_path '{input}' --output_data_path '{temp.File("out.txt")}' --scores_path '{temp.File("scores.txt")}'"])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            // The runtime's double-mapped code pages are files too; under the limit they would stop it starting.
            Environment = { ["DOTNET_EnableWriteXorExecute"] = "0" },
        };
        using var process = Process.Start(start)!;
        string err = process.StandardError.ReadToEnd();
        Assert.True(process.WaitForExit(120_000));
        Assert.Equal(2, process.ExitCode);
        Assert.Contains("Cannot write", err);
        Assert.Contains("scores.txt", err);
        Assert.DoesNotContain("internal error", err);
        Assert.Equal(LastMonth, File.ReadAllText(temp.File("out.txt")));
        Assert.Equal(LastMonth, File.ReadAllText(temp.File("scores.txt")));
        AssertOnlyFiles(temp, "customer_losing.del", "out.txt", "scores.txt");
    }

    [Fact]
    public void Sigterm_stops_the_runner_like_ctrl_c_exit_143_with_a_message_and_no_temporary_files()
    {
        using var temp = new TempFolder();
        string input = Churn(temp, 150_000);
        File.WriteAllText(temp.File("out.txt"), LastMonth);
        // The runner as a scheduler starts it: its own process (built beside the tests, with its runtimeconfig).
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "bankinsight.dll"), .. Predict(input, temp.File("out.txt"), "--scores_path", temp.File("scores.txt"))])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        using var process = Process.Start(start)!;
        // Stop it while its temporary files exist: after loading, while scoring and writing.
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (!Directory.GetFiles(temp.Path, ".*.tmp").Any() && !process.HasExited && DateTime.UtcNow < deadline) Thread.Sleep(5);
        Assert.False(process.HasExited, "the job ended before it could be stopped; give it more rows");
        using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!) kill.WaitForExit();
        Assert.True(process.WaitForExit(60_000));
        string err = process.StandardError.ReadToEnd();
        Assert.Equal(143, process.ExitCode);
        Assert.Contains("bankinsight: stopped.", err);
        Assert.Equal(LastMonth, File.ReadAllText(temp.File("out.txt")));
        AssertOnlyFiles(temp, "customer_losing.del", "out.txt");
    }
}
