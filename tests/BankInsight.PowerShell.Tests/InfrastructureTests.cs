using System.Management.Automation;
using BankInsight.Common;
using BankInsight.PowerShell.Infrastructure;

namespace BankInsight.PowerShell.Tests;

public class InfrastructureTests
{
    [Fact]
    public void Progress_is_throttled_to_every_250_ms_but_completion_always_goes_through()
    {
        long now = 0;
        var host = new FakeHost();
        var sink = new HostSink(host, new ProgressThrottle(() => now));
        sink.Progress(new OperationProgress("Load", "1", 0.1));   // first: sent
        now = 100; sink.Progress(new OperationProgress("Load", "2", 0.2)); // too soon
        now = 260; sink.Progress(new OperationProgress("Load", "3", 0.3)); // sent
        now = 270; sink.Progress(new OperationProgress("Load", "4", 1.0, Completed: true)); // always sent
        Assert.Equal(["1", "3", "4"], host.Progress.Select(p => p.Status));
        Assert.Equal([10, 30, 100], host.Progress.Select(p => p.PercentComplete));
        Assert.True(host.Progress[^1].Completed);
    }

    [Fact]
    public void Percentages_are_clamped_and_unknown_is_minus_one()
    {
        Assert.Equal(100, ProgressThrottle.Percent(1.7));
        Assert.Equal(0, ProgressThrottle.Percent(-0.2));
        Assert.Equal(-1, ProgressThrottle.Percent(null));
        Assert.Equal(-1, ProgressThrottle.Percent(double.NaN));
    }

    [Fact]
    public void Separate_activities_get_their_own_ids_and_clocks()
    {
        long now = 0;
        var host = new FakeHost();
        var sink = new HostSink(host, new ProgressThrottle(() => now));
        sink.Progress(new OperationProgress("A", "a", 0.5));
        sink.Progress(new OperationProgress("B", "b", 0.5));
        Assert.Equal([1, 2], host.Progress.Select(p => p.ActivityId));
    }

    [Theory]
    [InlineData(ErrorKind.InvalidData, ErrorCategory.InvalidData)]
    [InlineData(ErrorKind.ObjectNotFound, ErrorCategory.ObjectNotFound)]
    [InlineData(ErrorKind.InvalidArgument, ErrorCategory.InvalidArgument)]
    [InlineData(ErrorKind.InvalidOperation, ErrorCategory.InvalidOperation)]
    [InlineData(ErrorKind.ReadError, ErrorCategory.ReadError)]
    [InlineData(ErrorKind.WriteError, ErrorCategory.WriteError)]
    [InlineData(ErrorKind.OperationStopped, ErrorCategory.OperationStopped)]
    public void Error_kinds_map_to_real_categories(ErrorKind kind, ErrorCategory category)
    {
        Assert.Equal(category, ErrorMapping.CategoryOf(kind));
    }

    [Fact]
    public void Sink_errors_warnings_and_verbose_pass_through()
    {
        var host = new FakeHost();
        var sink = new HostSink(host);
        var target = new object();
        sink.Error(new BankInsightError(ErrorIds.RowRejected, ErrorKind.InvalidData, "bad row", target));
        sink.Warning("w");
        sink.Verbose("v");
        Assert.Equal((ErrorIds.RowRejected, ErrorCategory.InvalidData, "bad row"), (host.Errors[0].ErrorId, host.Errors[0].Category, host.Errors[0].Message));
        Assert.Same(target, host.Errors[0].Target);
        Assert.Equal(["w"], host.Warnings);
        Assert.Equal(["v"], host.Verbose);
        Assert.Equal(1, sink.ErrorCount);
    }

    [Theory]
    [InlineData("Corp*", "CorporateChurn", true)]
    [InlineData("corp*", "CorporateChurn", true)]
    [InlineData("*Relation", "ProspectRelation", true)]
    [InlineData("Ret?il", "Retail", true)]
    [InlineData("[CR]etail", "Retail", true)]
    [InlineData("Retail", "RetailX", false)]
    [InlineData("a.b", "axb", false)]
    public void Wildcards_match_like_powershell(string pattern, string value, bool expected)
    {
        Assert.Equal(expected, new WildcardMatcher(pattern).IsMatch(value));
    }
}

public class CompleterTests
{
    [Fact]
    public void Schema_names_complete_by_prefix_case_insensitively() =>
        Assert.Equal(["CorporateChurn", "CorporateProspect"], new SchemaNameCompleter().Matches("corp", new System.Collections.Hashtable()));

    [Fact]
    public void Column_names_come_from_the_schema_already_named()
    {
        var completer = new ColumnNameCompleter();
        var retail = completer.Matches("存款", new System.Collections.Hashtable { ["Name"] = "Retail" }).ToList();
        Assert.Equal(["存款余额", "存款月日均", "存款季日均"], retail);
        var bySchema = completer.Matches("*余额", new System.Collections.Hashtable { ["Schema"] = "CorporateChurn" }).ToList();
        Assert.NotEmpty(bySchema);
        Assert.All(bySchema, c => Assert.EndsWith("余额", c));
        Assert.DoesNotContain("存款余额", bySchema);   // a Retail column
        Assert.Contains("存款余额", completer.Matches("存款余", new System.Collections.Hashtable()));   // no schema named: all of them
    }

    [Fact]
    public void Product_aliases_complete() =>
        Assert.Equal(["Deposit"], new ProductNameCompleter().Matches("dep", new System.Collections.Hashtable()));
}
