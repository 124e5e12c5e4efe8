using BankInsight.Common;
using BankInsight.Tests.Support;

namespace BankInsight.Tests.Common;

public class AtomicFileWriterTests
{
    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // Unix permissions; the CI and the bank's servers run Linux
    public void The_temporary_file_is_as_private_as_the_file_it_replaces_while_it_is_written()
    {
        using var temp = new TempFolder();
        string path = temp.File("list.txt");
        File.WriteAllText(path, "last month\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        using var writer = new AtomicFileWriter(path);
        writer.Stream.Write("\"c1\"\n"u8);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(writer.TempPath)); // not 644 while holding ids
        writer.Commit();
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        Assert.Equal("\"c1\"\n", File.ReadAllText(path));
    }
}
