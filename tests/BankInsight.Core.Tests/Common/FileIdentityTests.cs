using System.Diagnostics;
using BankInsight.Common;
using BankInsight.Tests.Support;

namespace BankInsight.Tests.Common;

public class FileIdentityTests
{
    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // ln; the CI and the bank's servers run Linux
    public void A_hard_link_to_the_input_is_the_same_file()
    {
        using var temp = new TempFolder();
        string input = temp.File("month.del"), link = temp.File("result.txt");
        File.WriteAllText(input, "\"c1\",1\n\"c2\",2\n");
        using (var ln = Process.Start("ln", [input, link])) ln.WaitForExit();
        Assert.True(File.Exists(link));

        var e = Assert.Throws<BankInsightException>(() => FileIdentity.RequireDistinct([("--input_data_path", input, false), ("--output_data_path", link, true)]));
        Assert.Equal(ErrorIds.ParameterInvalid, e.ErrorId);
        Assert.StartsWith($"--input_data_path and --output_data_path name the same file ('{link}') as '{input}' (a hard link,", e.Message);
    }

    [Fact]
    public void Two_files_with_the_same_content_and_time_are_still_two_files()
    {
        // Last month's list and scores can be byte-identical and written in the same millisecond.
        using var temp = new TempFolder();
        string a = temp.File("a.txt"), b = temp.File("b.txt");
        File.WriteAllText(a, "same\n");
        File.WriteAllText(b, "same\n");
        File.SetLastWriteTimeUtc(b, File.GetLastWriteTimeUtc(a));
        FileIdentity.RequireDistinct([("--output_data_path", a, true), ("--scores_path", b, true)]); // no exception
    }

    [Fact]
    public void Names_that_differ_only_in_case_are_one_file_when_both_exist()
    {
        using var temp = new TempFolder();
        string upper = temp.File("Month.del"), lower = temp.File("month.del");
        File.WriteAllText(upper, "x\n");
        File.WriteAllText(lower, "y\n"); // on a case-insensitive share this is the same file as upper
        var e = Assert.Throws<BankInsightException>(() => FileIdentity.RequireDistinct([("--input_data_path", upper, false), ("--output_data_path", lower, true)]));
        Assert.Contains("a name that differs only in case", e.Message);
        FileIdentity.RequireDistinct([("--input_data_path", upper, false), ("--output_data_path", temp.File("new.txt"), true)]);
    }

    [Fact]
    public void Two_inputs_may_be_one_file()
    {
        using var temp = new TempFolder();
        string a = temp.File("a.del");
        File.WriteAllText(a, "x\n");
        FileIdentity.RequireDistinct([("--input_data_path1", a, false), ("--input_data_path2", Path.Combine(temp.Path, ".", "a.del"), false)]);
    }
}
