using System.Text;
using BankInsight.Common;
using BankInsight.Tests.Support;

namespace BankInsight.Tests.Common;

/// <summary>A job's files are replaced together or not at all, even when the failure comes at the
/// last step, the rename of the second file after the first was already replaced.</summary>
public class CommitGroupTests
{
    private sealed class FailsToPublish(string path) : ICommittedFile
    {
        public string Path { get; } = path;
        public bool Disposed { get; private set; }
        public void Prepare() { }
        public void Publish() => throw new BankInsightException(ErrorIds.OutputWriteFailed, ErrorKind.WriteError, $"Cannot replace '{Path}'.", Path);
        public void Dispose() => Disposed = true;
    }

    private static AtomicFileWriter Written(string path, string text)
    {
        var writer = new AtomicFileWriter(path);
        writer.Stream.Write(Encoding.UTF8.GetBytes(text));
        return writer;
    }

    [Fact]
    public void When_the_second_rename_fails_the_first_file_gets_its_previous_content_back()
    {
        using var temp = new TempFolder();
        File.WriteAllText(temp.File("list.txt"), "last month's list\n");
        File.WriteAllText(temp.File("scores.txt"), "last month's scores\n");
        var failing = new FailsToPublish(temp.File("scores.txt"));
        using (var group = new CommitGroup())
        {
            group.Add(Written(temp.File("list.txt"), "this month's list\n"));
            group.Add(failing);
            var e = Assert.Throws<BankInsightException>(group.CommitAll);
            Assert.Equal(ErrorIds.OutputWriteFailed, e.ErrorId);
        }
        Assert.Equal("last month's list\n", File.ReadAllText(temp.File("list.txt")));
        Assert.Equal("last month's scores\n", File.ReadAllText(temp.File("scores.txt")));
        Assert.True(failing.Disposed);
        Assert.Equal(["list.txt", "scores.txt"], Directory.GetFileSystemEntries(temp.Path).Select(Path.GetFileName).Order()); // no temporary or .bak file
    }

    [Fact]
    public void A_file_that_did_not_exist_before_is_removed_again()
    {
        using var temp = new TempFolder();
        using (var group = new CommitGroup())
        {
            group.Add(Written(temp.File("new-list.txt"), "this month's list\n"));
            group.Add(new FailsToPublish(temp.File("scores.txt")));
            Assert.Throws<BankInsightException>(group.CommitAll);
        }
        Assert.Empty(Directory.GetFileSystemEntries(temp.Path));
    }

    [Fact]
    public void When_every_rename_succeeds_every_file_is_new()
    {
        using var temp = new TempFolder();
        File.WriteAllText(temp.File("list.txt"), "old\n");
        using (var group = new CommitGroup())
        {
            group.Add(Written(temp.File("list.txt"), "new list\n"));
            group.Add(Written(temp.File("scores.txt"), "new scores\n"));
            group.CommitAll();
        }
        Assert.Equal("new list\n", File.ReadAllText(temp.File("list.txt")));
        Assert.Equal("new scores\n", File.ReadAllText(temp.File("scores.txt")));
        Assert.Equal(2, Directory.GetFileSystemEntries(temp.Path).Length);
    }
}
